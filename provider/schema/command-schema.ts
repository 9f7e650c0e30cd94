import { z } from "zod";
import { commandId, launcher, regionId, resourceGroupId, tags, timeouts, workingDir } from "./rules";

export const COMMAND_TYPES = ["RunShellScript", "RunBatScript", "RunPowerShellScript"] as const;
/** The API's limit on Base64 command content. */
export const COMMAND_CONTENT_LIMIT = 18 * 1024;

export const commandSchema = z
  .object({
    name: z.string().min(1, "must not be empty").max(128, "must be at most 128 characters"),
    commandContent: z.string().min(1, "must not be empty"),
    contentEncoding: z.enum(["PlainText", "Base64"], { message: "must be PlainText or Base64" }).optional(),
    type: z.enum(COMMAND_TYPES, { message: `must be one of ${COMMAND_TYPES.join(", ")}` }),
    description: z.string().max(512, "must be at most 512 characters").optional(),
    enableParameter: z.boolean().optional(),
    timeout: z.number().int("must be a whole number of seconds").min(1, "must be at least 1 second").max(86_400, "must be at most 86400 seconds").optional(),
    workingDir: workingDir.optional(),
    launcher: launcher.optional(),
    resourceGroupId: resourceGroupId.optional(),
    tags: tags.optional(),
    regionId: regionId.optional(),
    timeouts: timeouts.optional(),
    adoptCommandId: commandId.optional(),
  })
  .strict()
  .superRefine(
    (value, ctx) => {
      if (typeof value.commandContent !== "string") return;
      const base64 = value.contentEncoding === "Base64" ? value.commandContent : Buffer.from(value.commandContent, "utf8").toString("base64");
      if (value.contentEncoding === "Base64" && !/^[A-Za-z0-9+/]*={0,2}$/.test(value.commandContent)) {
        ctx.addIssue({ code: "custom", path: ["commandContent"], message: "is not valid Base64 (contentEncoding is Base64)" });
      } else if (base64.length > COMMAND_CONTENT_LIMIT) {
        ctx.addIssue({ code: "custom", path: ["commandContent"], message: `must be at most 18 KB once Base64-encoded (it is ${base64.length} bytes)` });
      }
    },
    { when: () => true },
  );

export type CommandInputs = z.infer<typeof commandSchema>;
