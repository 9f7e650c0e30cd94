import * as pulumi from "@pulumi/pulumi";
import { EcsCommand, EcsInvocation } from "pulumi-ecs-invocation";

const config = new pulumi.Config();
// In a real program these ids come from the instances the same program creates, e.g. with
// @pulumi/alicloud: `const web = new alicloud.ecs.Instance("web", {...}); instanceIds: [web.id]`.
// Such an instance has an id long before it has booted and its Cloud Assistant agent is online.
// Defaults are instances of the bundled emulator's fleet.
const instanceIds = config.getObject<string[]>("instanceIds") ?? ["i-linux0000000000001", "i-linux0000000000002"];

const bootstrap = new EcsCommand("bootstrap", {
  name: "bootstrap",
  type: "RunShellScript",
  commandContent: ["mkdir -p ~/app", "echo bootstrapped > ~/app/STATE", 'echo "{{ACS::InstanceName}} bootstrapped"'].join("\n"),
  timeout: 120,
});

// waitForAgent: before sending the command, wait until every instance is Running with its agent
// online (within timeouts.create). Without it, a command sent to an instance still booting ends
// Invalid there. If the timeout passes first, `up` fails naming each instance and why, and nothing runs.
const run = new EcsInvocation("bootstrap", {
  commandId: bootstrap.id,
  instanceIds,
  waitForAgent: true,
  timeouts: { create: "10m" },
});

export const status = run.status;
export const results = run.instances.apply((instances) => instances.map((i) => `${i.instanceId}: ${i.output.trim()}`));
