import * as pulumi from "@pulumi/pulumi";
import { EcsInvocation } from "pulumi-ecs-invocation";

const config = new pulumi.Config();
const version = config.get("version") ?? "1.4.2";

// No EcsCommand: the script itself, run with RunCommand (nothing kept in the account's command
// list). Changing the script, or `version`, runs it again; each line shows while it runs.
const migrate = new EcsInvocation("migrate", {
  commandContent: ["mkdir -p ~/app", "echo 'migrating to {{version}}'", "echo '{{version}}' > ~/app/schema-version", "echo done"].join("\n"),
  parameters: { version },
  secretOutput: false,
  instanceIds: ["i-linux0000000000001"],
});

export const status = migrate.status;
export const output = migrate.instances.apply((instances) => instances.map((i) => i.output.trim()));
