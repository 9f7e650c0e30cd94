/** Request side: reading `Tag.N` / `ResourceTag.N` parameters with the documented rules. */
import { type ApiError, apiError } from "../errors";
import type { Params } from "../wire/params";

/** The same rules for both lists, with each list's own limit and errors (raised where named, for the fidelity table). */
const LISTS = {
  Tag: {
    max: 20,
    tooMany: () => apiError("NumberExceed.Tags"),
    missingKey: () => apiError("MissingParameter.TagKey"),
    badKey: () => apiError("InvalidTagKey.Malformed"),
    badValue: () => apiError("InvalidTagValue.Malformed"),
    duplicate: () => apiError("Duplicate.TagKey"),
  },
  ResourceTag: {
    max: 10,
    tooMany: () => apiError("NumberExceed.ResourceTags"),
    missingKey: () => apiError("MissingParameter.ResourceTagKey"),
    badKey: () => apiError("InvalidResourceTagKey.Malformed"),
    badValue: () => apiError("InvalidResourceTagValue.Malformed"),
    duplicate: () => apiError("Duplicate.ResourceTagKey"),
  },
} satisfies Record<string, { max: number } & Record<"tooMany" | "missingKey" | "badKey" | "badValue" | "duplicate", () => ApiError>>;

/**
 * `Tag.N.Key/Value` (or `ResourceTag.N…`) with the documented checks: at most 20 (10), keys
 * non-empty, ≤ 64 characters, unique, without an acs:/aliyun prefix; values ≤ 128; no URLs.
 */
export function tagsParam(params: Params, name: keyof typeof LISTS = "Tag"): Record<string, string> {
  const rules = LISTS[name];
  const pairs = params.pairs(name);
  if (pairs.length > rules.max) throw rules.tooMany();
  const tags: Record<string, string> = {};
  for (const { key, value } of pairs) {
    if (!key) throw rules.missingKey();
    if (key.length > 64 || /^(acs:|aliyun)/i.test(key) || /https?:\/\//i.test(key)) throw rules.badKey();
    // Values may start with acs: or aliyun (only keys may not); neither may contain a URL.
    if ((value ?? "").length > 128 || /https?:\/\//i.test(value ?? "")) throw rules.badValue();
    if (key in tags) throw rules.duplicate();
    tags[key] = value ?? "";
  }
  return tags;
}
