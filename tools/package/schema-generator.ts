/**
 * Generates the Pulumi package schema from the sources a TypeScript user already sees: each
 * resource's args interface and output properties (names, types, optional or not, and the doc
 * comments shown on hover), the field table (which inputs are secret) and the zod rules (whole
 * numbers). Nothing in the schema is written by hand, so it cannot drift from the dynamic provider.
 */
import { join } from "node:path";
import ts from "typescript";
import { z } from "zod";
import { commandsArgsSchema, invocationsArgsSchema } from "../../provider/lookups/lookup-schema";
import { CONFIG_KEYS, FUNCTION_TOKENS, PACKAGE_NAME, pluginDownloadUrl, TOKENS } from "../../provider/package/identity";
import { commandSchema } from "../../provider/schema/command-schema";
import { FILE_SECRET_INPUTS, fileSchema } from "../../provider/schema/file-schema";
import { SECRET_INPUTS } from "../../provider/schema/invocation-fields";
import { invocationSchema } from "../../provider/schema/invocation-schema";
import { PACKAGE_LANGUAGES } from "./languages";

const ROOT = join(__dirname, "..", "..");

/** A property as the Pulumi schema declares it. */
export interface PropertySpec {
  type?: string;
  items?: PropertySpec;
  additionalProperties?: PropertySpec;
  $ref?: string;
  description?: string;
  secret?: boolean;
}

interface ObjectSpec {
  type: "object";
  description?: string;
  properties: Record<string, PropertySpec>;
  required?: string[];
}

export interface ResourceSpec extends ObjectSpec {
  inputProperties: Record<string, PropertySpec>;
  requiredInputs?: string[];
}

export interface PackageSpec {
  name: string;
  version: string;
  displayName: string;
  description: string;
  keywords: string[];
  license: string;
  repository?: string;
  pluginDownloadURL: string;
  config: { variables: Record<string, PropertySpec> };
  provider: { description: string; inputProperties: Record<string, PropertySpec> };
  resources: Record<string, ResourceSpec>;
  functions: Record<string, FunctionSpec>;
  types: Record<string, ObjectSpec>;
  language: Record<string, unknown>;
}

export interface FunctionSpec {
  description?: string;
  inputs: { properties: Record<string, PropertySpec>; required?: string[] };
  outputs: { properties: Record<string, PropertySpec>; required?: string[] };
}

/** What one function (data source) is made of in the TypeScript sources. */
interface FunctionSource {
  token: string;
  /** The exported function whose doc comment describes it (provider/resources/lookups.ts). */
  functionName: string;
  argsName: string;
  resultName: string;
  zod: z.ZodType;
}

const LOOKUP_TYPES = "provider/lookups/lookup-types.ts";
const LOOKUP_FUNCTIONS = "provider/resources/lookups.ts";

const FUNCTIONS: FunctionSource[] = [
  {
    token: FUNCTION_TOKENS.commands,
    functionName: "getEcsCommands",
    argsName: "GetEcsCommandsArgs",
    resultName: "GetEcsCommandsResult",
    zod: commandsArgsSchema,
  },
  {
    token: FUNCTION_TOKENS.invocations,
    functionName: "getEcsInvocations",
    argsName: "GetEcsInvocationsArgs",
    resultName: "GetEcsInvocationsResult",
    zod: invocationsArgsSchema,
  },
];

/** What one resource is made of in the TypeScript sources. */
interface ResourceSource {
  token: string;
  className: string;
  argsName: string;
  file: string;
  zod: z.ZodType;
  secretInputs: string[];
}

const RESOURCES: ResourceSource[] = [
  {
    token: TOKENS.invocation,
    className: "EcsInvocation",
    argsName: "EcsInvocationArgs",
    file: "provider/resources/ecs-invocation.ts",
    zod: invocationSchema,
    secretInputs: [...SECRET_INPUTS],
  },
  {
    token: TOKENS.command,
    className: "EcsCommand",
    argsName: "EcsCommandArgs",
    file: "provider/resources/ecs-command.ts",
    zod: commandSchema,
    secretInputs: [],
  },
  {
    token: TOKENS.file,
    className: "EcsFile",
    argsName: "EcsFileArgs",
    file: "provider/resources/ecs-file.ts",
    zod: fileSchema,
    secretInputs: [...FILE_SECRET_INPUTS],
  },
];

