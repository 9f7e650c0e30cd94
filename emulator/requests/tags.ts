/** Request side: reading `Tag.N` parameters with the documented rules. */
import { apiError } from "../errors";
import type { Params } from "../wire/params";

/** `Tag.N.Key/Value` with the documented checks (≤ 20, keys non-empty, unique, no acs:/aliyun key prefix, no URLs). */
export function tagsParam(params: Params, name = "Tag"): Record<string, string> {
  const pairs = params.pairs(name);
  if (pairs.length > 20) throw apiError("NumberExceed.Tags");
  const tags: Record<string, string> = {};
  for (const { key, value } of pairs) {
    if (!key) throw apiError("MissingParameter.TagKey");
    if (key.length > 64 || /^(acs:|aliyun)/i.test(key) || /https?:\/\//i.test(key)) throw apiError("InvalidTagKey.Malformed");
    // Values may start with acs: or aliyun (only keys may not); neither may contain a URL.
    if ((value ?? "").length > 128 || /https?:\/\//i.test(value ?? "")) throw apiError("InvalidTagValue.Malformed");
    if (key in tags) throw apiError("Duplicate.TagKey");
    tags[key] = value ?? "";
  }
  return tags;
}
