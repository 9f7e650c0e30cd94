import * as pulumi from "@pulumi/pulumi";
import { EcsCommand, EcsInvocation } from "pulumi-ecs-invocation";

const config = new pulumi.Config();
// The bundled emulator's Linux instances; point at your own with
// `pulumi config set --path 'instanceIds[0]' i-bp1…`.
const instanceIds = config.getObject<string[]>("instanceIds") ?? ["i-linux0000000000001", "i-linux0000000000002"];

// A parameterised health check: {{service}} is filled in per invocation.
const check = new EcsCommand("health-check", {
  name: "health-check",
  type: "RunShellScript",
  enableParameter: true,
  commandContent: [
    'echo "checking {{service}} on {{ACS::InstanceName}} ({{ACS::InstanceId}})"',
    "uptime_s=$(cut -d' ' -f1 /proc/uptime 2>/dev/null || echo unknown)",
    // biome-ignore lint/suspicious/noTemplateCurlyInString: ${uptime_s} is the shell's, not JavaScript's.
    'echo "uptime: ${uptime_s}s, user: $(whoami)"',
  ].join("\n"),
  timeout: 30,
});

const run = new EcsInvocation("health-check", {
  commandId: check.id,
  instanceIds,
  parameters: { service: config.get("service") ?? "nginx" },
  // The service name is no secret, so what the check prints need not be either (with secret
  // parameters, keep the default: output is then secret too).
  secretOutput: false,
  timeouts: { create: "2m" },
});

export const invokeId = run.id;
export const status = run.status;
export const instances = run.instances.apply((list) =>
  list.map((i) => ({ instanceId: i.instanceId, status: i.status, exitCode: i.exitCode, output: i.output.trim() })),
);
