// P5's subject: one EcsInvocation of an existing command (or an inline script) across the fleet
// the bench made (`count` instances named `<prefix>0…1`…), in a rollout of `maxConcurrency`.
import * as pulumi from "@pulumi/pulumi";
import { EcsInvocation } from "pulumi-ecs-invocation";

const config = new pulumi.Config();
const count = config.requireNumber("count");
const prefix = config.require("prefix");
const instanceIds = Array.from({ length: count }, (_, i) => `${prefix}${String(i + 1).padStart(20 - prefix.length, "0")}`);
const commandId = config.get("commandId");
const maxConcurrency = config.getNumber("maxConcurrency");
const run = new EcsInvocation("fleet", {
  ...(commandId ? { commandId } : { commandContent: "echo ok" }),
  instanceIds,
  ...(maxConcurrency ? { rollout: { maxConcurrency } } : {}),
  liveOutput: false,
  outputTailBytes: 0,
  timeouts: { create: "10m" },
});
export const status = run.status;
