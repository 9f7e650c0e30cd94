import * as pulumi from "@pulumi/pulumi";
import { EcsCommand, EcsInvocation } from "pulumi-ecs-invocation";

const config = new pulumi.Config();
// Defaults are instances of the bundled emulator's fleet; set your own with
// `pulumi config set --path 'instanceIds[0]' i-bp1…`.
const instanceIds = config.getObject<string[]>("instanceIds") ?? ["i-linux0000000000001", "i-linux0000000000002"];

const hello = new EcsCommand("hello", {
  name: "hello-from-pulumi",
  type: "RunShellScript",
  commandContent: 'echo "hello from {{ACS::InstanceName}} ({{ACS::InstanceId}}) as $(whoami)"',
  description: "Says hello",
  timeout: 60,
});

const run = new EcsInvocation("hello", {
  commandId: hello.id,
  instanceIds,
});

export const invokeId = run.id;
export const status = run.status;
export const results = run.instances.apply((instances) =>
  instances.map((i) => ({ instanceId: i.instanceId, status: i.status, exitCode: i.exitCode, output: i.output.trim() })),
);
