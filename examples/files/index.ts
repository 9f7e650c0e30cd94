import * as pulumi from "@pulumi/pulumi";
import { EcsFile, EcsInvocation, getEcsCommandsOutput, getEcsInvocationsOutput } from "pulumi-ecs-invocation";

const config = new pulumi.Config();
const port = config.get("port") ?? "8080";
const apiToken = config.requireSecret("apiToken");

// The file lands on both instances with mode 0600; its content is stored as a secret. Changing it
// sends it again; reordering the instances does not. Destroy removes it (onDelete).
const conf = new EcsFile("app-conf", {
  name: "app.conf",
  content: pulumi.interpolate`port=${port}\ntoken=${apiToken}\n`,
  targetDir: "/root/app",
  fileMode: "0600",
  instanceIds: ["i-linux0000000000001", "i-linux0000000000002"],
  waitForAgent: true,
  onDelete: { commandContent: "rm -f ~/app/app.conf" },
});

// A command reads it once it is there: dependsOn orders the two.
const check = new EcsInvocation(
  "check-conf",
  {
    commandContent: "stat -c '%a' ~/app/app.conf && grep -c = ~/app/app.conf",
    instanceIds: ["i-linux0000000000001", "i-linux0000000000002"],
    triggers: [conf.contentSha256],
  },
  { dependsOn: [conf] },
);

// Lookups: a public command by name instead of its id, and what ran with it.
const update = getEcsCommandsOutput({ commandProvider: "AlibabaCloud.ECS.GuestOS", name: "ACS-ECS-UpdateAgent-Linux", latest: true });
const ran = getEcsInvocationsOutput({ ids: [check.id] });

export const fileTask = conf.id;
export const delivered = conf.instances.apply((instances) => instances.map((i) => `${i.instanceId}: ${i.status}`));
export const checked = check.instances.apply((instances) => instances.map((i) => i.output.trim()));
export const publicCommand = update.apply((found) => found.names[0] ?? "none");
export const ranStatus = ran.apply((found) => found.invocations.map((i) => i.status));
