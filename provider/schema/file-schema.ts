/**
 * Every documented SendFile rule, checked at preview so a bad file fails before anything is sent:
 * the 32 KB limit (after Base64 encoding, with the exact boundary), an absolute target directory,
 * a chmod-style mode, at most 50 instances.
 */
import { z } from "zod";
import { duplicateInstanceIds, onDelete } from "./invocation-schema";
import { regionId, resourceGroupId, tagsUpTo, timeouts } from "./rules";

/** The API's limit on the file's content once Base64-encoded, in bytes. */
export const FILE_CONTENT_LIMIT = 32 * 1024;
/** The most bytes of content that fit the limit: Base64 turns 3 bytes into 4 characters. */
export const FILE_CONTENT_MAX_BYTES = (FILE_CONTENT_LIMIT / 4) * 3;
/** The most instances one SendFile names. */
export const MAX_FILE_INSTANCES = 50;
/** The API allows 20 tags; the provider stamps three of its own (run identity and stack). */
const MAX_FILE_TAGS = 17;

const instanceId = z.string().regex(/^i-[a-z0-9]+$/, "must be an instance id such as i-bp1xxxx");

export const fileSchema = z
  .object({
    name: z.string().min(1, "must not be empty").max(255, "must be at most 255 characters"),
    content: z.string(),
    contentType: z.enum(["PlainText", "Base64"], { message: "must be PlainText or Base64" }).optional(),
    targetDir: z
      .string()
      .min(1, "must not be empty")
      .max(255, "must be at most 255 characters")
      .regex(/^(\/|[A-Za-z]:\\)/, "must be an absolute directory: /etc/app on Linux, C:\\app on Windows"),
    fileMode: z
      .string()
      .regex(/^[0-7]{3,4}$/, 'must be an octal mode as chmod takes it, such as "0644" or "600"')
      .optional(),
    fileOwner: z.string().min(1, "must not be empty").max(64, "must be at most 64 characters").optional(),
    fileGroup: z.string().min(1, "must not be empty").max(64, "must be at most 64 characters").optional(),
    overwrite: z.boolean().optional(),
    instanceIds: z.array(instanceId).min(1, "must name at least one instance"),
    description: z.string().max(512, "must be at most 512 characters").optional(),
    timeout: z.number().int("must be a whole number of seconds").min(10, "must be at least 10 seconds").optional(),
    resourceGroupId: resourceGroupId.optional(),
    tags: tagsUpTo(MAX_FILE_TAGS).optional(),
    regionId: regionId.optional(),
    timeouts: timeouts.optional(),
    waitForAgent: z.boolean().optional(),
    previewDryRun: z.boolean().optional(),
    onDelete: onDelete.optional(),
  })
  .strict()
  .superRefine(
    (value, ctx) => {
      if (typeof value.content === "string") {
        const base64 = value.contentType === "Base64";
        if (base64 && !/^[A-Za-z0-9+/]*={0,2}$/.test(value.content)) {
          ctx.addIssue({ code: "custom", path: ["content"], message: "is not valid Base64 (contentType is Base64)" });
        } else {
          const bytes = base64 ? Buffer.from(value.content, "base64").length : Buffer.byteLength(value.content, "utf8");
          const encoded = Math.ceil(bytes / 3) * 4;
          if (encoded > FILE_CONTENT_LIMIT) {
            ctx.addIssue({
              code: "custom",
              path: ["content"],
              message: `must be at most 32 KB once Base64-encoded (${FILE_CONTENT_MAX_BYTES} bytes of content); it is ${bytes} bytes, ${encoded} encoded`,
            });
          }
        }
      }
      const ids = Array.isArray(value.instanceIds) ? value.instanceIds : [];
      if (ids.length > MAX_FILE_INSTANCES) {
        ctx.addIssue({
          code: "custom",
          path: ["instanceIds", MAX_FILE_INSTANCES],
          message: `at most ${MAX_FILE_INSTANCES} instances per file (${ids.length} are listed, this is the ${MAX_FILE_INSTANCES + 1}st); use one EcsFile per 50 instances`,
        });
      }
      duplicateInstanceIds(value.instanceIds, ctx);
    },
    { when: () => true },
  );

export type FileInputs = z.infer<typeof fileSchema>;

/** What decides which file lands where: any change sends the file again (a replace). */
export const FILE_CLOUD_INPUTS = [
  "name",
  "content",
  "contentType",
  "targetDir",
  "fileMode",
  "fileOwner",
  "fileGroup",
  "overwrite",
  "instanceIds",
  "description",
  "timeout",
  "resourceGroupId",
  "tags",
  "regionId",
] as const satisfies readonly (keyof FileInputs)[];

/** Inputs stored as secrets whatever the program says: a file's content often is one. */
export const FILE_SECRET_INPUTS = ["content"] as const;
