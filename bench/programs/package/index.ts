// P1's native subject: the same N EcsInvocations as bench/programs/invocations, from the provider
// package's generated SDK, served by the plugin instead of the dynamic provider.

import * as pulumi from "@pulumi/pulumi";
import { EcsInvocation } from "@pulumi-ecs-invocation/alicloud-ecs-invocation";

const config = new pulumi.Config();
const count = config.requireNumber("count");
const commandId = config.require("commandId");
// A different timeout is a different InvokeCommand: changing it replaces every invocation.
const timeout = config.requireNumber("timeout");
export const ids = Array.from(
  { length: count },
  (_, index) => new EcsInvocation(`run-${index}`, { commandId, instanceIds: ["i-linux0000000000001"], timeout }).id,
);
