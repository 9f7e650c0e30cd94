import type { Clock } from "../clock";
import { apiError } from "../errors";
import type { Executor } from "../executor/executor";
import type { FileCourier } from "../executor/file-courier";
import type { Store } from "../model/store";
import type { RandomSource } from "../random";
import type { Scheduler } from "../schedule/scheduler";
import type { Params } from "../wire/params";
import type { ResponseBody } from "../wire/serialize";

export interface Quotas {
  /** InvokeCommand + RunCommand calls accepted per region per UTC day. */
  dailyInvocations: number;
  /** Commands retained per region. */
  commands: number;
  /**
   * Largest Timeout (seconds) a command or run may ask for: beyond it, InvalidTimeout.ExceedLimit.
   * The API documents that code but not the limit, so there is none unless one is set.
   */
  maxTimeoutSeconds?: number;
}

export interface HandlerContext {
  store: Store;
  clock: Clock;
  random: RandomSource;
  executor: Executor;
  /** Delivers SendFile tasks to the instances. */
  files: FileCourier;
  scheduler: Scheduler;
  quotas: Quotas;
  /** How long Starting / Stopping last for instance state changes. */
  instanceTransitionMs: number;
}

export type Handler = (ctx: HandlerContext, params: Params) => ResponseBody;

/** The request's RegionId, checked against the regions the account can use. */
export function regionOf(ctx: HandlerContext, params: Params): string {
  const regionId = params.required("RegionId");
  if (!ctx.store.hasRegion(regionId)) throw apiError("InvalidRegionId.NotFound");
  return regionId;
}

export function matchesTags(have: Record<string, string>, want: Record<string, string>): boolean {
  return Object.entries(want).every(([k, v]) => have[k] === v || (v === "" && k in have));
}

/**
 * MaxResults/NextToken paging (and the deprecated PageNumber/PageSize). A NextToken names the last
 * item of the page it ends, so the next page starts right after that item even when newer items
 * have arrived in front of it meanwhile (lists are newest first); if that item is gone, it falls
 * back to the position.
 */
export function page<T>(items: readonly T[], params: Params, maxAllowed = 50): { items: T[]; nextToken: string; pageSize: number; pageNumber: number } {
  const pageSize = params.int("PageSize", 10);
  if (params.has("PageSize") && (pageSize < 1 || pageSize > maxAllowed)) throw apiError("InvalidParam.PageSize");
  const maxResults = params.int("MaxResults", pageSize);
  if (maxResults < 1 || maxResults > maxAllowed) throw apiError("InvalidParameter.MaxResults");
  let offset = 0;
  const token = params.string("NextToken");
  if (token) {
    offset = resumeAfter(items, token);
  } else if (params.has("PageNumber")) {
    const pageNumber = params.int("PageNumber", 1);
    if (pageNumber < 1) throw apiError("InvalidParam.PageNumber");
    offset = (pageNumber - 1) * maxResults;
  }
  const slice = items.slice(offset, offset + maxResults);
  const last = slice[slice.length - 1];
  const next = offset + maxResults < items.length && last !== undefined ? encodeToken(offset + slice.length, identityOf(last)) : "";
  return { items: slice, nextToken: next, pageSize: maxResults, pageNumber: Math.floor(offset / maxResults) + 1 };
}

/** What identifies a listed item: its id fields (a result row adds instance and repeat). */
function identityOf(item: unknown): string {
  const record = item as Record<string, unknown>;
  return ["invokeId", "commandId", "instanceId", "InvokeId", "InstanceId", "Repeats", "ResourceId", "TagKey"].map((key) => String(record[key] ?? "")).join("/");
}

function encodeToken(position: number, identity: string): string {
  return Buffer.from(`${position}\n${identity}`, "utf8").toString("base64url");
}

function resumeAfter<T>(items: readonly T[], token: string): number {
  const [position, identity] = Buffer.from(token, "base64url").toString("utf8").split("\n");
  if (identity === undefined || !/^\d+$/.test(position ?? "")) throw apiError("InvalidParameter.NextToken");
  const index = items.findIndex((item) => identityOf(item) === identity);
  return index >= 0 ? index + 1 : Math.min(Number(position), items.length);
}

/**
 * One page of a Describe* list in the API's shape: totals and paging beside
 * `{ <Wrapper>: { <Item>: [...] } }`.
 */
export function listResponse<T>(all: readonly T[], params: Params, wrapper: string, item: string, body: (value: T) => unknown, maxAllowed = 50): ResponseBody {
  const result = page(all, params, maxAllowed);
  return {
    TotalCount: all.length,
    PageSize: result.pageSize,
    PageNumber: result.pageNumber,
    NextToken: result.nextToken,
    [wrapper]: { [item]: result.items.map(body) },
  };
}

export function newId(ctx: HandlerContext, prefix: string): string {
  return `${prefix}-${ctx.random.hex(24)}`;
}

/**
 * ClientToken idempotence (InvokeCommand, RunCommand, SendFile): the id a request with a token seen
 * before created, or undefined for a new token; the same token with another request
 * (`fingerprint`) is IdempotentParameterMismatch.
 */
export function replayedId(ctx: HandlerContext, regionId: string, token: string, fingerprint: string): string | undefined {
  const previous = token ? ctx.store.region(regionId).clientTokens[token] : undefined;
  if (!previous) return undefined;
  if (previous.fingerprint !== fingerprint) throw apiError("IdempotentParameterMismatch");
  return previous.invokeId;
}
