import * as pulumi from "@pulumi/pulumi";
import type { FileDelivery } from "../cloud/file-api";
import { FILE_OUTPUT_KEYS } from "../lifecycle/file-outputs";
import type { FileInputs } from "../schema/file-schema";
import type { ArgsMatchSchema, Assert } from "./args-match";
import type { OnDeleteArgs } from "./ecs-invocation";
import { engineUrn } from "./engine-urn";
import { warnPlainCredentials } from "./plain-credentials";
import { fileProvider } from "./providers";
import { withoutPromiseStacks } from "./registration-stacks";
import { type Timeouts, timeoutsInput } from "./timeouts";

/**
 * Arguments of an {@link EcsFile}. Every rule below is checked at preview. Changing what lands
 * where (content, name, directory, mode, owner, group, instances, …) sends the file again; reordering
 * `instanceIds` changes nothing; `timeouts`, `waitForAgent`, `previewDryRun` and `onDelete` update in place.
 */
export interface EcsFileArgs {
  /** Required. The file's name in `targetDir`, 1 to 255 characters. */
  name: pulumi.Input<string>;
  /**
   * Required. The file's content: text, or Base64 with `contentType: "Base64"` (any bytes). At most
   * 32 KB once Base64-encoded: 24576 bytes of content. Always stored as a secret; `contentSha256`
   * shows what changed.
   */
  content: pulumi.Input<string>;
  /** How `content` is given: `PlainText` (default) or `Base64`. */
  contentType?: pulumi.Input<"PlainText" | "Base64">;
  /** Required. The absolute directory to put the file in (created when missing): `/etc/app` on Linux, `C:\app` on Windows; at most 255 characters. */
  targetDir: pulumi.Input<string>;
  /** Linux: the file's permissions as chmod takes them, e.g. `"0600"` (default `"0644"`). */
  fileMode?: pulumi.Input<string>;
  /** Linux: the file's owner, an existing user (default root); at most 64 characters. */
  fileOwner?: pulumi.Input<string>;
  /** Linux: the file's group, an existing group (default root); at most 64 characters. */
  fileGroup?: pulumi.Input<string>;
  /**
   * Replace a file of the same name in `targetDir`. Default true: the program's content wins, as a
   * declarative file should (also when this resource is replaced). With false, an instance that has
   * such a file fails with FileAlreadyExists — this resource's own earlier file too, unless `onDelete` removes it.
   */
  overwrite?: pulumi.Input<boolean>;
  /** Required. The instances to send the file to: 1 to 50, each once (a set: order does not matter). */
  instanceIds: pulumi.Input<pulumi.Input<string>[]>;
  /** Free text, at most 512 characters. */
  description?: pulumi.Input<string>;
  /** Seconds the cloud allows for the delivery (SendFile's Timeout): at least 10, default 60. */
  timeout?: pulumi.Input<number>;
  /** Resource group of the task (`rg-…`); default: the account's default resource group. */
  resourceGroupId?: pulumi.Input<string>;
  /** Tags on the task: at most 17 (the provider keeps 3 of the API's 20 for its own `pulumi-ecs-invocation:*` keys). */
  tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
  /** Region; defaults to `alicloud:region` / `ALICLOUD_REGION`. */
  regionId?: pulumi.Input<string>;
  /** How long create waits for every delivery, and delete for its cleanup, as durations such as `"90s"` (default 1 minute each); `customTimeouts` maps here too. */
  timeouts?: pulumi.Input<Timeouts>;
  /** Before sending, wait (within the create timeout) until every instance is Running with its Cloud Assistant agent online. Default false. */
  waitForAgent?: pulumi.Input<boolean>;
  /** At preview, ask the cloud whether every instance exists, is Running and has its agent online (SendFile itself has no dry run). Default false. */
  previewDryRun?: pulumi.Input<boolean>;
  /** A cleanup run on the same instances when the file is destroyed or replaced, e.g. `rm -f /etc/app/app.conf`. Default: the file stays. */
  onDelete?: pulumi.Input<OnDeleteArgs>;
}

/** Adding an input to the args or the schema alone is a compile error (see args-match). */
export type FileArgsMatchSchema = Assert<ArgsMatchSchema<EcsFileArgs, FileInputs>>;

const TYPE = "pulumi-nodejs:dynamic/alicloud:EcsFile";

/**
 * A file sent to instances by Cloud Assistant (SendFile), with an invocation's guarantees: never
 * sent twice (one ClientToken for every retry; an interrupted `up`'s task is taken over), a failed
 * delivery recorded and sent again by the next `up`, content kept secret.
 */
export class EcsFile extends pulumi.dynamic.Resource {
  /** The file-sending task (`f-…`), the same as `id`. */
  declare readonly invokeId: pulumi.Output<string>;
  /** Pending, Running, Success, Failed or PartialFailed. */
  declare readonly status: pulumi.Output<string>;
  /** Each instance's delivery: status, error code and text, times. */
  declare readonly instances: pulumi.Output<FileDelivery[]>;
  /** SHA-256 of the file's bytes (hex): what changed, without the secret content. */
  declare readonly contentSha256: pulumi.Output<string>;
  /** When the cloud created the task (ISO 8601, UTC). */
  declare readonly creationTime: pulumi.Output<string>;
  /** The region the file was sent in (resolved from `regionId`, config or environment). */
  declare readonly resolvedRegionId: pulumi.Output<string>;
  /** The cloud no longer has the task's record (kept six weeks): the outputs are the last read. */
  declare readonly recordExpired: pulumi.Output<boolean | undefined>;

  constructor(name: string, args: EcsFileArgs, opts: pulumi.CustomResourceOptions = {}) {
    const { customTimeouts, ...rest } = opts;
    warnPlainCredentials();
    const outputs = Object.fromEntries(FILE_OUTPUT_KEYS.map((key) => [key, undefined]));
    const props = opts.id
      ? outputs
      : {
          ...outputs,
          ...args,
          content: pulumi.secret(args.content),
          timeouts: timeoutsInput(args.timeouts, customTimeouts),
          __urn: engineUrn(TYPE, name, opts.parent),
        };
    const stacks = withoutPromiseStacks();
    try {
      super(
        fileProvider,
        name,
        props,
        { ...rest, customTimeouts, additionalSecretOutputs: [...(rest.additionalSecretOutputs ?? []), "content"] },
        "alicloud",
        "EcsFile",
      );
    } catch (error) {
      throw stacks.located(error, new.target);
    } finally {
      stacks.restore();
    }
  }

  /** Reads an existing file-sending task by id (`f-…`). */
  static get(name: string, id: pulumi.Input<string>, opts: pulumi.CustomResourceOptions = {}): EcsFile {
    return new EcsFile(name, undefined as unknown as EcsFileArgs, { ...opts, id });
  }
}
