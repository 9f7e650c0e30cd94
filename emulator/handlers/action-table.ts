/**
 * One typed table per action: the wire names come from the official SDK's request model, the
 * fields the emulator reads are listed once (`reads`), the check turns them into a draft, the model
 * operation applies it, and the answer is built as the SDK's response model and put on the wire
 * with its own names. A parameter the SDK defines but `reads` does not list is never consulted, so
 * the fidelity test (test/fidelity/unread-parameters) names it the first time the provider sends it.
 */
import type * as $dara from "@darabonba/typescript";
import { apiError } from "../errors";
import type { Params } from "../wire/params";
import type { ResponseBody } from "../wire/serialize";
import type { Handler, HandlerContext } from "./context";

/** An SDK model class: its fields' wire names and types, and how to build one from plain data. */
export interface ModelClass<M> {
  new (map?: Record<string, unknown>): M;
  names(): Record<string, string>;
  types(): Record<string, unknown>;
}

type DataKeys<M> = { [K in keyof M]-?: M[K] extends (...args: never[]) => unknown ? never : K }[keyof M];

/** The plain data of an SDK model: its fields (nested models as plain data too), without methods. */
export type Fields<M> = {
  [K in DataKeys<M>]?: NonNullable<M[K]> extends (infer E)[]
    ? (E extends $dara.Model ? Fields<E> : E)[]
    : NonNullable<M[K]> extends $dara.Model
      ? Fields<NonNullable<M[K]>>
      : M[K];
};

/** A field as it arrives on the wire: a map (Parameters) comes as its JSON text, for the action to parse. */
type Wire<V> = V extends $dara.Model | unknown[] ? V : V extends Record<string, unknown> ? string : V;

/** The request's fields an action reads, as the SDK types them (maps as their JSON text). */
export type Read<R, F extends keyof R> = { [K in F]: Wire<NonNullable<R[K]>> | undefined };

export interface ActionSpec<R, F extends keyof R, D, B> {
  /** The SDK's request model (wire names and types). */
  request: ModelClass<R>;
  /** The fields this action reads; everything else a caller sends goes unread (and is reported). */
  reads: readonly F[];
  /** The documented checks: the request as a draft of what the model operation will do. */
  check(ctx: HandlerContext, request: Read<R, F>, params: Params): D;
  /** The model operation, answering with the response model's fields. */
  apply(ctx: HandlerContext, draft: D): Fields<B>;
  /** The SDK's response body model: the answer goes on the wire under its names. */
  response: ModelClass<B>;
}

/** The handler of an action described by its table entry. */
export function action<R, F extends keyof R, D, B extends $dara.Model>(spec: ActionSpec<R, F, D, B>): Handler {
  return (ctx, params) => {
    const request = readRequest(spec.request, spec.reads, params);
    const body = new spec.response(spec.apply(ctx, spec.check(ctx, request, params)) as Record<string, unknown>);
    return body.toMap() as ResponseBody;
  };
}

/** Reads the listed fields from the flattened wire parameters, by the SDK model's names and types. */
export function readRequest<R, F extends keyof R>(model: ModelClass<R>, fields: readonly F[], params: Params): Read<R, F> {
  const names = model.names();
  const types = model.types();
  const out: Record<string, unknown> = {};
  for (const field of fields) {
    const key = String(field);
    const wire = names[key];
    if (!wire) throw new Error(`${key} is not a field of the SDK's request model`);
    out[key] = readValue(params, wire, types[key]);
  }
  return out as Read<R, F>;
}

function readValue(params: Params, wire: string, type: unknown): unknown {
  if (type === "string") return params.has(wire) ? params.string(wire) : undefined;
  if (type === "number") return params.has(wire) ? params.int(wire, 0) : undefined;
  if (type === "boolean") {
    if (!params.has(wire)) return undefined;
    const text = params.string(wire).toLowerCase();
    if (text !== "true" && text !== "false") throw apiError("InvalidParameter", wire);
    return text === "true";
  }
  const spec = type as { type?: string; itemType?: unknown } | undefined;
  if (spec?.type === "map") return params.has(wire) ? params.string(wire) : undefined;
  const item = spec?.itemType;
  if (item === "string") return params.list(wire);
  // A list of key/value models (Tag.N.Key, Tag.N.Value): read as pairs, checked by the action.
  if (typeof item === "function") return params.pairs(wire);
  throw new Error(`reading ${wire} (${JSON.stringify(type)}) is not implemented`);
}
