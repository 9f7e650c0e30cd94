/**
 * The lookups' argument rules: checked before any call, so a bad filter fails with the field, the
 * rule and the value (at preview, like a resource's inputs) instead of a cloud error.
 */
import { z } from "zod";
import type { GetEcsCommandsArgs, GetEcsInvocationsArgs } from "./lookup-types";

const COMMAND_TYPES = ["RunShellScript", "RunBatScript", "RunPowerShellScript"] as const;
const tags = z.record(z.string().min(1, "a tag key may not be empty"), z.string()).optional();
const regionId = z.string().min(1).optional();

export const commandsArgsSchema = z.strictObject({
  ids: z.array(z.string().regex(/^c-/, "a command id starts with c-")).optional(),
  name: z.string().max(128).optional(),
  nameRegex: z
    .string()
    .refine((text) => compiles(text), "is not a valid regular expression")
    .optional(),
  type: z.enum(COMMAND_TYPES).optional(),
  commandProvider: z.string().min(1).optional(),
  latest: z.boolean().optional(),
  description: z.string().max(512).optional(),
  contentEncoding: z.enum(["Base64", "PlainText"]).optional(),
  tags,
  resourceGroupId: z.string().optional(),
  regionId,
}) satisfies z.ZodType<GetEcsCommandsArgs>;

export const invocationsArgsSchema = z.strictObject({
  ids: z.array(z.string().regex(/^t-/, "an invocation id starts with t-")).optional(),
  commandId: z.string().optional(),
  commandName: z.string().optional(),
  commandType: z.enum(COMMAND_TYPES).optional(),
  status: z.enum(["Pending", "Scheduled", "Running", "Success", "Failed", "PartialFailed", "Stopping", "Stopped", "Finished"]).optional(),
  repeatMode: z.enum(["Once", "Period", "NextRebootOnly", "EveryReboot"]).optional(),
  instanceId: z.string().optional(),
  tags,
  includeOutput: z.boolean().optional(),
  outputTailBytes: z.number().int().min(0).optional(),
  regionId,
}) satisfies z.ZodType<GetEcsInvocationsArgs>;

function compiles(pattern: string): boolean {
  try {
    new RegExp(pattern);
    return true;
  } catch {
    return false;
  }
}

/** A lookup's arguments that break a rule: the function, the field, the rule and the value. */
export class LookupArgumentError extends Error {}

function parsed<T>(fn: string, schema: z.ZodType<T>, args: unknown): T {
  // Absent values arrive as null from some languages: the same as not given.
  const given = Object.fromEntries(Object.entries((args ?? {}) as Record<string, unknown>).filter(([, v]) => v !== undefined && v !== null));
  const result = schema.safeParse(given);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => {
    const path = issue.path.map((p, i) => (typeof p === "number" ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`)).join("");
    const value = issue.path.reduce<unknown>((at, key) => (at as Record<PropertyKey, unknown> | undefined)?.[key as PropertyKey], given);
    return `${path || "arguments"}: ${issue.message}${value === undefined ? "" : ` (got ${JSON.stringify(value)})`}`;
  });
  throw new LookupArgumentError(`${fn}: ${lines.join("; ")}`);
}

export const checkCommandsArgs = (args: unknown): GetEcsCommandsArgs => parsed("getEcsCommands", commandsArgsSchema, args);
export const checkInvocationsArgs = (args: unknown): GetEcsInvocationsArgs => parsed("getEcsInvocations", invocationsArgsSchema, args);
