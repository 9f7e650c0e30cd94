import * as pulumi from "@pulumi/pulumi";
import { EcsCommand, EcsInvocation } from "pulumi-ecs-invocation";

const config = new pulumi.Config();
const instanceIds = config.getObject<string[]>("instanceIds") ?? ["i-linux0000000000001", "i-linux0000000000002"];

const rotate = new EcsCommand("rotate-logs", {
  name: "rotate-logs",
  type: "RunShellScript",
  commandContent: "find /var/log/myapp -name '*.log' -mtime +7 -print -delete",
  timeout: 60,
});

// Every hour, from one hour after creation. `pulumi up` returns once the task is Scheduled;
// `pulumi destroy` calls StopInvocation so it never runs again.
const hourly = new EcsInvocation("rotate-logs-hourly", {
  commandId: rotate.id,
  instanceIds,
  repeatMode: "Period",
  frequency: config.get("frequency") ?? "rate(1h)",
});

// Cron with seconds and a time zone: 03:30:00 every day, Shanghai time.
const nightly = new EcsInvocation("rotate-logs-nightly", {
  commandId: rotate.id,
  instanceIds,
  frequency: "0 30 3 * * ? Asia/Shanghai",
});

export const hourlyStatus = hourly.status;
export const nightlyStatus = nightly.status;
// Runs happen after `up` returns: `pulumi refresh` fills in what they did (runs, failures, the last
// run's status, exit code and output tail, the next run time), and preview warns when the last failed.
export const hourlyRuns = hourly.schedule;
