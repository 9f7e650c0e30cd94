// LIMITATIONS: only the Cloud Assistant resource types (`command`, `invocation`) can be tagged; other
// ECS resource types answer InvalidResourceType.NotFound. ListTagResources honours ResourceId.N and
// Tag.N, not TagFilter.N. Going past
// 20 tags on a resource answers InvalidTagCount, the code DescribeInstances documents for tags
// "beyond the permitted range" (TagResources' own code for it is not documented).
// What the real cloud is assumed to do here, and the live check of it: docs/cloud-assumptions.md (A14, A15, A22).
import { apiError, missingParameter } from "../errors";
import { tagsParam } from "../requests/tags";
import type { Params } from "../wire/params";
import { type Handler, type HandlerContext, matchesTags, page, regionOf } from "./context";

const MAX_RESOURCE_IDS = 50;
const MAX_TAGS_PER_RESOURCE = 20;

type Tagged = { tags: Record<string, string> };

/**
 * The region's taggable resources of one type, by id, in the maps that hold them (not copied into
 * one: a region keeps every run).
 */
function resourcesOfType(ctx: HandlerContext, regionId: string, type: string): Record<string, Tagged>[] {
  const region = ctx.store.region(regionId);
  // `invocation` covers command runs and file-sending tasks alike, as TagResources documents the type.
  const byType: Record<string, Record<string, Tagged>[]> = { command: [region.commands], invocation: [region.invocations, region.fileSends ?? {}] };
  const maps = byType[type.toLowerCase()];
  if (!maps) throw apiError("InvalidResourceType.NotFound");
  return maps;
}

/** The tag maps of the named resources, each checked to exist in the region. */
function taggedResources(ctx: HandlerContext, params: Params): Record<string, string>[] {
  const regionId = regionOf(ctx, params);
  const type = params.required("ResourceType");
  const ids = params.list("ResourceId");
  if (ids.length === 0) throw missingParameter("ResourceId");
  if (ids.length > MAX_RESOURCE_IDS) throw apiError("NumberExceed.ResourceIds");
  ctx.store.expireRecords();
  const maps = resourcesOfType(ctx, regionId, type);
  return ids.map((id) => {
    const resource = maps.find((map) => Object.hasOwn(map, id))?.[id];
    if (!resource) throw apiError("InvalidResourceId.NotFound");
    return resource.tags;
  });
}

export const tagHandlers: Record<string, Handler> = {
  /** Adds tags; a key the resource already has gets the new value. */
  TagResources(ctx, params) {
    const tags = tagsParam(params);
    if (Object.keys(tags).length === 0) throw missingParameter("Tag");
    const targets = taggedResources(ctx, params);
    for (const existing of targets) {
      if (Object.keys({ ...existing, ...tags }).length > MAX_TAGS_PER_RESOURCE) throw apiError("InvalidTagCount");
    }
    for (const existing of targets) Object.assign(existing, tags);
    ctx.store.changed();
    return {};
  },

  /** Removes the named tag keys, or every tag with All=true. */
  UntagResources(ctx, params) {
    const keys = params.list("TagKey");
    if (keys.length > MAX_TAGS_PER_RESOURCE) throw apiError("NumberExceed.Tags");
    const all = keys.length === 0 && params.bool("All");
    for (const existing of taggedResources(ctx, params)) {
      for (const key of all ? Object.keys(existing) : keys) delete existing[key];
    }
    ctx.store.changed();
    return {};
  },

  /** One row per tag of the named resources, or of every resource of the type carrying Tag.N. */
  ListTagResources(ctx, params) {
    const regionId = regionOf(ctx, params);
    const type = params.required("ResourceType");
    const ids = params.list("ResourceId");
    if (ids.length > MAX_RESOURCE_IDS) throw apiError("NumberExceed.ResourceIds");
    const wanted = tagsParam(params);
    if (ids.length === 0 && Object.keys(wanted).length === 0) throw missingParameter("ResourceId");
    ctx.store.expireRecords();
    const rows = resourcesOfType(ctx, regionId, type)
      .flatMap((map) => Object.entries(map))
      .filter(([id, resource]) => (ids.length === 0 || ids.includes(id)) && matchesTags(resource.tags, wanted))
      .flatMap(([id, resource]) =>
        Object.entries(resource.tags).map(([TagKey, TagValue]) => ({ ResourceId: id, ResourceType: type.toLowerCase(), TagKey, TagValue })),
      );
    const result = page(rows, params);
    return { NextToken: result.nextToken, TagResources: { TagResource: result.items } };
  },
};
