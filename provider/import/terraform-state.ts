/**
 * The ids an `alicloud_ecs_invocation` / `alicloud_ecs_command` Terraform state holds (state format
 * version 4, as `terraform state pull` prints it), with the name each resource has in the
 * Terraform configuration, so the generated program keeps it. A file that is not such a state is
 * refused saying what was found in it, never with a JavaScript error.
 */
import { z } from "zod";

export interface TerraformResource {
  kind: "invocation" | "command";
  id: string;
  /** `name`, or `name-<index>` for count / for_each instances. */
  name: string;
}

const KINDS: Record<string, TerraformResource["kind"]> = { alicloud_ecs_invocation: "invocation", alicloud_ecs_command: "command" };

export class TerraformStateError extends Error {}

/** Only what is read; everything else a state holds is let through. */
const stateSchema = z.object({
  version: z.number(),
  resources: z.array(
    z.object({
      mode: z.string().optional(),
      type: z.string(),
      name: z.string(),
      instances: z
        .array(z.object({ index_key: z.union([z.string(), z.number()]).optional(), attributes: z.object({ id: z.string().optional() }).optional() }))
        .optional(),
    }),
  ),
});

const PULL_HINT = "run `terraform state pull > state.json` in the Terraform working directory and pass that file";

export function resourcesInTerraformState(text: string, file: string): TerraformResource[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new TerraformStateError(`${file} is not a Terraform state file (not JSON: ${error instanceof Error ? error.message : String(error)}): ${PULL_HINT}.`);
  }
  const version = (json as { version?: unknown } | null)?.version;
  if (typeof json !== "object" || json === null || Array.isArray(json)) {
    throw new TerraformStateError(
      `${file} is not a Terraform state file: it holds ${describe(json)}, not an object with "version" and "resources". ${capital(PULL_HINT)}.`,
    );
  }
  if (version !== 4) {
    throw new TerraformStateError(
      `${file} is not a Terraform state file of format version 4 (Terraform 0.12 and later; its "version" is ${describe(version)}): ${PULL_HINT}.`,
    );
  }
  const parsed = stateSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path
      .map((part) => (typeof part === "number" ? `[${part}]` : `.${String(part)}`))
      .join("")
      .replace(/^\./, "");
    throw new TerraformStateError(
      `${file} is not a readable Terraform state: ${where || "the file"} ${issue.message.replace(/^Invalid input: /, "")} (found ${describe(valueAt(json, issue.path))}). ${capital(PULL_HINT)}.`,
    );
  }
  const found: TerraformResource[] = [];
  for (const resource of parsed.data.resources) {
    const kind = KINDS[resource.type];
    if (!kind || resource.mode !== "managed") continue;
    for (const instance of resource.instances ?? []) {
      const id = instance.attributes?.id;
      if (!id) continue;
      const name = instance.index_key === undefined ? resource.name : `${resource.name}-${instance.index_key}`;
      found.push({ kind, id, name });
    }
  }
  if (found.length === 0) {
    const types = [...new Set(parsed.data.resources.map((r) => r.type))].sort();
    throw new TerraformStateError(
      `${file} holds no alicloud_ecs_command or alicloud_ecs_invocation resources ` +
        `(${types.length === 0 ? "it holds no resources at all" : `its resources are of type ${types.join(", ")}`}): ` +
        "ecs-import adopts only those two types. Pass the state of the configuration that manages them, or name the ids (c-…, t-…) instead.",
    );
  }
  return found;
}

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let at = value;
  for (const part of path) at = at !== null && typeof at === "object" ? (at as Record<PropertyKey, unknown>)[part] : undefined;
  return at;
}

/** `null`, `an array`, `the text "4"`: what a value is, for a message. */
function describe(value: unknown): string {
  if (value === null) return "null";
  if (value === undefined) return "nothing";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "string") return `the text ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  if (typeof value === "object") return "an object";
  return `${typeof value} ${JSON.stringify(value)}`;
}

const capital = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);
