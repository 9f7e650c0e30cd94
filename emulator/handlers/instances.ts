// LIMITATIONS: DescribeInstances returns the fields Cloud Assistant users read (identity, status,
// OS, tags, resource group) and fixed network placeholders; filters other than InstanceIds,
// Status, InstanceName, ResourceGroupId and Tag are ignored.
import { isoMinutes, isoSeconds } from "../clock";
import { apiError } from "../errors";
import type { Instance } from "../model/types";
import { Params } from "../wire/params";
import { type Handler, type HandlerContext, listResponse, matchesTags, page, regionOf, tagsBody, tagsParam } from "./context";

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

function instanceBody(instance: Instance): Record<string, unknown> {
  return {
    InstanceId: instance.instanceId,
    InstanceName: instance.instanceName,
    HostName: instance.hostName,
    Status: instance.status,
    RegionId: instance.regionId,
    ZoneId: instance.zoneId,
    InstanceType: instance.instanceType,
    InstanceTypeFamily: instance.instanceType.split(".").slice(0, 2).join("."),
    Cpu: 2,
    Memory: 8192,
    OSType: instance.osType,
    OSName: instance.osName,
    OSNameEn: instance.osName,
    ImageId: instance.osType === "windows" ? "win2022_21H2_x64_dtc_en-us_40G_alibase_20240101.vhd" : "aliyun_3_x64_20G_alibase_20240101.vhd",
    ResourceGroupId: instance.resourceGroupId,
    InstanceChargeType: "PostPaid",
    InstanceNetworkType: "vpc",
    CreationTime: isoMinutes(instance.creationTime),
    StartTime: isoMinutes(instance.startTime),
    Tags: tagsBody(instance.tags),
    SecurityGroupIds: { SecurityGroupId: ["sg-emulator000000001"] },
    PublicIpAddress: { IpAddress: [] },
    InnerIpAddress: { IpAddress: [] },
    VpcAttributes: { VpcId: "vpc-emulator00000001", VSwitchId: "vsw-emulator00000001", PrivateIpAddress: { IpAddress: ["172.16.0.10"] }, NatIpAddress: "" },
    OperationLocks: { LockReason: [] },
  };
}

export const instanceHandlers: Record<string, Handler> = {
  DescribeInstances(ctx, params) {
    const regionId = regionOf(ctx, params);
    let ids: string[] | undefined;
    if (params.has("InstanceIds")) {
      try {
        ids = JSON.parse(params.string("InstanceIds")) as string[];
      } catch {
        throw apiError("InvalidParameter", "InstanceIds");
      }
      if (!Array.isArray(ids)) throw apiError("InvalidParameter", "InstanceIds");
    }
    const name = params.string("InstanceName");
    const tags = tagsParam(params);
    const all = ctx.store.instancesIn(regionId)
      .filter((i) => !ids || ids.includes(i.instanceId))
      .filter((i) => !params.has("Status") || i.status === params.string("Status"))
      .filter((i) => !name || (name.includes("*") ? new RegExp(`^${name.split("*").map((s) => s.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join(".*")}$`).test(i.instanceName) : i.instanceName === name))
      .filter((i) => !params.has("ResourceGroupId") || i.resourceGroupId === params.string("ResourceGroupId"))
      .filter((i) => matchesTags(i.tags, tags));
    // MaxResults is clamped to 10..100 rather than rejected, as documented.
    const clamped = new Map(Object.entries(params.raw));
    if (params.has("MaxResults")) clamped.set("MaxResults", String(Math.min(100, Math.max(10, params.int("MaxResults", 10)))));
    return listResponse(all, new Params(Object.fromEntries(clamped)), "Instances", "Instance", instanceBody, 100);
  },

  DescribeCloudAssistantStatus(ctx, params) {
    const regionId = regionOf(ctx, params);
    const ids = params.list("InstanceId");
    if (ids.length > 100) throw apiError("InstanceIds.ExceedLimit");
    const selected = ids.length > 0
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
            CloudAssistantVersion: instance.agent.installed ? instance.agent.version : "",
            LastHeartbeatTime: online ? isoSeconds(ctx.clock.now()) : "",
            InvocationCount: mine.length,
            ActiveTaskCount: mine.filter((inv) => inv.instances.some((s) => s.instanceId === instance.instanceId && (s.status === "Running" || s.status === "Pending"))).length,
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
