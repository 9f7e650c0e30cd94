import fc from "fast-check";
import ts from "typescript";
import type { CommandView, InvocationView } from "../../provider/cloud/ecs-api";
import { identifiersFor } from "../../provider/import/identifiers";
import { writeProgram } from "../../provider/import/program-writer";
import { resourcesInTerraformState, TerraformStateError } from "../../provider/import/terraform-state";

const command: CommandView = {
  commandId: "c-hz01",
  name: "deploy app",
  type: "RunShellScript",
  commandContent: Buffer.from("echo {{who}}").toString("base64"),
  description: "",
  enableParameter: true,
  timeout: 60,
  workingDir: "",
  launcher: "",
  resourceGroupId: "",
  tags: {},
  creationTime: "",
};

const invocation = {
  invokeId: "t-hz01",
  commandId: "c-hz01",
  commandName: "deploy app",
  commandType: "RunShellScript",
  status: "Success",
  repeatMode: "Once",
  frequency: "",
  parameters: { who: "secret-value" },
  username: "root",
  timeout: 60,
  workingDir: "",
  launcher: "",
  containerId: "",
  containerName: "",
  terminationMode: "",
  ossOutputDelivery: "",
  creationTime: "",
  tags: { team: "web", "pulumi-ecs-invocation:resource": "abc" },
  instances: [{ instanceId: "i-2" }, { instanceId: "i-1" }],
} as unknown as InvocationView;

describe("the import generator's program", () => {
  it("declares each resource with its actual inputs and the import option, referencing commands it declares", () => {
    const { program, secretKeys } = writeProgram([{ command, name: "deploy" }], [{ invocation, name: "deploy-run" }], "region cn-hangzhou");
    expect(program).toContain(
      'const deploy = new EcsCommand("deploy", {\n  name: "deploy app",\n  type: "RunShellScript",\n  commandContent: "echo {{who}}",\n  enableParameter: true,\n  timeout: 60,\n}, { import: "c-hz01" });',
    );
    expect(program).toContain('const deployRun = new EcsInvocation("deploy-run", {\n  commandId: deploy.id,\n  instanceIds: ["i-2","i-1"],');
    expect(program).toContain('  tags: {"team":"web"},\n}, { import: "t-hz01" });');
    expect(program).toContain('parameters: { "who": config.requireSecret("deploy-run.who") },');
    expect(secretKeys).toEqual(["deploy-run.who"]);
  });

  it("never writes a parameter's value", () => {
    expect(writeProgram([], [{ invocation, name: "run" }], "region cn-hangzhou").program).not.toContain("secret-value");
  });

  it("keeps binary content as Base64", () => {
    const binary = { ...command, commandContent: Buffer.from([0xff, 0xfe, 0x00]).toString("base64") };
    expect(writeProgram([{ command: binary, name: "bin" }], [], "x").program).toContain(
      `commandContent: "${binary.commandContent}",\n  contentEncoding: "Base64",`,
    );
  });
});

describe("reading a Terraform state", () => {
  const state = {
    version: 4,
    resources: [
      { mode: "managed", type: "alicloud_ecs_command", name: "hello", instances: [{ attributes: { id: "c-1" } }] },
      {
        mode: "managed",
        type: "alicloud_ecs_invocation",
        name: "run",
        instances: [
          { index_key: 0, attributes: { id: "t-1" } },
          { index_key: 1, attributes: { id: "t-2" } },
        ],
      },
      { mode: "data", type: "alicloud_ecs_invocation", name: "ignored", instances: [{ attributes: { id: "t-9" } }] },
      { mode: "managed", type: "alicloud_instance", name: "vm", instances: [{ attributes: { id: "i-1" } }] },
    ],
  };

  it("finds every managed command and invocation, named as in the configuration", () => {
    expect(resourcesInTerraformState(JSON.stringify(state), "s.json")).toEqual([
      { kind: "command", id: "c-1", name: "hello" },
      { kind: "invocation", id: "t-1", name: "run-0" },
      { kind: "invocation", id: "t-2", name: "run-1" },
    ]);
  });

  it("says what to pass when the file is not a version 4 state", () => {
    expect(() => resourcesInTerraformState(JSON.stringify({ version: 3, modules: [] }), "old.tfstate")).toThrow(TerraformStateError);
    expect(() => resourcesInTerraformState("{", "bad")).toThrow(/bad is not a Terraform state file/);
  });
});

