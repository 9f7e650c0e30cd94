import { z } from "zod";
import { FrequencyError, parseFrequency } from "../../common/frequency";
import { COMMAND_TYPES } from "./command-schema";
import { commandId, duration, launcher, parameters, regionId, resourceGroupId, tagsUpTo, timeouts, workingDir } from "./rules";
import { isUnknown } from "./unknowns";

export const REPEAT_MODES = ["Once", "Period", "NextRebootOnly", "EveryReboot", "DryRun"] as const;

/** "10%": a share of the targets. */
const PERCENT_1 = /^(100|[1-9][0-9]?)%$/;
const PERCENT_0 = /^(100|[1-9]?[0-9])%$/;

const instanceId = z.string().regex(/^i-[a-z0-9]+$/, "must be an instance id such as i-bp1xxxx");

/** The API allows 20 tags on an invocation; the provider stamps three of its own (run identity and stack). */
export const MAX_INVOCATION_TAGS = 17;
const RESERVED_TAG_PREFIX = "pulumi-ecs-invocation:";

/** `onDelete`: a cleanup run on the same instances when the resource is destroyed or replaced (invocations and files). */
export const onDelete = z
  .object({
    commandId: commandId.optional(),
    commandContent: z.string().min(1, "must not be empty").optional(),
    type: z.enum(COMMAND_TYPES, { message: `must be one of ${COMMAND_TYPES.join(", ")}` }).optional(),
    parameters: parameters.optional(),
    timeout: duration.optional(),
    onFailure: z.enum(["fail", "continue"], { message: "must be fail or continue" }).optional(),
  })
  .strict()
  .refine((o) => (o.commandId === undefined) !== (o.commandContent === undefined), "set exactly one of commandId and commandContent")
  .refine((o) => o.commandId === undefined || o.type === undefined, "type goes with commandContent (a command has its own type)");

export interface SchemaOptions {
  /**
   * Check schedule rules that depend on the clock (an `at()` time in the future, a cron with a
   * year that still fires). Off for a schedule that is already deployed and unchanged: its time
   * passing must not fail every later preview of the stack.
   */
  clockChecks: boolean;
  /** The current time, epoch ms. */
  now: () => number;
}

/**
 * Every documented InvokeCommand constraint, checked at preview time so a bad program fails before
 * anything runs. Cross-field rules skip values that are still unknown.
 */
