import { readFileSync } from "node:fs";
import type { Instance } from "./types";

/** What a fleet file may say about one instance; everything else gets a sensible default. */
export type InstanceSpec = Partial<Instance> & Pick<Instance, "instanceId">;

export const DEFAULT_REGION = "cn-hangzhou";
export const DEFAULT_REGIONS = ["cn-hangzhou", "cn-shanghai", "cn-beijing", "ap-southeast-1", "us-west-1", "eu-central-1"];

/**
 * The default fleet: three running Linux instances, a running Windows one, a stopped Linux one and a
 * Linux one without the Cloud Assistant agent, all in cn-hangzhou.
 */
export const DEFAULT_FLEET: InstanceSpec[] = [
  { instanceId: "i-linux0000000000001", instanceName: "web-1", tags: { env: "demo", role: "web" }, containers: [{ id: "a".repeat(64), name: "nginx" }] },
  { instanceId: "i-linux0000000000002", instanceName: "web-2", tags: { env: "demo", role: "web" } },
  { instanceId: "i-linux0000000000003", instanceName: "db-1", tags: { env: "demo", role: "db" }, users: ["root", "postgres"] },
  {
    instanceId: "i-windows00000000001",
    instanceName: "win-1",
    osType: "windows",
    osName: "Windows Server 2022",
    users: ["System", "Administrator"],
    tags: { env: "demo", role: "win" },
  },
  { instanceId: "i-stopped00000000001", instanceName: "stopped-1", status: "Stopped", tags: { env: "demo" } },
  { instanceId: "i-noagent00000000001", instanceName: "no-agent-1", tags: { env: "demo" }, agent: { installed: false, running: false, version: "" } },
];

export function buildInstance(spec: InstanceSpec, now: number): Instance {
  const windows = spec.osType === "windows";
  return {
    instanceName: spec.instanceId,
    regionId: DEFAULT_REGION,
    zoneId: `${spec.regionId ?? DEFAULT_REGION}-h`,
    status: "Running",
    osType: "linux",
    osName: windows ? "Windows Server 2022" : "Alibaba Cloud Linux 3.2104 LTS 64 bit",
    instanceType: "ecs.g7.large",
    hostName: spec.instanceName ?? spec.instanceId,
    // Public images in mainland China regions run on China time; elsewhere on UTC.
    timeZone: (spec.regionId ?? DEFAULT_REGION).startsWith("cn-") ? "Asia/Shanghai" : "UTC",
    resourceGroupId: "rg-default0000000001",
    tags: {},
    users: windows ? ["System"] : ["root"],
    containers: [],
    agent: { installed: true, running: true, version: "2.2.3.857" },
    creationTime: now,
    startTime: now,
    bootCount: 0,
    ...spec,
  };
}

export function loadFleetFile(path: string): InstanceSpec[] {
  const parsed = JSON.parse(readFileSync(path, "utf8")) as unknown;
  const list = Array.isArray(parsed) ? parsed : (parsed as { instances?: unknown }).instances;
  if (!Array.isArray(list)) throw new Error(`${path}: expected a JSON array of instances or {"instances": [...]}`);
  for (const item of list) {
    if (typeof item?.instanceId !== "string" || !item.instanceId.startsWith("i-")) {
      throw new Error(`${path}: every instance needs an instanceId starting with "i-"`);
    }
  }
  return list as InstanceSpec[];
}