export function generateSchema(version: string): PackageSpec {
  const program = ts.createProgram([...RESOURCES.map((r) => join(ROOT, r.file)), join(ROOT, LOOKUP_TYPES), join(ROOT, LOOKUP_FUNCTIONS)], {
    strict: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.CommonJS,
    esModuleInterop: true,
    skipLibCheck: true,
  });
  const checker = program.getTypeChecker();
  const types: Record<string, ObjectSpec> = {};
  const resources: Record<string, ResourceSpec> = {};
  for (const resource of RESOURCES) {
    const source = program.getSourceFile(join(ROOT, resource.file));
    if (!source) throw new Error(`cannot read ${resource.file}`);
    const args = findDeclaration(source, resource.argsName, ts.isInterfaceDeclaration);
    const cls = findDeclaration(source, resource.className, ts.isClassDeclaration);
    const mapper = new TypeMapper(checker, types, integerFields(resource.zod));
    const inputs = mapper.objectOf(checker.getTypeAtLocation(args), resource.argsName, "input");
    for (const key of resource.secretInputs) inputs.properties[key] = { ...inputs.properties[key], secret: true };
    const outputs: Record<string, PropertySpec> = { ...inputs.properties };
    const requiredOutputs: string[] = [...(inputs.required ?? [])];
    for (const member of cls.members) {
      if (!ts.isPropertyDeclaration(member) || !member.type) continue;
      const name = member.name.getText(source);
      const symbol = checker.getSymbolAtLocation(member.name);
      const type = unwrapOutput(checker, checker.getTypeFromTypeNode(member.type));
      outputs[name] = { ...mapper.property(type.type, `${resource.className}${capital(name)}`, "output"), ...described(checker, symbol) };
      if (resource.secretInputs.includes(name)) outputs[name]!.secret = true;
      if (!type.optional) requiredOutputs.push(name);
    }
    resources[resource.token] = {
      type: "object",
      description: docOf(checker, checker.getSymbolAtLocation(cls.name!)),
      inputProperties: inputs.properties,
      ...(inputs.required?.length ? { requiredInputs: inputs.required } : {}),
      properties: outputs,
      required: [...new Set(requiredOutputs)].sort(),
    };
  }
  const functions: Record<string, FunctionSpec> = {};
  const lookupTypes = program.getSourceFile(join(ROOT, LOOKUP_TYPES));
  const lookupFunctions = program.getSourceFile(join(ROOT, LOOKUP_FUNCTIONS));
  if (!lookupTypes || !lookupFunctions) throw new Error(`cannot read ${LOOKUP_TYPES} or ${LOOKUP_FUNCTIONS}`);
  for (const fn of FUNCTIONS) {
    const mapper = new TypeMapper(checker, types, integerFields(fn.zod));
    const args = findDeclaration(lookupTypes, fn.argsName, ts.isInterfaceDeclaration);
    const result = findDeclaration(lookupTypes, fn.resultName, ts.isInterfaceDeclaration);
    const declaration = findDeclaration(lookupFunctions, fn.functionName, ts.isFunctionDeclaration);
    functions[fn.token] = {
      description: docOf(checker, checker.getSymbolAtLocation(declaration.name!)),
      inputs: mapper.objectOf(checker.getTypeAtLocation(args), fn.argsName, "input"),
      outputs: mapper.objectOf(checker.getTypeAtLocation(result), fn.resultName, "output"),
    };
  }
  const variables = Object.fromEntries(
    Object.entries(CONFIG_KEYS).map(([key, spec]) => [key, { type: "string", description: spec.description, ...(spec.secret ? { secret: true } : {}) }]),
  );
  return {
    name: PACKAGE_NAME,
    version,
    displayName: "Alibaba Cloud ECS Cloud Assistant invocations",
    description:
      "ECS Cloud Assistant as declarative resources: EcsInvocation (InvokeCommand), EcsCommand (CreateCommand) and EcsFile (SendFile), with the getEcsCommands and getEcsInvocations lookups.",
    keywords: ["pulumi", "alicloud", "ecs", "cloud-assistant", "category/cloud"],
    license: "Apache-2.0",
    repository: "https://github.com/pulumi-ecs-invocation/pulumi-ecs-invocation",
    pluginDownloadURL: pluginDownloadUrl(version),
    config: { variables },
    provider: {
      description: "The provider's settings; each falls back to the same environment variables as Terraform's alicloud provider.",
      inputProperties: variables,
    },
    resources,
    functions,
    types: Object.fromEntries(
      Object.entries(types)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([name, spec]) => [`${PACKAGE_NAME}:index:${name}`, spec]),
    ),
    language: PACKAGE_LANGUAGES,
  };
}

/** Zod fields that take whole numbers (the TypeScript type says only `number`). */
function integerFields(schema: z.ZodType): Set<string> {
  const json = z.toJSONSchema(schema, { unrepresentable: "any", io: "input" }) as { properties?: Record<string, { type?: string }> };
  return new Set(
    Object.entries(json.properties ?? {})
      .filter(([, spec]) => spec.type === "integer")
      .map(([key]) => key),
  );
}

/** Turns TypeScript types into schema properties; named object types become entries of `types`. */
class TypeMapper {
  constructor(
    private readonly checker: ts.TypeChecker,
    private readonly types: Record<string, ObjectSpec>,
    private readonly integers: Set<string>,
  ) {}

  objectOf(type: ts.Type, name: string, use: "input" | "output"): { properties: Record<string, PropertySpec>; required?: string[] } {
    const properties: Record<string, PropertySpec> = {};
    const required: string[] = [];
    for (const symbol of this.checker.getPropertiesOfType(type)) {
      const declaration = symbol.valueDeclaration ?? symbol.declarations?.[0];
      if (!declaration) continue;
      const propertyType = this.checker.getTypeOfSymbolAtLocation(symbol, declaration);
      const optional = (symbol.flags & ts.SymbolFlags.Optional) !== 0;
      const spec = this.property(propertyType, `${typeName(name)}${capital(symbol.name)}`, use);
      if (this.integers.has(symbol.name) && spec.type === "number" && name.endsWith("Args")) spec.type = "integer";
      properties[symbol.name] = { ...spec, ...described(this.checker, symbol) };
      if (!optional) required.push(symbol.name);
    }
    return { properties, ...(required.length ? { required } : {}) };
  }

