/**
 * Property values between the engine's wire form (protobuf Struct, with secrets as signed objects)
 * and the plain objects the lifecycle works with. The lifecycle never sees a secret wrapper: which
 * top-level properties were secret is kept aside and put back on the way out, with the ones the
 * provider itself always keeps secret (the one secrecy rule: lifecycle/secrecy).
 */
import type { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { engineValue } from "../lifecycle/engine-values";

/** The signature key of a special value and the one that marks it a secret (Pulumi's wire format). */
const SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

/** The sentinel of a value not yet known at preview (the same the dynamic provider sees). */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export type Properties = Record<string, unknown>;

export interface Unwrapped {
  values: Properties;
  /** Top-level properties that were secret, anywhere inside. */
  secrets: Set<string>;
}

/** A Struct as plain values, secrets unwrapped and remembered by top-level key. */
export function fromStruct(struct: Struct | undefined): Unwrapped {
  return unwrapSecrets(struct?.toJavaScript() as Properties | undefined);
}

/** The engine's plain values (a Struct's), secrets unwrapped and remembered by top-level key. */
export function unwrapSecrets(raw: Properties = {}): Unwrapped {
  const secrets = new Set<string>();
  const values: Properties = {};
  for (const [key, value] of Object.entries(raw)) {
    let secret = false;
    values[key] = unwrap(value, () => {
      secret = true;
    });
    if (secret) secrets.add(key);
  }
  return { values, secrets };
}

function unwrap(value: unknown, sawSecret: () => void): unknown {
  if (Array.isArray(value)) return value.map((item) => unwrap(item, sawSecret));
  if (value === null || typeof value !== "object") return value;
  const object = value as Properties;
  if (object[SIG_KEY] === SECRET_SIG) {
    sawSecret();
    return unwrap(object["value"], sawSecret);
  }
  return Object.fromEntries(Object.entries(object).map(([k, v]) => [k, unwrap(v, sawSecret)]));
}

/** Plain values as a Struct, the given top-level keys wrapped as secrets; `undefined` left out. */
export function toStruct(values: object, secrets: ReadonlySet<string>, StructClass: typeof Struct): Struct {
  return StructClass.fromJavaScript(wireValues(values, secrets) as Record<string, never>);
}

/** Plain values as the engine takes them, the given top-level keys wrapped as secrets; `undefined` left out. */
export function wireValues(values: object, secrets: ReadonlySet<string>): Properties {
  const out: Properties = {};
  for (const [key, value] of Object.entries(engineValue(values))) {
    out[key] = secrets.has(key) && value !== UNKNOWN ? { [SIG_KEY]: SECRET_SIG, value } : value;
  }
  return out;
}
