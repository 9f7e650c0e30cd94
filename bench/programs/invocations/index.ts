// P1's subject: N EcsInvocations of one existing command, shaped like bench/programs/noop (one
// input that replaces, only the ids exported), so the ratio is what the provider adds.
import * as pulumi from "@pulumi/pulumi";
import { EcsInvocation } from "pulumi-ecs-invocation";

const config = new pulumi.Config();
const count = config.requireNumber("count");
const commandId = config.require("commandId");
// A different timeout is a different InvokeCommand: changing it replaces every invocation.
const timeout = config.requireNumber("timeout");
export const ids = Array.from(
  { length: count },
  (_, index) => new EcsInvocation(`run-${index}`, { commandId, instanceIds: ["i-linux0000000000001"], timeout }).id,
);
