import { z } from "zod";
import { parseDuration } from "./duration";

/** Field rules shared by EcsInvocation and EcsCommand, each with the message a user reads. */

/** A command's id (`c-…`): an invocation's commandId, an onDelete's, an adopted command's. */
export const commandId = z.string().regex(/^c-[A-Za-z0-9]+$/, "must be a command id such as c-hz01xxxx");

/** Values for a command's `{{name}}` placeholders: at most 10, names 1 to 64 characters. */
export const parameters = z
  .record(z.string().min(1, "parameter names must not be empty").max(64, "parameter names must be at most 64 characters"), z.string())
  .refine((p) => Object.keys(p).length <= 10, "at most 10 parameters are allowed");

export const regionId = z.string().regex(/^[a-z]{2,}-[a-z0-9-]+$/, "must be a region id such as cn-hangzhou");

export const resourceGroupId = z.string().regex(/^rg-[a-z0-9]+$/, "must be a resource group id such as rg-aek2xxxx");

export const workingDir = z.string().max(200, "must be at most 200 characters");

export const launcher = z.string().max(1024, "must be at most 1 KB (1024 characters)");

const tagKey = z
  .string()
  .min(1, "tag keys must not be empty")
  .max(64, "tag keys must be at most 64 characters")
  .refine((k) => !/^(acs:|aliyun)/i.test(k), "tag keys must not start with acs: or aliyun")
  .refine((k) => !/https?:\/\//i.test(k), "tag keys must not contain http:// or https://");

/** Tags on an invocation or command: up to `max`, keys ≤ 64 and values ≤ 128 characters. */
export const tagsUpTo = (max: number, why = "") =>
  z
    .record(
      tagKey,
      z
        .string()
        .max(128, "tag values must be at most 128 characters")
        .refine((v) => !/https?:\/\//i.test(v), "tag values must not contain http:// or https://"),
    )
    .refine((t) => Object.keys(t).length <= max, `at most ${max} tags are allowed${why ? ` ${why}` : ""}`);

/** Tags on a command: up to 20, as the API allows. */
export const tags = tagsUpTo(20);

export const duration = z.string().refine((t) => parseDuration(t) !== undefined, 'must be a duration such as "90s", "5m" or "1h30m"');

/** Create and delete timeouts, as in Terraform's `timeouts` block (default 1 minute each). */
export const timeouts = z.object({ create: duration.optional(), delete: duration.optional() }).strict();
