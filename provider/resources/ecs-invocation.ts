import * as pulumi from "@pulumi/pulumi";
import { INVOCATION_OUTPUT_KEYS, PROVIDER_ONLY_OUTPUT_KEYS } from "../lifecycle/invocation-outputs";
import type { InstanceOutput } from "../lifecycle/invocation-state";
import type { RolloutResult } from "../lifecycle/rollout-result";
import type { ScheduleSummary } from "../lifecycle/schedule-summary";
import { keepsOutputSecret, secretProperties } from "../lifecycle/secrecy";
import type { TargetDrift } from "../lifecycle/target-drift";
import type { InvocationInputs } from "../schema/invocation-schema";
import type { ArgsMatchSchema, Assert } from "./args-match";
import { engineUrn } from "./engine-urn";
import { warnPlainCredentials } from "./plain-credentials";
import { invocationProvider } from "./providers";
import { withoutPromiseStacks } from "./registration-stacks";
import { type Timeouts, timeoutsInput } from "./timeouts";

export type { InstanceOutput } from "../lifecycle/invocation-state";
export type { RolloutBatch, RolloutResult } from "../lifecycle/rollout-result";
export type { ScheduleSummary } from "../lifecycle/schedule-summary";
export type { TargetDrift } from "../lifecycle/target-drift";

/**
 * Arguments of an {@link EcsInvocation}. Every rule below is checked at preview, before anything
 * runs. Changing any argument replaces the invocation — the command runs again — except
 * `timeouts`, `waitForCompletion`, `waitForAgent`, `liveOutput`, `rollout`, `previewDryRun`,
 * `outputTailBytes`, `onDelete`, `secretOutput` and `adoptInvokeId`, which update in place without
 * calling the cloud.
 */
