import * as pulumi from "@pulumi/pulumi";
import { EcsInvocation } from "pulumi-ecs-invocation";

const config = new pulumi.Config();
// The existing invocation and what it ran, e.g. from the console or `aliyun ecs DescribeInvocations`.
const invokeId = config.require("invokeId");
const commandId = config.require("commandId");
const instanceIds = config.requireObject<string[]>("instanceIds");

// The standard `import` option adopts the invocation: nothing runs, and the declared inputs must
// match it (a mismatch fails with each differing field). Remove `import` once it is in the stack.
const adopted = new EcsInvocation("adopted", { commandId, instanceIds }, { import: invokeId });

// Read-only view of any invocation, not managed by this stack.
const seen = EcsInvocation.get("seen", invokeId);

export const adoptedStatus = adopted.status;
export const seenStatus = seen.status;