  property(type: ts.Type, nameIfObject: string, use: "input" | "output"): PropertySpec {
    const parts = plainParts(this.checker, type);
    if (parts.length === 0) return { $ref: "pulumi.json#/Any" };
    if (parts.every((t) => t.flags & (ts.TypeFlags.StringLike | ts.TypeFlags.StringLiteral))) return { type: "string" };
    if (parts.every((t) => t.flags & ts.TypeFlags.BooleanLike)) return { type: "boolean" };
    if (parts.every((t) => t.flags & ts.TypeFlags.NumberLike)) return { type: "number" };
    if (parts.length > 1) return { $ref: "pulumi.json#/Any" };
    const single = parts[0]!;
    if (single.flags & (ts.TypeFlags.Unknown | ts.TypeFlags.Any)) return { $ref: "pulumi.json#/Any" };
    if (this.checker.isArrayType(single)) {
      const [item] = this.checker.getTypeArguments(single as ts.TypeReference);
      return { type: "array", items: this.property(item!, nameIfObject.replace(/s$/, ""), use) };
    }
    const indexed = this.checker.getIndexInfoOfType(single, ts.IndexKind.String);
    if (indexed) return { type: "object", additionalProperties: this.property(indexed.type, `${nameIfObject}Value`, use) };
    // A named interface keeps its name; an inline object type is named after where it appears.
    const symbolName = single.aliasSymbol?.name ?? single.getSymbol()?.name;
    const name = typeName(symbolName && symbolName !== "__type" ? symbolName : nameIfObject);
    if (!this.types[name]) {
      this.types[name] = { type: "object", properties: {} };
      const object = this.objectOf(single, name, use);
      this.types[name] = { type: "object", description: docOf(this.checker, single.aliasSymbol ?? single.getSymbol()), ...object };
    }
    return { $ref: `#/types/${PACKAGE_NAME}:index:${name}` };
  }
}

/** The members of a type that a value can be: without undefined, null, and Pulumi's Input/Output wrappers. */
function plainParts(checker: ts.TypeChecker, type: ts.Type): ts.Type[] {
  const members = type.isUnion() ? type.types : [type];
  const parts = members.filter((t) => !(t.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Null)) && !isWrapper(t));
  // `boolean` is the union true | false: keep it as one part.
  if (parts.length === 2 && parts.every((t) => t.flags & ts.TypeFlags.BooleanLiteral)) return [checker.getBooleanType()];
  return parts.flatMap((t) => (t.isUnion() ? plainParts(checker, t) : [t]));
}

/** Promise<T>, Output<T> and OutputInstance<T>: the ways a TypeScript program passes a value later. */
function isWrapper(type: ts.Type): boolean {
  const name = type.getSymbol()?.name ?? type.aliasSymbol?.name;
  return name === "Promise" || name === "OutputInstance" || name === "Output" || name === "OutputConstructor";
}

/** `pulumi.Output<T>` → T, and whether T may be undefined. */
function unwrapOutput(checker: ts.TypeChecker, type: ts.Type): { type: ts.Type; optional: boolean } {
  const inner = type.aliasTypeArguments?.[0] ?? checker.getTypeArguments(type as ts.TypeReference)[0] ?? type;
  const optional = inner.isUnion() && inner.types.some((t) => t.flags & ts.TypeFlags.Undefined);
  return { type: inner, optional };
}

function described(checker: ts.TypeChecker, symbol: ts.Symbol | undefined): { description?: string } {
  const text = docOf(checker, symbol);
  return text ? { description: text } : {};
}

function docOf(checker: ts.TypeChecker, symbol: ts.Symbol | undefined): string | undefined {
  if (!symbol) return undefined;
  const text = ts.displayPartsToString(symbol.getDocumentationComment(checker)).trim();
  const deprecated = symbol.getJsDocTags(checker).find((tag) => tag.name === "deprecated");
  const full = deprecated ? `Deprecated: ${ts.displayPartsToString(deprecated.text).trim()}${text ? ` ${text}` : ""}` : text;
  // {@link X} reads as X in every language.
  return full ? full.replace(/\{@link\s+([^}\s]+)\s*\}/g, "$1") : undefined;
}

function findDeclaration<T extends ts.Node>(source: ts.SourceFile, name: string, is: (node: ts.Node) => node is T): T {
  const found = source.statements.find((s) => is(s) && (s as unknown as { name?: ts.Identifier }).name?.text === name);
  if (!found) throw new Error(`${name} is not declared in ${source.fileName}`);
  return found as unknown as T;
}

/** Type names in the schema: `OnDeleteArgs` → `OnDelete` (inputs and outputs share one type). */
function typeName(name: string): string {
  return name.replace(/Args$/, "");
}

const capital = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);
