// LIMITATIONS: DescribeInstances fills the fields Cloud Assistant users read (identity, status, OS,
// names, zone, network, tags, creation time) with plausible fixed values for billing and hardware;
// it honours InstanceIds, Status, InstanceName (with *), ZoneId, InstanceType, InstanceTypeFamily,
// ImageId, VpcId, VSwitchId, InstanceNetworkType, InstanceChargeType, PrivateIpAddresses,
// ResourceGroupId, Tag.N and the CreationStartTime/CreationEndTime filters; other filters are ignored.
// The message of InvalidFilterKey.NotFound is blank in the docs; the emulator writes one.
// What the real cloud is assumed to do here, and the live check of it: docs/cloud-assumptions.md (A6, A18).
import { isoSeconds } from "../clock";
import { apiError } from "../errors";
import type { Instance } from "../model/types";
import { tagsParam } from "../requests/tags";
import { imageIdOf, instanceBody, instanceTypeFamily, privateIpOf, VPC } from "../responses/instance-body";
import { Params } from "../wire/params";
import { type Handler, type HandlerContext, listResponse, matchesTags, page, regionOf } from "./context";

function instanceById(ctx: HandlerContext, instanceId: string): Instance {
  const instance = ctx.store.instance(instanceId);
  if (!instance) throw apiError("InvalidInstanceId.NotFound");
  return instance;
}

/** Moves an instance through a transitional state, then calls `done` when it settles. */
function transition(ctx: HandlerContext, instance: Instance, during: Instance["status"], after: Instance["status"], done?: () => void): void {
  instance.status = during;
  ctx.store.changed();
  ctx.clock.setTimer(() => {
    instance.status = after;
    if (after === "Running") {
      instance.startTime = ctx.clock.now();
      instance.bootCount += 1;
    }
    ctx.store.changed();
    done?.();
  }, ctx.instanceTransitionMs);
}

/**
 * RebootInstance / StartInstance / StopInstance: the instance must be in `from`, passes through
 * `during`, settles in `after`; a boot runs the reboot-triggered invocations waiting for it.
 */
function powerAction(from: Instance["status"], during: Instance["status"], after: Instance["status"], boots: boolean): Handler {
  return (ctx, params) => {
    const instance = instanceById(ctx, params.required("InstanceId"));
    if (instance.status !== from) throw apiError("IncorrectInstanceStatus");
    if (params.bool("DryRun")) throw apiError("DryRunOperation");
    transition(ctx, instance, during, after, boots ? () => ctx.scheduler.onBoot(instance.instanceId) : undefined);
    return {};
  };
}

const STATUSES = new Set(["Pending", "Running", "Starting", "Stopping", "Stopped"]);

/** A JSON-array filter (InstanceIds, PrivateIpAddresses): up to 100 strings. */
function jsonList(params: Params, name: string): string[] | undefined {
  if (!params.has(name)) return undefined;
  let list: unknown;
  try {
    list = JSON.parse(params.string(name));
  } catch {
    throw apiError("InvalidParameter", name);
  }
  if (!Array.isArray(list) || list.length > 100 || !list.every((v) => typeof v === "string")) throw apiError("InvalidParameter", name);
  return list as string[];
}

/** Filter.N CreationStartTime / CreationEndTime as epoch ms ("yyyy-MM-ddTHH:mmZ"). */
function creationWindow(params: Params): { from?: number; to?: number } {
  const window: { from?: number; to?: number } = {};
  for (const { key, value } of params.pairs("Filter")) {
    if (key !== "CreationStartTime" && key !== "CreationEndTime" && key !== "ExpiredStartTime" && key !== "ExpiredEndTime")
      throw apiError("InvalidFilterKey.NotFound");
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}Z$/.test(value ?? "")) throw apiError("InvalidParameter", key);
    const at = Date.parse((value ?? "").replace("Z", ":00Z"));
    if (key === "CreationStartTime") window.from = at;
    if (key === "CreationEndTime") window.to = at;
  }
  return window;
}