export interface EcsInvocationArgs {
  /**
   * ID of the command to run (`c-…`), e.g. an {@link EcsCommand}'s `id` (InvokeCommand). Set this
   * or `commandContent`.
   */
  commandId?: pulumi.Input<string>;
  /**
   * An inline script to run instead of a command (RunCommand), like pulumi-command's `create`: no
   * {@link EcsCommand} to declare. Set this or `commandId`. Plain text unless `contentEncoding` is
   * `Base64`; at most 24 KB once Base64-encoded with the parameters (18 KB with `keepCommand`). A
   * change runs it again. Default: none.
   */
  commandContent?: pulumi.Input<string>;
  /** With `commandContent`: `RunShellScript` (Linux; the default), `RunBatScript` or `RunPowerShellScript` (Windows). */
  type?: pulumi.Input<"RunShellScript" | "RunBatScript" | "RunPowerShellScript">;
  /** With `commandContent`: how it is written, `PlainText` (default) or `Base64`. */
  contentEncoding?: pulumi.Input<"PlainText" | "Base64">;
  /** With `commandContent`: whether it has `{{name}}` placeholders filled from `parameters`. Default: true when `parameters` is set. */
  enableParameter?: pulumi.Input<boolean>;
  /** With `commandContent`: the name of the command RunCommand creates (the `commandName` output), 1 to 128 characters. Default: chosen by the cloud. */
  scriptName?: pulumi.Input<string>;
  /** With `commandContent`: its description, at most 512 characters. Default: none. */
  scriptDescription?: pulumi.Input<string>;
  /**
   * With `commandContent`: keep the command RunCommand creates in the account's command list (it
   * counts against the command quota and stays after destroy). Default false: nothing is kept.
   */
  keepCommand?: pulumi.Input<boolean>;
  /** Instances to run on: 1 to 100 `i-…` ids (any number with `rollout`). Set this or `resourceTags`. */
  instanceIds?: pulumi.Input<pulumi.Input<string>[]>;
  /** Run on every instance carrying all these tags (1 to 10; at most 100 instances match). Set this or `instanceIds`. */
  resourceTags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
  /**
   * `Once` (default), `Period` (on `frequency`), `NextRebootOnly`, `EveryReboot`, or `DryRun`
   * (the API only checks the request). With `frequency` set the default is `Period`.
   */
  repeatMode?: pulumi.Input<"Once" | "Period" | "NextRebootOnly" | "EveryReboot" | "DryRun">;
  /** @deprecated The API ignores `Timed`; use `repeatMode`. Accepted for compatibility with Terraform. */
  timed?: pulumi.Input<boolean>;
  /**
   * Schedule for `Period`: `rate(5m)` (60 s to 7 d, longer than the timeout),
   * `at(2026-12-01 10:00:00 Asia/Shanghai)`, or a cron expression
   * `<s> <m> <h> <dom> <mon> <dow> [<year>] [<zone>]`.
   */
  frequency?: pulumi.Input<string>;
  /**
   * Values for the command's `{{name}}` placeholders: at most 10, names 1 to 64 characters, each
   * a placeholder of the command (which needs `enableParameter`). Always stored as a secret. No default.
   */
  parameters?: pulumi.Input<Record<string, pulumi.Input<string>>>;
  /** OS user that runs the command (default root on Linux, System on Windows); at most 255 characters. */
  username?: pulumi.Input<string>;
  /** Name of the password (in the Parameter Store) of `username` on Windows; at most 255 characters. */
  windowsPasswordName?: pulumi.Input<string>;
  /** Resource group of the invocation (`rg-…`); default: the account's default resource group. */
  resourceGroupId?: pulumi.Input<string>;
  /** Run inside this container: 64 hex characters, optionally with a docker://, containerd:// or cri-o:// prefix. Default: on the host. */
  containerId?: pulumi.Input<string>;
  /** Run inside the container with this name: a letter or digit, then up to 254 letters, digits, `_`, `.` or `-`. Default: on the host. */
  containerName?: pulumi.Input<string>;
  /** Seconds before a run is killed (at least 10; the API documents no maximum); defaults to the command's timeout. */
  timeout?: pulumi.Input<number>;
  /**
   * Tags on the invocation: at most 17 (the API allows 20; the provider keeps 3 for its own
   * `pulumi-ecs-invocation:*` keys, which are refused here). Keys 1 to 64 characters, values at most
   * 128; keys may not start with `acs:` or `aliyun`, neither may contain `http://` or `https://`.
   */
  tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
  /** How a run is stopped on timeout or StopInvocation: `Process` (the shell; the API's default) or `ProcessTree` (all its children). */
  terminationMode?: pulumi.Input<"Process" | "ProcessTree">;
  /** Launcher for the script, e.g. `python3 -u {{ACS::ScriptFileName|Ext(".py")}}`; at most 1 KB. */
  launcher?: pulumi.Input<string>;
  /** Working directory of the run (at most 200 characters); defaults to the command's. */
  workingDir?: pulumi.Input<string>;
  /** Deliver the output to OSS: `oss://<bucket>/<prefix>` (a bucket name of 3 to 63 lowercase letters, digits and `-`; a prefix with no leading `/`, no `\\` or `..` segment, ≤ 1023 bytes). Default: not delivered. */
  ossOutputDelivery?: pulumi.Input<string>;
  /**
   * Idempotency token (≤ 64 ASCII characters). Without one, the provider generates one per create
   * and sends it on every retry, so a retried request never runs the command twice.
   */
  clientToken?: pulumi.Input<string>;
  /**
   * Values whose change runs the command again: when any of them differs from the last `up`
   * (compared as JSON; order counts, object key order does not), the invocation is replaced — the
   * old one settled or stopped first, then a new InvokeCommand. Never sent to the cloud; kept in
   * state (a secret value stays a secret). A value still unknown at preview shows as a replacement.
   * Example: `triggers: [artifactSha256]` re-runs a deploy command when the artifact changes.
   * Default: none — only a change of a cloud input re-runs the command.
   */
  triggers?: pulumi.Input<unknown[]>;
  /** Region of the invocation; defaults to `alicloud:region` / `ALICLOUD_REGION`. */
  regionId?: pulumi.Input<string>;
  /**
   * Create and delete timeouts as durations such as `"90s"`, `"5m"`, `"1h30m"` (default 1 minute
   * each, as in Terraform). The `customTimeouts` resource option maps here too; this input wins.
   */
  timeouts?: pulumi.Input<Timeouts>;
  /**
   * Wait for the run to finish (or, for scheduled modes, to be Scheduled) before `create` returns.
   * Default true. With false, `create` returns right after InvokeCommand.
   */
  waitForCompletion?: pulumi.Input<boolean>;
  /**
   * Before running the command, wait (within `timeouts.create`) until every target instance is
   * Running with its Cloud Assistant agent online — for instances the same program creates or
   * starts. Default false: the command is sent at once, and instances not ready end Invalid. When
   * the timeout passes first, create fails naming each instance not ready and why (not found,
   * Stopped, agent not installed, agent offline), and nothing is invoked. Changing it updates in place.
   */
  waitForAgent?: pulumi.Input<boolean>;
  /**
   * While create waits, show the lines each instance prints beside the resource as they arrive
   * (`i-bp1…: <line>`), as pulumi-command's logging does. Default true; never with `secretOutput`
   * (then nothing the command prints is shown). Output is read with the status polls, shared by the
   * stack's invocations. Changing it updates in place.
   */
  liveOutput?: pulumi.Input<boolean>;
  /**
   * Run across the fleet in batches instead of everywhere at once, as AWS SSM's MaxConcurrency and
   * MaxErrors do: at most `maxConcurrency` instances at a time (a count, or a share of the targets
   * such as `"10%"`), each batch one run; once more than `maxErrors` instances failed (a count or a
   * share; default 0), no further batch starts and the rest are reported not started. Targets by
   * `instanceIds` may then number more than 100; `resourceTags` are resolved to the instances they
   * select when the rollout starts. The next `up` after a stopped or partly failed rollout runs the
   * command again only on the instances that failed or were not reached. Default: no rollout — all
   * targets at once. Changing it updates in place.
   */
  rollout?: pulumi.Input<RolloutArgs>;
  /**
   * At preview (and before each create or replace), ask the cloud whether the run would work,
   * without running anything: InvokeCommand with RepeatMode=DryRun (the command exists, the
   * instances exist and fit its type, the parameters match its placeholders) plus each target's
   * state (Running, agent online). Problems are preview errors on the argument concerned, with the
   * cloud's code, message and RequestId. Only when every cloud input is known and the invocation
   * would be created or replaced. Default false: preview checks the documented rules only, offline.
   * Needs `ecs:InvokeCommand`, `ecs:DescribeInstances`, `ecs:DescribeCloudAssistantStatus`.
   */
  previewDryRun?: pulumi.Input<boolean>;
  /**
   * Keep only the last this-many bytes of each instance's output in state (0 to 24576; 0 keeps
   * none): for large fleets or chatty commands, where every output kept makes the state — and
   * every `pulumi up` — heavier. `instances[].outputOmitted` says how many bytes were left out; the
   * cloud keeps the whole output (≤ 24 KB) for about 30 days, and `ossOutputDelivery` keeps all of
   * it. Failure messages still show the failing output's tail. Default: the whole output. Changing
   * it updates in place.
   */
  outputTailBytes?: pulumi.Input<number>;
  /**
   * A cleanup run on the same targets when this invocation is destroyed or replaced — after it has
   * been stopped and settled, never beside it. `commandId` (an existing command, with optional
   * `parameters`) or inline `commandContent` (with `type`, default RunShellScript); `timeout` a
   * duration for the cleanup to finish (default `"1m"`); `onFailure`: `"fail"` (default: the
   * delete fails and the resource stays in state; the next destroy runs the cleanup again) or
   * `"continue"` (a warning, and the resource is deleted). A retried delete never starts a second
   * cleanup while one runs, nor one after one succeeded. Changing it updates in place.
   */
  onDelete?: pulumi.Input<OnDeleteArgs>;
  /**
   * Keep what the command printed secret: each instance's `output` is encrypted in state, shown as
   * [secret] in outputs, and left out of failure messages. Default: true when `parameters` is set
   * (a command may print what it was given), false otherwise.
   */
  secretOutput?: boolean;
  /**
   * Adopt this existing invocation (`t-…`) instead of running the command: the declared arguments
   * must match it. Set automatically from the `import` resource option.
   */
  adoptInvokeId?: pulumi.Input<string>;
}

