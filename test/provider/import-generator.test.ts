import type { CommandView, InvocationView } from "../../provider/cloud/ecs-api";
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
