import { createHash } from "node:crypto";

/**
 * TypeScript variable names for resources, given their Pulumi names (which stay exactly as they
 * are: Terraform's names are kept). Any name gives a valid identifier — reserved words (`default`,
 * the name Terraform's own examples use), a digit first, dashes, spaces, any script — and which
 * one depends only on the names in the program, never on their order:
 * - the name in camelCase (`web-deploy` → `webDeploy`) of its ASCII letters and digits: which other
 *   letters TypeScript accepts depends on the compile target (ES5 knows Unicode 3.0 only), so a
 *   name of other scripts only (`部署`) becomes its kind with a short hash (`invocation_1a2b3c`);
 * - with its kind appended (`defaultCommand`) when that is a reserved word, or when resources of
 *   the program would share it (a command and an invocation both named `default`);
 * - with a short hash of the name appended when resources of one kind still share it
 *   (`foo-bar` and `foo_bar`).
 */
export interface Named {
  /** The resource's name in the program (its Pulumi name). */
  name: string;
  /** Its kind, as the suffix reads: "Command", "Invocation". */
  kind: string;
}

/** Words the generated program cannot use as variables: the language's and its own. */
const RESERVED = new Set(
  [
    "break case catch class const continue debugger default delete do else enum export extends false finally for function if import in",
    "instanceof new null return super switch this throw true try typeof var void while with yield let static implements interface package",
    "private protected public await async arguments eval undefined NaN Infinity of type declare namespace module",
    // What the generated program itself declares or imports.
    "pulumi config EcsCommand EcsInvocation",
  ]
    .join(" ")
    .split(" "),
);

/** The identifier of each resource, in the order given; `extra` are further names each one implies (its exports). */
export function identifiersFor(resources: readonly Named[], extra: (identifier: string, resource: Named) => string[] = () => []): string[] {
  const implied = (id: string, i: number): string[] => [id, ...extra(id, resources[i]!)];
  let chosen = resources.map((r) => {
    const base = camelCase(r.name, r.kind);
    return RESERVED.has(base) ? `${base}${r.kind}` : base;
  });
  chosen = spreadShared(chosen, (i) => `${camelCase(resources[i]!.name, resources[i]!.kind)}${resources[i]!.kind}`, implied);
  chosen = spreadShared(chosen, (i) => `${chosen[i]}_${hash(`${resources[i]!.kind}:${resources[i]!.name}`)}`, implied);
  return chosen;
}

/** Every identifier that some other resource also uses (or implies) is replaced by `rename(i)`. */
function spreadShared(chosen: string[], rename: (index: number) => string, implied: (identifier: string, index: number) => string[]): string[] {
  const uses = new Map<string, number>();
  chosen.forEach((id, i) => {
    for (const used of implied(id, i)) uses.set(used, (uses.get(used) ?? 0) + 1);
  });
  return chosen.map((id, i) => (implied(id, i).some((used) => (uses.get(used) ?? 0) > 1) ? rename(i) : id));
}

function camelCase(name: string, kind: string): string {
  const words = name.split(/[^A-Za-z0-9]+/).filter(Boolean);
  const joined = words.map((w, i) => (i === 0 ? w.charAt(0).toLowerCase() + w.slice(1) : w.charAt(0).toUpperCase() + w.slice(1))).join("");
  if (joined === "") return `${kind.toLowerCase()}_${hash(name)}`;
  // A digit first: `0-web` → `_0Web`.
  return /^[0-9]/.test(joined) ? `_${joined}` : joined;
}

function hash(text: string): string {
  return createHash("sha256").update(text).digest("hex").slice(0, 6);
}
