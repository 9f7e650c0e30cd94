import * as pulumi from "@pulumi/pulumi";
import { EcsCommand, EcsInvocation } from "pulumi-ecs-invocation";

const config = new pulumi.Config();
// The bundled emulator's fleet has two instances with role=web.
const role = config.get("role") ?? "web";

const warm = new EcsCommand("warm-cache", {
  name: "warm-cache",
  type: "RunShellScript",
  commandContent: 'echo "cache warmed on {{ACS::InstanceName}}"',
});

// Every instance carrying role=<role> when the command runs (at most 100).
const run = new EcsInvocation("warm-cache", {
  commandId: warm.id,
  resourceTags: { role },
});

// Which instances the tags matched when the command ran.
export const ranOn = run.instances.apply((instances) => instances.map((i) => i.instanceId).sort());
// After `pulumi refresh`: set when the tags now select other instances (added / removed), with a
// warning at preview. Nothing re-runs by itself; `pulumi up --replace` runs it on the new set.
export const drift = run.targetDrift;