type DeclaredOutputKey = Exclude<
  { [K in keyof EcsInvocation]-?: EcsInvocation[K] extends pulumi.Output<unknown> ? K : never }[keyof EcsInvocation],
  "id" | "urn"
>;
/** An output added to the lifecycle's list and not declared on the class (or the reverse) is a compile error. */
export type InvocationOutputsDeclared = Assert<
  [Exclude<ProgramOutputKey | "parameters", DeclaredOutputKey>, Exclude<DeclaredOutputKey, ProgramOutputKey | "parameters">] extends [never, never]
    ? true
    : false
>;

/** Adding an input to the args or the schema alone is a compile error (see args-match). */
export type InvocationArgsMatchSchema = Assert<ArgsMatchSchema<EcsInvocationArgs, InvocationInputs>>;

/** How {@link EcsInvocationArgs.rollout} paces a run across the fleet. */
export interface RolloutArgs {
  /** Instances running at once, each batch one run: a count (at least 1) or a share of the targets such as `"10%"` (rounded up). */
  maxConcurrency: pulumi.Input<number | string>;
  /** Failed instances that stop the rollout once exceeded: a count or a share such as `"5%"` (rounded down). Default 0: the first failure stops it. */
  maxErrors?: pulumi.Input<number | string>;
}

/** What {@link EcsInvocationArgs.onDelete} runs, and how it treats failure. */
export interface OnDeleteArgs {
  /** An existing command to run (`c-…`). Set this or `commandContent`. */
  commandId?: pulumi.Input<string>;
  /** An inline script, run with RunCommand without keeping a command. Set this or `commandId`. */
  commandContent?: pulumi.Input<string>;
  /** The script's type, with `commandContent`: RunShellScript (default), RunBatScript or RunPowerShellScript. */
  type?: pulumi.Input<"RunShellScript" | "RunBatScript" | "RunPowerShellScript">;
  /** Values for the script's `{{name}}` placeholders (at most 10); the whole `onDelete` is then kept secret. */
  parameters?: pulumi.Input<Record<string, pulumi.Input<string>>>;
  /** How long the cleanup may take, e.g. `"90s"`, `"5m"` (default `"1m"`). */
  timeout?: pulumi.Input<string>;
  /** `"fail"` (default): a failed or timed-out cleanup fails the delete. `"continue"`: warn and delete. */
  onFailure?: pulumi.Input<"fail" | "continue">;
}

