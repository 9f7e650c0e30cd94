/**
 * pulumi-ecs-invocation: Alibaba Cloud ECS Cloud Assistant commands as Pulumi resources.
 *
 * ```ts
 * import { EcsCommand, EcsInvocation } from "pulumi-ecs-invocation";
 * const command = new EcsCommand("hello", { name: "hello", type: "RunShellScript", commandContent: "echo hello" });
 * const run = new EcsInvocation("hello", { commandId: command.id, instanceIds: ["i-bp1…"] });
 * export const status = run.status;
 * ```
 */

export { CloudError } from "./cloud/errors";
export type { FileDelivery } from "./lifecycle/file-lifecycle";
export { EcsCommand, type EcsCommandArgs } from "./resources/ecs-command";
export { EcsFile, type EcsFileArgs } from "./resources/ecs-file";
export {
  EcsInvocation,
  type EcsInvocationArgs,
  type InstanceOutput,
  type OnDeleteArgs,
  type RolloutArgs,
  type RolloutResult,
  type ScheduleSummary,
  type TargetDrift,
} from "./resources/ecs-invocation";
export {
  type EcsCommandInfo,
  type EcsCommandParameterDefinition,
  type EcsInvocationInfo,
  type EcsInvocationInstanceInfo,
  type GetEcsCommandsArgs,
  type GetEcsCommandsResult,
  type GetEcsInvocationsArgs,
  type GetEcsInvocationsResult,
  getEcsCommands,
  getEcsCommandsOutput,
  getEcsInvocations,
  getEcsInvocationsOutput,
} from "./resources/lookups";
export type { Timeouts } from "./resources/timeouts";
