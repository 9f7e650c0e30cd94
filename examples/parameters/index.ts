import * as pulumi from "@pulumi/pulumi";
import { EcsCommand, EcsInvocation } from "pulumi-ecs-invocation";

const config = new pulumi.Config();
const instanceIds = config.getObject<string[]>("instanceIds") ?? ["i-linux0000000000001"];
// Set it with `pulumi config set --secret dbPassword …`; the example falls back to a demo value.
const dbPassword = config.getSecret("dbPassword") ?? pulumi.secret("demo-password");

// {{name}} placeholders are filled from the invocation's parameters (enableParameter: true).
const configure = new EcsCommand("configure-app", {
  name: "configure-app",
  type: "RunShellScript",
  enableParameter: true,
  commandContent: [
    "mkdir -p ~/app",
    "printf 'DB_USER={{dbUser}}\\nDB_PASSWORD={{dbPassword}}\\n' > ~/app/env",
    "chmod 600 ~/app/env",
    'echo "wrote ~/app/env for {{dbUser}} ($(wc -l < ~/app/env) lines)"',
  ].join("\n"),
});

// `parameters` is always stored as a secret: the password never appears in plain text in state.
// previewDryRun: before running (and at preview, once the command exists), the cloud dry-runs the
// invocation — a parameter name the command does not have, an instance that is stopped or whose
// agent is offline, fails the preview instead of the run.
const run = new EcsInvocation("configure-app", {
  commandId: configure.id,
  instanceIds,
  parameters: { dbUser: "app", dbPassword },
  previewDryRun: true,
});

export const status = run.status;
export const outputs = run.instances.apply((list) => list.map((i) => `${i.instanceId}: ${i.output.trim()}`));