const TYPE = "pulumi-nodejs:dynamic/alicloud:EcsInvocation";

type ProgramOutputKey = Exclude<(typeof INVOCATION_OUTPUT_KEYS)[number], (typeof PROVIDER_ONLY_OUTPUT_KEYS)[number]>;
const PROVIDER_ONLY: ReadonlySet<string> = new Set(PROVIDER_ONLY_OUTPUT_KEYS);
/** The outputs the class registers, so Pulumi resolves them (also for `get`): each is declared below. */
export const PROGRAM_OUTPUT_KEYS = INVOCATION_OUTPUT_KEYS.filter((key): key is ProgramOutputKey => !PROVIDER_ONLY.has(key));

/** Drops the keys whose value is undefined: a registered property costs the program even when unset. */
function definedOnly(values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined));
}

/**
 * Runs an ECS Cloud Assistant command on instances (InvokeCommand) as a resource: the Pulumi
 * counterpart of Terraform's `alicloud_ecs_invocation`.
 *
 * - `pulumi up` runs the command and waits for the result; a failed run fails the step with each
 *   failing instance's status, exit code and output, and is run again by the next `up`.
 * - `pulumi refresh` reads the invocation; a finished one whose record the cloud expired is kept.
 * - `pulumi destroy` stops an invocation that is still pending, running or scheduled.
 */
