/** Response side: the `Tags: {Tag: [...]}` wrapper every Describe* answer uses. */
/** Tags as the `Tags: {Tag: [{TagKey, TagValue}]}` wrapper. */
export function tagsBody(tags: Record<string, string>): { Tag: { TagKey: string; TagValue: string }[] } {
  return { Tag: Object.entries(tags).map(([TagKey, TagValue]) => ({ TagKey, TagValue })) };
}
