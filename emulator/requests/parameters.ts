/** Request side: the `Parameters` JSON object of an invocation. */
import { apiError } from "../errors";

/** `Parameters` as the JSON object the wire carries, with the documented key and count rules. */
export function parseParameters(raw: string): Record<string, string> {
  if (!raw) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw apiError("InvalidParameter.Parameters");
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw apiError("InvalidParameter.Parameters");
  const entries = Object.entries(parsed as Record<string, unknown>);
  if (entries.length > 10) throw apiError("ParameterCount.ExceedLimit");
  const seen = new Set<string>();
  // JSON.parse keeps only the last of two equal keys, so look for repeats in the raw text too.
  const rawKeys = [...raw.matchAll(/"((?:[^"\\]|\\.)*)"\s*:/g)].map((m) => (m[1] ?? "").toLowerCase());
  if (new Set(rawKeys).size !== rawKeys.length) throw apiError("ParameterKey.Duplicate");
  const out: Record<string, string> = {};
  for (const [key, value] of entries) {
    if (key === "") throw apiError("InvalidParameter.Parameters");
    if (key.length > 64) throw apiError("ParameterKey.ExceedLimit");
    if (seen.has(key.toLowerCase())) throw apiError("ParameterKey.Duplicate");
    seen.add(key.toLowerCase());
    if (typeof value !== "string" && typeof value !== "number" && typeof value !== "boolean") throw apiError("ParameterType.NotSupported");
    out[key] = String(value);
  }
  return out;
}
