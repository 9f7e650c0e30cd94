// The provider package from TypeScript: the same resources as `pulumi-ecs-invocation`, served by
// the provider plugin, so `pulumi import` and customTimeouts work as for any native provider.

import * as pulumi from "@pulumi/pulumi";
import { EcsCommand, EcsInvocation } from "@pulumi-ecs-invocation/alicloud-ecs-invocation";

const config = new pulumi.Config();
const message = config.get("message") ?? "hello from the package";

const greet = new EcsCommand("greet", { name: "greet", type: "RunShellScript", commandContent: `echo ${message} on {{ACS::InstanceId}}` });
const run = new EcsInvocation(
  "greet",
  { commandId: greet.id, instanceIds: ["i-linux0000000000001", "i-linux0000000000002"] },
  // The engine hands these to the plugin (a `timeouts` input would win over them).
  { customTimeouts: { create: config.get("createTimeout") ?? "5m", delete: "2m" } },
);

export const invokeId = run.id;
export const status = run.status;
export const outputs = run.instances.apply((instances) => instances.map((i) => i.output.trim()));