export class EcsInvocation extends pulumi.dynamic.Resource {
  /** The invocation id (`t-…`), the same as `id`. */
  declare readonly invokeId: pulumi.Output<string>;
  /** Overall InvocationStatus: Pending, Scheduled, Running, Success, Failed, PartialFailed, Stopping, Stopped. */
  declare readonly status: pulumi.Output<string>;
  /** Per-instance results: status, exit code, error code and text, decoded output. */
  declare readonly instances: pulumi.Output<InstanceOutput[]>;
  /** When the cloud created the invocation (ISO 8601, UTC). */
  declare readonly creationTime: pulumi.Output<string>;
  /** The name of the command that ran. */
  declare readonly commandName: pulumi.Output<string>;
  /** The command's type: RunShellScript, RunBatScript or RunPowerShellScript. */
  declare readonly commandType: pulumi.Output<string>;
  /** The region the invocation was created in. */
  declare readonly resolvedRegionId: pulumi.Output<string>;
  /** True once the cloud has dropped the record (after about 30 days); the last results are kept. */
  declare readonly recordExpired: pulumi.Output<boolean>;
  /**
   * `Period`, `NextRebootOnly` and `EveryReboot` only: what the schedule has done — finished runs,
   * failed runs, the last run (instance, status, exit code, end time, output tail) and the next run
   * time when it can be told. Runs happen after `up` returns: `pulumi refresh` brings this up to
   * date, and preview warns when the last run failed. Secret with `secretOutput`.
   */
  declare readonly schedule: pulumi.Output<ScheduleSummary | undefined>;
  /**
   * `resourceTags` only, set by `pulumi refresh` when the tags now select other instances than the
   * command ran on: `ranOn`, `matchingNow`, `added` (carry the tags, never ran it), `removed` (ran
   * it, no longer carry them). Preview warns; nothing re-runs by itself. Absent when they agree.
   * Which instances the command ran on is always in `instances`.
   */
  declare readonly targetDrift: pulumi.Output<TargetDrift | undefined>;
  /**
   * `rollout` only: `status` (Finished, or Stopped once more than maxErrors failed), the resolved
   * `maxConcurrency` and `maxErrors`, every batch with its run (`invokeId`), round, instances and
   * status, and how many instances `succeeded` and `failed`, and which were `notStarted`.
   */
  declare readonly rolloutResult: pulumi.Output<RolloutResult | undefined>;
  /** The parameters the command ran with; always secret. */
  declare readonly parameters: pulumi.Output<Record<string, string> | undefined>;

  constructor(name: string, args: EcsInvocationArgs, opts: pulumi.CustomResourceOptions = {}) {
    // The engine cannot import dynamic resources, so `import` becomes adoption by create.
    const { import: importId, customTimeouts, ...rest } = opts;
    warnPlainCredentials();
    if (args?.timed !== undefined) {
      void pulumi.log.warn(`EcsInvocation ${name}: 'timed' is deprecated and ignored by the API; use repeatMode.`);
    }
    // Output properties are listed (as undefined) so Pulumi resolves them, also for `get`.
    const outputs = { ...Object.fromEntries(PROGRAM_OUTPUT_KEYS.map((key) => [key, undefined])), parameters: undefined };
    // Cleanup parameters are as secret as the invocation's; an onDelete only known later might hold some.
    const secretOnDelete =
      args?.onDelete !== undefined && (pulumi.Output.isInstance(args.onDelete) || (args.onDelete as OnDeleteArgs).parameters !== undefined);
    const secretOutput = keepsOutputSecret(args ?? {});
    const props = opts.id
      ? outputs
      : {
          ...outputs,
          // Inputs left unset are not registered: the provider is sent the same values either way.
          ...definedOnly({
            ...args,
            secretOutput,
            parameters: args.parameters === undefined ? undefined : pulumi.secret(args.parameters),
            onDelete: secretOnDelete ? pulumi.secret(args.onDelete) : args.onDelete,
            timeouts: timeoutsInput(args.timeouts, customTimeouts),
            adoptInvokeId: args.adoptInvokeId ?? importId,
            __urn: engineUrn(TYPE, name, opts.parent),
          }),
        };
    const stacks = withoutPromiseStacks();
    try {
      super(
        invocationProvider,
        name,
        props,
        {
          ...rest,
          customTimeouts,
          // The one secrecy rule (lifecycle/secrecy), as the plugin applies it too.
          additionalSecretOutputs: [...(rest.additionalSecretOutputs ?? []), ...secretProperties(args ?? {}, secretOnDelete)],
        },
        "alicloud",
        "EcsInvocation",
      );
    } catch (error) {
      throw stacks.located(error, new.target);
    } finally {
      stacks.restore();
    }
  }

  /** Reads an existing invocation by id into the program without managing it. */
  static get(name: string, id: pulumi.Input<string>, opts: pulumi.CustomResourceOptions = {}): EcsInvocation {
    return new EcsInvocation(name, undefined as unknown as EcsInvocationArgs, { ...opts, id });
  }
}
