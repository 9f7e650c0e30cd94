/**
 * The ids an `alicloud_ecs_invocation` / `alicloud_ecs_command` Terraform state holds (state format
 * version 4, as `terraform show -json`'s sibling `terraform.tfstate` stores it), with the name
 * each resource has in the Terraform configuration, so the generated program keeps it.
 */
export interface TerraformResource {
  kind: "invocation" | "command";
  id: string;
  /** `name`, or `name-<index>` for count / for_each instances. */
  name: string;
}

const KINDS: Record<string, TerraformResource["kind"]> = { alicloud_ecs_invocation: "invocation", alicloud_ecs_command: "command" };

export class TerraformStateError extends Error {}

export function resourcesInTerraformState(text: string, file: string): TerraformResource[] {
  let state: {
    version?: number;
    resources?: { mode?: string; type?: string; name?: string; instances?: { index_key?: string | number; attributes?: { id?: string } }[] }[];
  };
  try {
    state = JSON.parse(text) as typeof state;
  } catch (error) {
    throw new TerraformStateError(`${file} is not a Terraform state file (JSON): ${error instanceof Error ? error.message : String(error)}`);
  }
  if (state.version !== 4 || !Array.isArray(state.resources)) {
    throw new TerraformStateError(
      `${file} is not a Terraform state file of format version 4 (Terraform 0.12 and later): run \`terraform state pull > state.json\` and pass that.`,
    );
  }
  const found: TerraformResource[] = [];
  for (const resource of state.resources) {
    const kind = KINDS[resource.type ?? ""];
    if (!kind || resource.mode !== "managed") continue;
    for (const instance of resource.instances ?? []) {
      const id = instance.attributes?.id;
      if (!id) continue;
      const name = instance.index_key === undefined ? (resource.name ?? id) : `${resource.name}-${instance.index_key}`;
      found.push({ kind, id, name });
    }
  }
  return found;
}
