import { readFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { COMMAND_CLOUD_INPUTS } from "../../provider/lifecycle/command-lifecycle";
import { COMMAND_OUTPUT_KEYS } from "../../provider/lifecycle/command-outputs";
import { INVOCATION_OUTPUT_KEYS } from "../../provider/lifecycle/invocation-outputs";
import { TOKENS } from "../../provider/package/identity";
import { commandSchema } from "../../provider/schema/command-schema";
import { INVOCATION_FIELDS, META_INPUTS } from "../../provider/schema/invocation-fields";
import { invocationSchema } from "../../provider/schema/invocation-schema";
import { generateSchema, type PackageSpec } from "../../tools/package/schema-generator";

const ROOT = join(__dirname, "..", "..");
const committed = JSON.parse(readFileSync(join(ROOT, "package", "schema.json"), "utf8")) as PackageSpec;
const version = (JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string }).version;
const sorted = (keys: Iterable<string>) => [...keys].sort();

/** The names in the first cell of each row of a doc's "## Arguments" table. */
function documentedArguments(doc: string): string[] {
  const text = readFileSync(join(ROOT, "docs", doc), "utf8");
  const section = text.slice(text.indexOf("## Arguments"), text.indexOf("\n## ", text.indexOf("## Arguments") + 5));
  return section
    .split("\n")
    .filter((line) => line.startsWith("| `"))
    .flatMap((line) => [...(line.split("|")[1] ?? "").matchAll(/`(\w+)`/g)].map((m) => m[1]!));
}

/** The inputs a doc comment says update in place: the backticked names of the sentence that says so. */
function inPlaceListOf(text: string): string[] {
  const plain = text.replace(/\n\s*\*\s?/g, " ").replace(/\s+/g, " ");
  const sentence = /except ([^.]*?)(?:,? which update in place|,? force a new)/.exec(plain)?.[1] ?? "";
  return [...sentence.matchAll(/`(\w+)`/g)].map((m) => m[1]!);
}

describe("the package schema is generated from the sources, and they agree", () => {
  const fresh = generateSchema(version);

  it("package/schema.json is current (run `npm run gen-package` after changing an input)", () => {
    expect(committed).toEqual(fresh);
  });

  it("an EcsInvocation's inputs are the field table's, the zod schema's and the docs table's, nothing more or less", () => {
    const inputs = sorted(Object.keys(fresh.resources[TOKENS.invocation]!.inputProperties));
    expect(inputs).toEqual(sorted(Object.keys(INVOCATION_FIELDS)));
    expect(inputs).toEqual(sorted(Object.keys(invocationSchema.shape)));
    expect(sorted(new Set(documentedArguments("ecs-invocation.md")))).toEqual(inputs);
  });

  it("an EcsCommand's inputs are the zod schema's and the docs table's; what does not replace is what the lifecycle updates", () => {
    const inputs = sorted(Object.keys(fresh.resources[TOKENS.command]!.inputProperties));
    expect(inputs).toEqual(sorted(Object.keys(commandSchema.shape)));
    expect(sorted(new Set(documentedArguments("ecs-command.md")))).toEqual(inputs);
    expect(sorted([...COMMAND_CLOUD_INPUTS, "timeouts", "adoptCommandId"])).toEqual(inputs);
  });

  it("no input shares its name with an output the cloud fills (diff compares stored outputs with the program's inputs)", () => {
    expect(INVOCATION_OUTPUT_KEYS.filter((key) => key in INVOCATION_FIELDS)).toEqual([]);
    expect(COMMAND_OUTPUT_KEYS.filter((key) => key in commandSchema.shape)).toEqual([]);
  });

  it("exactly the field table's secret inputs are secret, in inputs and outputs", () => {
    const invocation = fresh.resources[TOKENS.invocation]!;
    const secret = Object.entries(INVOCATION_FIELDS)
      .filter(([, spec]) => "secret" in spec)
      .map(([field]) => field);
    const secretIn = Object.entries(invocation.inputProperties).filter(([, p]) => p.secret);
    expect(secretIn.map(([key]) => key)).toEqual(secret);
    expect(secret.every((key) => invocation.properties[key]?.secret === true)).toBe(true);
  });

  it("every input and output carries the description users see on hover", () => {
    for (const resource of Object.values(fresh.resources)) {
      for (const [key, property] of [...Object.entries(resource.inputProperties), ...Object.entries(resource.properties)]) {
        expect([key, (property.description ?? "").length > 10]).toEqual([key, true]);
      }
    }
  });

  it("the in-place lists of the docs and of the args doc comment name exactly the field table's update inputs", () => {
    const docs = readFileSync(join(ROOT, "docs", "ecs-invocation.md"), "utf8");
    expect(sorted(inPlaceListOf(docs.slice(docs.indexOf("## Arguments"))))).toEqual(sorted(META_INPUTS));
    const source = ts.createSourceFile(
      "ecs-invocation.ts",
      readFileSync(join(ROOT, "provider", "resources", "ecs-invocation.ts"), "utf8"),
      ts.ScriptTarget.ES2022,
      true,
    );
    const args = source.statements.find((s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === "EcsInvocationArgs")!;
    const comments = ts.getJSDocCommentsAndTags(args).map((c) => c.getText(source));
    expect(comments).toHaveLength(1);
    expect(sorted(inPlaceListOf(comments[0]!))).toEqual(sorted(META_INPUTS));
  });
});
