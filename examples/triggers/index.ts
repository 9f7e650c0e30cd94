import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import * as pulumi from "@pulumi/pulumi";
import { EcsCommand, EcsInvocation } from "pulumi-ecs-invocation";

const config = new pulumi.Config();
// Defaults are instances of the bundled emulator's fleet.
const instanceIds = config.getObject<string[]>("instanceIds") ?? ["i-linux0000000000001", "i-linux0000000000002"];

// The artifact this deploy ships. Here a file beside the program; in a real pipeline, the build
// output (or its digest from your artifact store). Its SHA-256 is what decides whether to re-run.
const artifactSha256 = createHash("sha256")
  .update(readFileSync(`${__dirname}/release.txt`))
  .digest("hex");

// The script itself never changes: it fetches and installs "the current release". Without
// triggers, Pulumi would see no change and never run it again.
const deploy = new EcsCommand("deploy", {
  name: "deploy-release",
  type: "RunShellScript",
  commandContent: ["mkdir -p ~/app", "date -u +%FT%TZ >> ~/app/deploys.log", 'echo "deploy number $(wc -l < ~/app/deploys.log) on {{ACS::InstanceName}}"'].join(
    "\n",
  ),
  timeout: 60,
});

// `triggers`: when any value differs from the last `pulumi up`, the invocation is replaced and the
// command runs again (the old invocation is settled first, never overlapping the new run).
const rollout = new EcsInvocation("deploy", {
  commandId: deploy.id,
  instanceIds,
  triggers: [artifactSha256],
});

export const artifact = artifactSha256;
export const invokeId = rollout.id;
export const results = rollout.instances.apply((instances) => instances.map((i) => ({ instanceId: i.instanceId, status: i.status, output: i.output.trim() })));
