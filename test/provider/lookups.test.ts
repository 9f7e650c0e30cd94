import * as $Ecs from "@alicloud/ecs20140526";
import { runLookup } from "../../provider/lookups/lookups";
import { FUNCTION_TOKENS } from "../../provider/package/identity";
import type { GetEcsCommandsResult, GetEcsInvocationsResult } from "../../provider/resources/lookups";
import { emulatorForFile, eventually, sdkClient } from "../support/emulator";
import { configureFor } from "../support/provider";

const emu = emulatorForFile();
const WEB = "i-linux0000000000001";
const content = (text: string) => Buffer.from(text).toString("base64");

const commands = async (args: object) => (await runLookup(FUNCTION_TOKENS.commands, args)).result as GetEcsCommandsResult;
const invocations = async (args: object) => runLookup(FUNCTION_TOKENS.invocations, args) as Promise<{ result: GetEcsInvocationsResult; secrets: string[] }>;

let plain = "";
let withParameters = "";
let deployCommand = "";

beforeAll(async () => {
  configureFor(emu);
  const ecs = sdkClient(emu);
  const create = async (name: string, script: string, extra: Partial<$Ecs.CreateCommandRequest> = {}) =>
    (
      await ecs.createCommand(
        new $Ecs.CreateCommandRequest({ regionId: "cn-hangzhou", name, type: "RunShellScript", commandContent: content(script), ...extra }),
      )
    ).body!.commandId!;
  deployCommand = await create("deploy-web", "echo deployed", { tag: [new $Ecs.CreateCommandRequestTag({ key: "team", value: "web" })] });
  await create("deploy-db", "echo db");
  // More commands than one page holds, so the lookup has to follow NextToken.
  for (let i = 0; i < 55; i++) await create(`bulk-${String(i).padStart(2, "0")}`, "true");
  const greet = await create("greet", "echo hello {{name}}", { enableParameter: true });
  plain = (await ecs.invokeCommand(new $Ecs.InvokeCommandRequest({ regionId: "cn-hangzhou", commandId: deployCommand, instanceId: [WEB] }))).body!.invokeId!;
  withParameters = (
    await ecs.invokeCommand(
      new $Ecs.InvokeCommandRequest({ regionId: "cn-hangzhou", commandId: greet, instanceId: [WEB], parameters: { name: "s3cr3t-value" } }),
    )
  ).body!.invokeId!;
  await eventually(async () => {
    const { result } = await invocations({ ids: [plain, withParameters] });
    return result.invocations.every((i) => i.status === "Success") ? true : undefined;
  });
});

describe("getEcsCommands", () => {
  it("finds commands by exact name, by prefix, by regex, by tag and by id", async () => {
    expect((await commands({ name: "deploy-web" })).names).toEqual(["deploy-web"]);
    expect((await commands({ name: "deploy-*" })).names.sort()).toEqual(["deploy-db", "deploy-web"]);
    expect((await commands({ nameRegex: "^deploy-(web|db)$" })).names.sort()).toEqual(["deploy-db", "deploy-web"]);
    expect((await commands({ tags: { team: "web" } })).ids).toEqual([deployCommand]);
    const byId = await commands({ ids: [deployCommand], contentEncoding: "PlainText" });
    expect(byId.commands[0]).toMatchObject({
      id: deployCommand,
      commandId: deployCommand,
      commandContent: "echo deployed",
      type: "RunShellScript",
      timeout: 60,
    });
  });

  it("pages through every result", async () => {
    expect((await commands({ name: "bulk-*" })).ids).toHaveLength(55);
  });

  it("finds a public command by provider, its latest version only, with its parameter definitions", async () => {
    const all = await commands({ commandProvider: "AlibabaCloud" });
    const latest = await commands({ commandProvider: "AlibabaCloud", latest: true });
    expect(all.commands.length).toBeGreaterThan(latest.commands.length);
    expect(latest.commands[0]).toMatchObject({ provider: expect.stringMatching(/^AlibabaCloud/), latest: true });
    expect(latest.commands[0]!.parameterDefinitions.map((p) => p.parameterName)).toEqual(latest.commands[0]!.parameterNames);
  });

  it("answers an empty list when nothing matches", async () => {
    expect(await commands({ name: "no-such-command" })).toEqual({ ids: [], names: [], commands: [] });
  });

  it("refuses bad filters naming the field, the rule and the value, before any call", async () => {
    await expect(commands({ nameRegex: "(" })).rejects.toThrow('getEcsCommands: nameRegex: is not a valid regular expression (got "(")');
    await expect(commands({ type: "RunPythonScript" })).rejects.toThrow(/getEcsCommands: type: .*RunShellScript.*\(got "RunPythonScript"\)/);
    await expect(commands({ idz: ["c-1"] })).rejects.toThrow(/getEcsCommands: .*idz/);
  });
});

describe("getEcsInvocations", () => {
  it("finds invocations by id, command and status, with each instance's output", async () => {
    const { result, secrets } = await invocations({ ids: [plain] });
    expect(result.invocations[0]).toMatchObject({ id: plain, commandId: deployCommand, status: "Success", hasParameters: false });
    expect(result.invocations[0]!.instances).toEqual([expect.objectContaining({ instanceId: WEB, status: "Success", exitCode: 0, output: "deployed\n" })]);
    expect(secrets).toEqual([]);
    expect((await invocations({ commandId: deployCommand })).result.ids).toEqual([plain]);
    expect((await invocations({ status: "Finished", ids: [plain] })).result.ids).toEqual([plain]);
    expect((await invocations({ status: "Failed", ids: [plain] })).result.ids).toEqual([]);
  });

  it("keeps the output secret when an invocation ran with parameters, and never returns their values", async () => {
    const { result, secrets } = await invocations({ ids: [withParameters] });
    expect(secrets).toEqual(["invocations"]);
    expect(result.invocations[0]).toMatchObject({ hasParameters: true });
    expect(result.invocations[0]!.instances[0]!.output).toBe("hello s3cr3t-value\n");
    expect(JSON.stringify(result)).not.toContain('"name"');
  });

  it("keeps only the tail of each output, and none without includeOutput", async () => {
    const { result } = await invocations({ ids: [plain], outputTailBytes: 4 });
    expect(result.invocations[0]!.instances[0]).toMatchObject({ output: "yed\n", outputOmitted: 5 });
    const bare = await invocations({ ids: [plain], includeOutput: false });
    expect(bare.result.invocations[0]!.instances[0]!.output).toBe("");
  });
});
