import * as pulumi from "@pulumi/pulumi";
import { EcsCommand, EcsInvocation } from "pulumi-ecs-invocation";

const config = new pulumi.Config();
const instanceIds = config.getObject<string[]>("instanceIds") ?? ["i-linux0000000000001", "i-linux0000000000002"];
// The instance on which the check fails; set it to "none" to make every instance pass.
const broken = config.get("brokenInstance") ?? "i-linux0000000000002";

const check = new EcsCommand("preflight", {
  name: "preflight",
  type: "RunShellScript",
  commandContent: [
    'echo "preflight on {{ACS::InstanceId}}"',
    `if [ "{{ACS::InstanceId}}" = "${broken}" ]; then echo "disk /data is 97% full" >&2; exit 3; fi`,
    "echo ok",
  ].join("\n"),
});

// `pulumi up` fails with the failing instance's exit code and output; the invocation stays in the
// stack, and the next `pulumi up` replaces it — the command runs again.
const run = new EcsInvocation("preflight", { commandId: check.id, instanceIds });

export const status = run.status;