export const instanceHandlers: Record<string, Handler> = {
  DescribeInstances(ctx, params) {
    const regionId = regionOf(ctx, params);
    const ids = jsonList(params, "InstanceIds");
    const ips = jsonList(params, "PrivateIpAddresses");
    if (params.has("Status") && !STATUSES.has(params.string("Status"))) throw apiError("InvalidStatus.NotFound");
    if (params.has("InstanceNetworkType") && !["vpc", "classic"].includes(params.string("InstanceNetworkType"))) throw apiError("InvalidNetworkType.NotFound");
    if (params.has("InstanceChargeType") && !["PrePaid", "PostPaid"].includes(params.string("InstanceChargeType")))
      throw apiError("InvalidInstanceChargeType.NotFound");
    const window = creationWindow(params);
    const name = params.string("InstanceName");
    const tags = tagsParam(params);
    const equals = (value: string, param: string) => !params.has(param) || value === params.string(param);
    const all = ctx.store
      .instancesIn(regionId)
      .filter((i) => !ids || ids.includes(i.instanceId))
      .filter((i) => !ips || ips.includes(privateIpOf(i)))
      .filter((i) => equals(i.status, "Status") && equals(i.zoneId, "ZoneId") && equals(i.instanceType, "InstanceType"))
      .filter((i) => equals(instanceTypeFamily(i), "InstanceTypeFamily") && equals(imageIdOf(i), "ImageId") && equals(i.resourceGroupId, "ResourceGroupId"))
      .filter(
        () =>
          equals(VPC.VpcId, "VpcId") && equals(VPC.VSwitchId, "VSwitchId") && equals("vpc", "InstanceNetworkType") && equals("PostPaid", "InstanceChargeType"),
      )
      .filter((i) => (window.from === undefined || i.creationTime >= window.from) && (window.to === undefined || i.creationTime <= window.to))
      .filter(
        (i) =>
          !name ||
          (name.includes("*")
            ? new RegExp(
                `^${name
                  .split("*")
                  .map((s) => s.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
                  .join(".*")}$`,
              ).test(i.instanceName)
            : i.instanceName === name),
      )
      .filter((i) => matchesTags(i.tags, tags));
    // MaxResults is clamped to 10..100 rather than rejected, as documented.
    const clamped = new Map(Object.entries(params.raw));
    if (params.has("MaxResults")) clamped.set("MaxResults", String(Math.min(100, Math.max(10, params.int("MaxResults", 10)))));
    return listResponse(all, new Params(Object.fromEntries(clamped), params.consulted), "Instances", "Instance", instanceBody, 100);
  },

  DescribeCloudAssistantStatus(ctx, params) {
    const regionId = regionOf(ctx, params);
    const ids = params.list("InstanceId");
    if (ids.length > 100) throw apiError("InstanceIds.ExceedLimit");
    const selected =
      ids.length > 0
        ? ids.map((id) => {
            const instance = ctx.store.instance(id);
            if (!instance || instance.regionId !== regionId) throw apiError("InvalidInstance.NotFound");
            return instance;
          })
        : ctx.store.instancesIn(regionId).filter((i) => !params.has("OSType") || i.osType.toLowerCase() === params.string("OSType").toLowerCase());
    const result = ids.length > 0 ? { items: selected, nextToken: "", pageSize: selected.length, pageNumber: 1 } : page(selected, params);
    const invocations = Object.values(ctx.store.region(regionId).invocations);
    return {
      TotalCount: selected.length,
      PageSize: result.pageSize,
      PageNumber: result.pageNumber,
      NextToken: result.nextToken,
      InstanceCloudAssistantStatusSet: {
        InstanceCloudAssistantStatus: result.items.map((instance) => {
          const online = instance.agent.installed && instance.agent.running && instance.status === "Running";
          const mine = invocations.filter((inv) => inv.instances.some((s) => s.instanceId === instance.instanceId));
          return {
            InstanceId: instance.instanceId,
            OSType: instance.osType === "windows" ? "Windows" : "Linux",
            CloudAssistantStatus: String(online),
            // Empty when the agent is not installed or not running, as the page says.
            CloudAssistantVersion: instance.agent.installed && instance.agent.running ? instance.agent.version : "",
            LastHeartbeatTime: online ? isoSeconds(ctx.clock.now()) : "",
            InvocationCount: mine.length,
            ActiveTaskCount: mine.filter((inv) =>
              inv.instances.some((s) => s.instanceId === instance.instanceId && (s.status === "Running" || s.status === "Pending")),
            ).length,
            LastInvokedTime: mine.length > 0 ? isoSeconds(Math.max(...mine.map((m) => m.creationTime))) : "",
            SupportSessionManager: online,
          };
        }),
      },
    };
  },

  RebootInstance: powerAction("Running", "Starting", "Running", true),
  StartInstance: powerAction("Stopped", "Starting", "Running", true),
  StopInstance: powerAction("Running", "Stopping", "Stopped", false),

  DescribeRegions(ctx) {
    return {
      Regions: {
        Region: ctx.store.regions.map((regionId) => ({
          RegionId: regionId,
          RegionEndpoint: `ecs.${regionId}.aliyuncs.com`,
          LocalName: regionId,
          Status: "available",
        })),
      },
    };
  },
};