describe("reading what is not a Terraform state, or holds nothing to adopt", () => {
  const read = (text: string) => () => resourcesInTerraformState(text, "s.json");

  it("says what the file holds instead of a JavaScript error", () => {
    expect(read("null")).toThrow('s.json is not a Terraform state file: it holds null, not an object with "version" and "resources".');
    expect(read("[1]")).toThrow("it holds an array");
    expect(read('{"version":4,"resources":[null]}')).toThrow(
      "s.json is not a readable Terraform state: resources[0] expected object, received null (found null).",
    );
    expect(read('{"version":4,"resources":[{"type":"alicloud_ecs_command","name":"x","instances":{}}]}')).toThrow(
      "resources[0].instances expected array, received object (found an object)",
    );
    expect(read('{"version":"4"}')).toThrow('its "version" is the text "4"');
  });

  it("names the resource types it found when none is a command or an invocation", () => {
    const state = { version: 4, resources: [{ mode: "managed", type: "alicloud_instance", name: "vm", instances: [] }] };
    expect(read(JSON.stringify(state))).toThrow(
      "s.json holds no alicloud_ecs_command or alicloud_ecs_invocation resources (its resources are of type alicloud_instance): ecs-import adopts only those two types.",
    );
    expect(read('{"version":4,"resources":[]}')).toThrow("(it holds no resources at all)");
  });
});

describe("variable names in the generated program", () => {
  const declare = (names: { name: string; kind: string }[]) => identifiersFor(names, (id, r) => (r.kind === "Invocation" ? [`${id}Status`] : []));
  const parses = (identifier: string): boolean =>
    ts.transpileModule(`const ${identifier} = 1; export const ${identifier}Status = ${identifier};`, { reportDiagnostics: true }).diagnostics?.length === 0;

  it("gives Terraform's `default` a valid name for a command and an invocation, keeping both resource names", () => {
    expect(
      declare([
        { name: "default", kind: "Command" },
        { name: "default", kind: "Invocation" },
      ]),
    ).toEqual(["defaultCommand", "defaultInvocation"]);
    const { program } = writeProgram([{ command, name: "default" }], [{ invocation, name: "default" }], "x");
    expect(program).toContain('const defaultCommand = new EcsCommand("default", {');
    expect(program).toContain('const defaultInvocation = new EcsInvocation("default", {\n  commandId: defaultCommand.id,');
    expect(program).toContain("export const defaultInvocationStatus = defaultInvocation.status;");
  });

  it("handles digits first, dashes, spaces and other scripts", () => {
    const ids = declare([
      { name: "0-web", kind: "Command" },
      { name: "web server", kind: "Command" },
      { name: "部署-任务", kind: "Invocation" },
    ]);
    expect(ids.slice(0, 2)).toEqual(["_0Web", "webServer"]);
    expect(ids[2]).toMatch(/^invocation_[0-9a-f]{6}$/);
    expect(declare([{ name: "部署-任务", kind: "Invocation" }])).toEqual([ids[2]]);
  });

  it("depends on the names only, not on their order, and tells apart names that read alike", () => {
    const names = [
      { name: "foo-bar", kind: "Invocation" },
      { name: "foo_bar", kind: "Invocation" },
      { name: "fooBar", kind: "Command" },
    ];
    const forward = declare(names);
    const backward = declare([...names].reverse()).reverse();
    expect(forward).toEqual(backward);
    expect(new Set(forward).size).toBe(3);
  });

  it("any set of names gives distinct identifiers that TypeScript accepts", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.record({ name: fc.string({ unit: "grapheme", maxLength: 12 }), kind: fc.constantFrom("Command", "Invocation") }), {
          selector: (r) => `${r.kind}:${r.name}`,
          maxLength: 8,
        }),
        (names) => {
          const ids = declare(names);
          const implied = ids.flatMap((id, i) => (names[i]!.kind === "Invocation" ? [id, `${id}Status`] : [id]));
          expect(new Set(implied).size).toBe(implied.length);
          for (const id of ids) expect([id, parses(id)]).toEqual([id, true]);
        },
      ),
      { numRuns: 150 },
    );
  });
});