export const invocationSchemaFor = (options: SchemaOptions) =>
  z
    .object({
      commandId: commandId.optional(),
      commandContent: z.string().min(1, "must not be empty").optional(),
      type: z.enum(COMMAND_TYPES, { message: `must be one of ${COMMAND_TYPES.join(", ")}` }).optional(),
      contentEncoding: z.enum(["PlainText", "Base64"], { message: "must be PlainText or Base64" }).optional(),
      enableParameter: z.boolean().optional(),
      scriptName: z.string().min(1, "must not be empty").max(128, "must be at most 128 characters").optional(),
      scriptDescription: z.string().max(512, "must be at most 512 characters").optional(),
      keepCommand: z.boolean().optional(),
      // More than 100 only with `rollout` (one InvokeCommand per batch): see the cross-field rules.
      instanceIds: z.array(instanceId).min(1, "must name at least one instance").optional(),
      rollout: z
        .object({
          maxConcurrency: z.union([
            z.number().int("must be a whole number").min(1, "must be at least 1"),
            z.string().regex(PERCENT_1, 'must be a count or a percentage such as "10%" (1% to 100%)'),
          ]),
          maxErrors: z
            .union([
              z.number().int("must be a whole number").min(0, "must be at least 0"),
              z.string().regex(PERCENT_0, 'must be a count or a percentage such as "5%" (0% to 100%)'),
            ])
            .optional(),
        })
        .strict()
        .optional(),
      resourceTags: z
        .record(
          z
            .string()
            .min(1, "resource tag keys must not be empty")
            .max(64, "resource tag keys must be at most 64 characters")
            .refine((k) => !/^(acs:|aliyun)/i.test(k), "resource tag keys must not start with acs: or aliyun")
            .refine((k) => !/https?:\/\//i.test(k), "resource tag keys must not contain http:// or https://"),
          z
            .string()
            .max(128, "resource tag values must be at most 128 characters")
            .refine((v) => !/https?:\/\//i.test(v), "resource tag values must not contain http:// or https://"),
        )
        .refine((t) => Object.keys(t).length >= 1 && Object.keys(t).length <= 10, "must have between 1 and 10 resource tags")
        .optional(),
      repeatMode: z.enum(REPEAT_MODES, { message: `must be one of ${REPEAT_MODES.join(", ")}` }).optional(),
      timed: z.boolean().optional(),
      frequency: z.string().min(1, "must not be empty").optional(),
      parameters: parameters.optional(),
      username: z.string().max(255, "must be at most 255 characters").optional(),
      windowsPasswordName: z.string().max(255, "must be at most 255 characters").optional(),
      resourceGroupId: resourceGroupId.optional(),
      containerId: z
        .string()
        .regex(
          /^((docker|containerd|cri-o):\/\/)?[0-9a-f]{64}$/,
          "must be 64 hexadecimal characters, optionally prefixed with docker://, containerd:// or cri-o://",
        )
        .optional(),
      containerName: z
        .string()
        .regex(/^[0-9A-Za-z][0-9A-Za-z_.-]{0,254}$/, "must start with a letter or digit and contain only letters, digits, _ . -")
        .optional(),
      timeout: z.number().int("must be a whole number of seconds").min(10, "must be at least 10 seconds").optional(),
      tags: tagsUpTo(MAX_INVOCATION_TAGS, "(3 of the API's 20 are kept for the provider's own)")
        .refine(
          (t) => Object.keys(t).every((k) => !k.startsWith(RESERVED_TAG_PREFIX)),
          `tag keys starting with ${RESERVED_TAG_PREFIX} are kept for the provider`,
        )
        .optional(),
      terminationMode: z.enum(["Process", "ProcessTree"], { message: "must be Process or ProcessTree" }).optional(),
      launcher: launcher.optional(),
      workingDir: workingDir.optional(),
      ossOutputDelivery: z
        .string()
        .regex(/^oss:\/\/[a-z0-9][a-z0-9-]{1,61}[a-z0-9](\/\S*)?$/, "must be oss://<bucket>/<prefix>")
        // OSS object key rules: the API answers InvalidOssOutputDelivery.KeyPrefixMalformed otherwise.
        .refine((uri) => !/^oss:\/\/[^/]+\/([/\\]|.*\\|(.*\/)?\.\.(\/|$))/.test(uri) && Buffer.byteLength(uri.replace(/^oss:\/\/[^/]+\/?/, "")) <= 1023, {
          message: "its key prefix must not start with / or \\, contain \\ or a .. segment, or exceed 1023 bytes",
        })
        .optional(),
      clientToken: z
        .string()
        .regex(/^[\x20-\x7e]{1,64}$/, "must be 1 to 64 printable ASCII characters")
        .optional(),
      regionId: regionId.optional(),
      triggers: z.array(z.unknown(), { message: "must be a list of values, e.g. [artifactHash]" }).optional(),
      timeouts: timeouts.optional(),
      waitForCompletion: z.boolean().optional(),
      waitForAgent: z.boolean().optional(),
      liveOutput: z.boolean().optional(),
      previewDryRun: z.boolean().optional(),
      onDelete: onDelete.optional(),
      outputTailBytes: z
        .number()
        .int("must be a whole number of bytes")
        .min(0, "must be at least 0")
        .max(24_576, "must be at most 24576 (the API keeps 24 KB)")
        .optional(),
      secretOutput: z.boolean().optional(),
      adoptInvokeId: z
        .string()
        .regex(/^t-[A-Za-z0-9]+$/, "must be an invocation id such as t-hz0jdfwd9f")
        .optional(),
    })
    .strict()
    // `when` runs these cross-field rules even when single fields failed, so all problems show at once.
    .superRefine(
      (value, ctx) => {
        const hasIds = value.instanceIds !== undefined;
        const hasTags = value.resourceTags !== undefined;
        if (hasIds && hasTags) {
          ctx.addIssue({ code: "custom", path: ["resourceTags"], message: "set either instanceIds or resourceTags, not both" });
        }
        if (!hasIds && !hasTags) {
          ctx.addIssue({ code: "custom", path: ["instanceIds"], message: "set instanceIds (1 to 100 instances) or resourceTags" });
        }
        if (value.rollout !== undefined && value.waitForCompletion === false) {
          ctx.addIssue({ code: "custom", path: ["rollout"], message: "paces a run by waiting for each batch: it cannot go with waitForCompletion: false" });
        }
        if (value.rollout !== undefined && !isUnknown(value.repeatMode) && (value.repeatMode ?? (value.frequency ? "Period" : "Once")) !== "Once") {
          ctx.addIssue({ code: "custom", path: ["rollout"], message: "goes with repeatMode Once only (a schedule runs on its own clock)" });
        }
        if (Array.isArray(value.instanceIds) && value.instanceIds.length > 100 && value.rollout === undefined) {
          // On the 101st id, not the list: the engine prints the value beside the property.
          ctx.addIssue({
            code: "custom",
            path: ["instanceIds", 100],
            message: `at most 100 instances per invocation (${value.instanceIds.length} are listed, this is the 101st); set rollout to run on more, in batches of rollout.maxConcurrency`,
          });
        }
        duplicateInstanceIds(value.instanceIds, ctx);
        inlineScriptRules(value, ctx);
        const mode = value.repeatMode ?? (value.frequency ? "Period" : "Once");
        if (isUnknown(value.repeatMode) || isUnknown(value.frequency) || isUnknown(value.timeout)) return;
        if (mode === "Period" && !value.frequency) {
          ctx.addIssue({ code: "custom", path: ["frequency"], message: "is required when repeatMode is Period" });
        }
        if (value.frequency && mode !== "Period") {
          ctx.addIssue({ code: "custom", path: ["frequency"], message: `only applies when repeatMode is Period (repeatMode is ${mode})` });
        }
        if (typeof value.frequency === "string" && value.frequency && mode === "Period") {
          try {
            parseFrequency(value.frequency, typeof value.timeout === "number" ? value.timeout : 60, options.clockChecks ? options.now() : undefined);
          } catch (error) {
            if (!(error instanceof FrequencyError)) throw error;
            ctx.addIssue({ code: "custom", path: ["frequency"], message: error.message });
          }
        }
      },
      { when: () => true },
    );

/**
 * `instanceIds` is a set: an id listed twice is refused (on its second place), never run twice.
 * One rule for every path that reads the list: a plain run, a rollout's plan, a cleanup.
 */
export function duplicateInstanceIds(instanceIds: unknown, ctx: z.RefinementCtx): void {
  if (!Array.isArray(instanceIds)) return;
  const first = new Map<unknown, number>();
  for (const [index, id] of instanceIds.entries()) {
    if (typeof id !== "string" || isUnknown(id)) continue;
    const earlier = first.get(id);
    if (earlier === undefined) first.set(id, index);
    else
      ctx.addIssue({
        code: "custom",
        path: ["instanceIds", index],
        message: `is listed twice (also instanceIds[${earlier}]): instanceIds is a set of instances, each runs once; remove the repeat`,
      });
  }
}

/** RunCommand's limit on Base64 content plus parameters: 18 KB when the command is kept, 24 KB when not. */
const RUN_CONTENT_LIMIT = { kept: 18 * 1024, notKept: 24 * 1024 };

/** The inputs only an inline script takes: with `commandId` (a command has its own) they are refused. */
const INLINE_ONLY = ["type", "contentEncoding", "enableParameter", "scriptName", "scriptDescription", "keepCommand"] as const;

/**
 * `commandId` (an existing command, InvokeCommand) or `commandContent` (an inline script,
 * RunCommand), exactly one; what goes only with a script; RunCommand's documented size limit.
 */
function inlineScriptRules(value: Record<string, unknown>, ctx: z.RefinementCtx): void {
  const hasId = value["commandId"] !== undefined;
  const content = value["commandContent"];
  if (hasId && content !== undefined) {
    ctx.addIssue({
      code: "custom",
      path: ["commandContent"],
      message: "set either commandId (an existing command) or commandContent (an inline script), not both",
    });
  }
  if (!hasId && content === undefined) {
    ctx.addIssue({ code: "custom", path: ["commandId"], message: "set commandId (an existing command, c-…) or commandContent (an inline script)" });
  }
  if (hasId) {
    for (const key of INLINE_ONLY) {
      if (value[key] !== undefined)
        ctx.addIssue({ code: "custom", path: [key], message: "goes with commandContent (an inline script); a command (commandId) has its own" });
    }
  }
  if (typeof content !== "string" || isUnknown(value["parameters"]) || isUnknown(value["keepCommand"]) || isUnknown(value["contentEncoding"])) return;
  const base64 = value["contentEncoding"] === "Base64" ? content : Buffer.from(content, "utf8").toString("base64");
  if (value["contentEncoding"] === "Base64" && !/^[A-Za-z0-9+/]*={0,2}$/.test(content)) {
    ctx.addIssue({ code: "custom", path: ["commandContent"], message: "is not valid Base64 (contentEncoding is Base64)" });
    return;
  }
  const parameters = value["parameters"] === undefined ? 0 : Buffer.from(JSON.stringify(value["parameters"])).toString("base64").length;
  const limit = value["keepCommand"] === true ? RUN_CONTENT_LIMIT.kept : RUN_CONTENT_LIMIT.notKept;
  if (base64.length + parameters > limit) {
    ctx.addIssue({
      code: "custom",
      path: ["commandContent"],
      message: `must be at most ${limit / 1024} KB once Base64-encoded, parameters included${value["keepCommand"] === true ? " (keepCommand: 18 KB; without it 24 KB)" : ""} (it is ${base64.length + parameters} bytes)`,
    });
  }
}

/** The schema with every rule, the clock's included. */
export const invocationSchema = invocationSchemaFor({ clockChecks: true, now: Date.now });

export type InvocationInputs = z.infer<typeof invocationSchema>;
