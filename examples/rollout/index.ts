import * as pulumi from "@pulumi/pulumi";
import { EcsCommand, EcsInvocation } from "pulumi-ecs-invocation";

const config = new pulumi.Config();
// The instances carrying these tags when the rollout starts; in the bundled emulator's fleet,
// role=web selects web-1 and web-2.
const fleet = config.getObject<Record<string, string>>("fleet") ?? { role: "web" };

const restart = new EcsCommand("restart", {
  name: "restart-app",
  type: "RunShellScript",
  commandContent: 'echo "restarting app on {{ACS::InstanceId}}"; sleep 1; echo restarted',
});

// Half the fleet at a time; the first failure stops the rollout, and the next `pulumi up` goes on
// with the instances that failed or were not reached — never the ones that succeeded.
const rollout = new EcsInvocation("restart", {
  commandId: restart.id,
  resourceTags: fleet,
  rollout: { maxConcurrency: "50%", maxErrors: 0 },
});

export const status = rollout.status;
export const batches = rollout.rolloutResult.apply((result) =>
  result?.batches.map((b) => ({ invokeId: b.invokeId, instanceIds: b.instanceIds, status: b.status })),
);
