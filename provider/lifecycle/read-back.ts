import type { InvocationView } from "../cloud/ecs-api";
import { type DerivedField, type Field, isSetLike, READ_BACK_FIELDS } from "../schema/invocation-fields";
import type { InvocationInputs } from "../schema/invocation-schema";
import { canonicalJson } from "./changes";
import { contentBase64, declaredContent } from "./command-content";
import { userTags } from "./run/run-identity";

/** The user a run gets when none is named: the API may report it as "" or by name. */
const DEFAULT_USERS: Record<string, string> = { RunShellScript: "root", RunBatScript: "System", RunPowerShellScript: "System" };

/**
 * How DescribeInvocations reports the inputs it does not echo as they were sent. The type makes a
 * field marked `view: "derived"` in schema/invocation-fields without an entry here an error.
 */
const DERIVED: Record<DerivedField, (view: InvocationView) => unknown> = {
  instanceIds: (view) => view.instances.map((i) => i.instanceId),
  username: (view) => view.username || DEFAULT_USERS[view.commandType] || "",
  // The provider's own bookkeeping tags are not the program's.
  tags: (view) => userTags(view.tags),
};

type ReadBackField = (typeof READ_BACK_FIELDS)[number];

/** An input's value as the cloud reports it for an invocation. */
export function readBack(field: Field, view: InvocationView): unknown {
  const spec = READ_BACK_FIELDS.find((f) => f.field === field);
  return spec && reportedValue(spec, view);
}

function reportedValue(spec: ReadBackField, view: InvocationView): unknown {
  return spec.view === "derived" ? DERIVED[spec.field as DerivedField](view) : view[spec.view];
}

/**
 * Compares what a program declares with an existing invocation being adopted (`import`). Only the
 * fields the program sets are compared; secret values are never printed.
 */
export function adoptionMismatches(declared: InvocationInputs, actual: InvocationView): string[] {
  const out: string[] = [];
  for (const spec of READ_BACK_FIELDS) {
    const { field, secret } = spec;
    const want = declared[field];
    const have = reportedValue(spec, actual);
    if (want === undefined || canonicalJson(want, isSetLike(field)) === canonicalJson(have, isSetLike(field))) continue;
    out.push(
      secret
        ? `${field}: the declared values differ from the invocation's (values are secret and not shown)`
        : `${field}: declared ${JSON.stringify(want)}, actual ${JSON.stringify(have)}`,
    );
  }
  if (
    declared.commandContent !== undefined &&
    contentBase64({ commandContent: declared.commandContent, contentEncoding: declared.contentEncoding }) !== actual.commandContent
  ) {
    out.push("commandContent: the declared script differs from the one the invocation ran");
  }
  return out;
}

/**
 * The inputs of an invocation known only by its id (`get`, `pulumi import`): every input the
 * cloud reports back, as it reports it, leaving out what it leaves empty. Secret inputs are left
 * out with `withSecrets: false` — generated code must never hold them.
 */
export function reportedInputs(view: InvocationView, withSecrets: boolean): Partial<InvocationInputs> {
  const out: Record<string, unknown> = {};
  for (const spec of READ_BACK_FIELDS) {
    if (spec.secret && !withSecrets) continue;
    const value = reportedValue(spec, view);
    const empty = value === undefined || value === "" || (typeof value === "object" && value !== null && Object.keys(value).length === 0);
    if (!empty) out[spec.field] = value;
  }
  return out as Partial<InvocationInputs>;
}

/**
 * The inline script an invocation ran (RunCommand), as a program declares it: its content (text
 * when it is text), type, name and description.
 */
export function scriptInputs(view: InvocationView): Partial<InvocationInputs> {
  const content = declaredContent(view.commandContent);
  return {
    ...content,
    type: view.commandType as InvocationInputs["type"],
    ...(view.commandName ? { scriptName: view.commandName } : {}),
  };
}

/**
 * The declared inputs marked `drift` as the cloud now reports them, so `refresh` shows changes
 * made outside the program. A value the cloud leaves empty is not reported (it may not echo it);
 * a set-like list that holds the same items keeps the program's order.
 */
export function driftedInputs(declared: Partial<InvocationInputs>, view: InvocationView): Partial<InvocationInputs> {
  const out: Record<string, unknown> = {};
  for (const spec of READ_BACK_FIELDS) {
    const { field, drift } = spec;
    if (!drift || declared[field] === undefined) continue;
    const have = reportedValue(spec, view);
    if (have === undefined || have === "" || have === 0) continue;
    const same = canonicalJson(have, isSetLike(field)) === canonicalJson(declared[field], isSetLike(field));
    out[field] = same ? declared[field] : have;
  }
  return out as Partial<InvocationInputs>;
}
