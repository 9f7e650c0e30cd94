import * as pulumi from "@pulumi/pulumi";
import { EcsCommand, EcsInvocation } from "pulumi-ecs-invocation";

const config = new pulumi.Config();
// Defaults are instances of the bundled emulator's fleet; the bucket must exist in your account.
const instanceIds = config.getObject<string[]>("instanceIds") ?? ["i-linux0000000000001", "i-linux0000000000002"];
const logBucket = config.get("logBucket") ?? "oss://build-logs/releases";

// A chatty command (a build log, a package install): about 20 KB per instance here, and often past the 24 KB the API keeps — OSS gets all of it.
const build = new EcsCommand("build", {
  name: "build-release",
  type: "RunShellScript",
  commandContent: ['for step in $(seq 1 600); do echo "step $step: compiling module-$step.o"; done', 'echo "build finished on {{ACS::InstanceName}}"'].join(
    "\n",
  ),
  timeout: 300,
});

const run = new EcsInvocation("build", {
  commandId: build.id,
  instanceIds,
  // The whole log, however long, is uploaded per instance; the URI and upload status are outputs.
  ossOutputDelivery: logBucket,
  // State keeps only the last 256 bytes of each instance's output: enough to see how it ended,
  // light enough for hundreds of instances.
  outputTailBytes: 256,
});

export const logs = run.instances.apply((instances) =>
  instances.map((i) => ({
    instanceId: i.instanceId,
    fullLog: i.ossOutputUri,
    upload: i.ossOutputStatus,
    lastLine: i.output.trim().split("\n").pop(),
    bytesNotInState: (i.outputOmitted ?? 0) + i.dropped,
  })),
);
