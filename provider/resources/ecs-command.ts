import * as pulumi from "@pulumi/pulumi";
import { COMMAND_OUTPUT_KEYS } from "../lifecycle/command-outputs";
import type { CommandInputs } from "../schema/command-schema";
import type { ArgsMatchSchema, Assert } from "./args-match";
import { warnPlainCredentials } from "./plain-credentials";
import { commandProvider } from "./providers";
import { withoutPromiseStacks } from "./registration-stacks";
import { type Timeouts, timeoutsInput } from "./timeouts";

/**
 * Arguments of an {@link EcsCommand}. Every rule below is checked at preview. Changing any
 * argument but `timeouts` replaces the command (a new `c-…` id).
 */
export interface EcsCommandArgs {
  /** Required. Command name, 1 to 128 characters. */
  name: pulumi.Input<string>;
  /** Required. The script, not empty. Plain text by default; set `contentEncoding: "Base64"` to pass Base64 (as Terraform's `command_content`). At most 18 KB once Base64-encoded. */
  commandContent: pulumi.Input<string>;
  /** Encoding of `commandContent`: `PlainText` (default) or `Base64`. */
  contentEncoding?: pulumi.Input<"PlainText" | "Base64">;
  /** Required. `RunShellScript` (Linux), `RunBatScript` or `RunPowerShellScript` (Windows). */
  type: pulumi.Input<"RunShellScript" | "RunBatScript" | "RunPowerShellScript">;
  /** Free text, at most 512 characters. Default: none. */
  description?: pulumi.Input<string>;
  /** Allow `{{name}}` placeholders filled from an invocation's `parameters` (default false). */
  enableParameter?: pulumi.Input<boolean>;
  /** Seconds before a run is killed: a whole number from 1 to 86400 (default 60). An invocation's `timeout` overrides it. */
  timeout?: pulumi.Input<number>;
  /** Working directory, at most 200 characters (default: the user's home, /root for root on Linux). */
  workingDir?: pulumi.Input<string>;
  /** Launcher for the script, e.g. `python3 -u {{ACS::ScriptFileName|Ext(".py")}}`; at most 1 KB. Default: the type's shell. */
  launcher?: pulumi.Input<string>;
  /** Resource group (`rg-…`); default: the account's default resource group. */
  resourceGroupId?: pulumi.Input<string>;
  /** Tags: at most 20; keys 1 to 64 characters, values at most 128; keys may not start with `acs:` or `aliyun`, neither may contain `http://` or `https://`. */
  tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
  /** Region; defaults to `alicloud:region` / `ALICLOUD_REGION`. */
  regionId?: pulumi.Input<string>;
  /** Create and delete timeouts as durations such as `"90s"` or `"5m"` (default 1 minute each); `customTimeouts` maps here too. */
  timeouts?: pulumi.Input<Timeouts>;
  /** Adopt this existing command (`c-…`) instead of creating one; set automatically from the `import` option. */
  adoptCommandId?: pulumi.Input<string>;
}

/** Adding an input to the args or the schema alone is a compile error (see args-match). */
export type CommandArgsMatchSchema = Assert<ArgsMatchSchema<EcsCommandArgs, CommandInputs>>;

/** A Cloud Assistant command (CreateCommand), the counterpart of Terraform's `alicloud_ecs_command`. */
export class EcsCommand extends pulumi.dynamic.Resource {
  /** The command id (`c-…`), the same as `id`. */
  declare readonly commandId: pulumi.Output<string>;
  /** When the cloud created the command (ISO 8601, UTC). */
  declare readonly creationTime: pulumi.Output<string>;
  /** The region the command was created in (resolved from `regionId`, config or environment). */
  declare readonly resolvedRegionId: pulumi.Output<string>;

  constructor(name: string, args: EcsCommandArgs, opts: pulumi.CustomResourceOptions = {}) {
    const { import: importId, customTimeouts, ...rest } = opts;
    warnPlainCredentials();
    const outputs = Object.fromEntries(COMMAND_OUTPUT_KEYS.map((key) => [key, undefined]));
    const props = opts.id
      ? outputs
      : { ...outputs, ...args, timeouts: timeoutsInput(args.timeouts, customTimeouts), adoptCommandId: args.adoptCommandId ?? importId };
    const stacks = withoutPromiseStacks();
    try {
      super(commandProvider, name, props, { ...rest, customTimeouts }, "alicloud", "EcsCommand");
    } catch (error) {
      throw stacks.located(error, new.target);
    } finally {
      stacks.restore();
    }
  }

  /** Reads an existing command by id. */
  static get(name: string, id: pulumi.Input<string>, opts: pulumi.CustomResourceOptions = {}): EcsCommand {
    return new EcsCommand(name, undefined as unknown as EcsCommandArgs, { ...opts, id });
  }
}
