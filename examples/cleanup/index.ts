import * as pulumi from "@pulumi/pulumi";
import { EcsCommand, EcsInvocation } from "pulumi-ecs-invocation";

const config = new pulumi.Config();
// Defaults are instances of the bundled emulator's fleet.
const instanceIds = config.getObject<string[]>("instanceIds") ?? ["i-linux0000000000001", "i-linux0000000000002"];
const version = config.get("version") ?? "1.4.2";

const install = new EcsCommand("install-exporter", {
  name: "install-exporter",
  type: "RunShellScript",
  enableParameter: true,
  commandContent: ["mkdir -p ~/exporter", "echo {{version}} > ~/exporter/VERSION", 'echo "exporter {{version}} installed on {{ACS::InstanceName}}"'].join("\n"),
});

// onDelete: when this invocation is destroyed — or replaced, e.g. for a new version — the cleanup
// runs on the same instances first, after the old run has settled and before any new run.
// A failed cleanup fails the destroy (onFailure: "fail", the default) and keeps the resource in
// state; the next destroy runs it again. It never runs twice or beside itself.
const run = new EcsInvocation("install-exporter", {
  commandId: install.id,
  instanceIds,
  parameters: { version },
  secretOutput: false,
  onDelete: {
    commandContent: 'rm -rf ~/exporter && echo "exporter removed from {{ACS::InstanceName}}"',
    timeout: "2m",
    onFailure: "fail",
  },
});

export const installed = run.instances.apply((instances) => instances.map((i) => `${i.instanceId}: ${i.output.trim()}`));
