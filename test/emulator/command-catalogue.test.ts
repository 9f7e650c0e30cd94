import * as $Ecs from "@alicloud/ecs20140526";
import { PUBLIC_COMMANDS } from "../../emulator/model/public-commands";
import { emulatorForFile, eventually, sdkClient, sdkError } from "../support/emulator";

const REGION = "cn-hangzhou";
const emu = emulatorForFile();
const [OLD, LATEST] = PUBLIC_COMMANDS;

describe("public commands (DescribeCommands with a Provider)", () => {
  const describe = (request: Partial<$Ecs.DescribeCommandsRequest>) =>
    sdkClient(emu)
      .describeCommands(new $Ecs.DescribeCommandsRequest({ regionId: REGION, ...request }))
      .then((r) => r.body!.commands!.command!);

  it("lists them by provider, every version or the latest, with versions and parameter definitions", async () => {
    expect((await describe({ provider: "AlibabaCloud" })).map((c) => [c.commandId, c.version, c.latest])).toEqual([
      [LATEST!.commandId, 2, true],
      [OLD!.commandId, 1, false],
    ]);
    const [latest] = await describe({ provider: "AlibabaCloud.ECS.GuestOS", latest: true, name: "updateagent" });
    expect([latest!.commandId, latest!.provider, latest!.category]).toEqual([LATEST!.commandId, "AlibabaCloud.ECS.GuestOS", "AlibabaCloud.ECS.GuestOS"]);
    expect(latest!.parameterDefinitions!.parameterDefinition!.map((p) => [p.parameterName, p.required, p.possibleValues!.possibleValue])).toEqual([
      ["DownloadUrl", false, []],
      ["Restart", false, ["true", "false"]],
    ]);
    expect(await describe({ provider: "AlibabaCloud.Other" })).toEqual([]);
  });

  it("keeps them out of a user's own list, and a user's versionless", async () => {
    const content = Buffer.from("echo mine").toString("base64");
    await sdkClient(emu).createCommand(new $Ecs.CreateCommandRequest({ regionId: REGION, name: "mine", type: "RunShellScript", commandContent: content }));
    const own = await describe({});
    expect(own.map((c) => c.name)).toEqual(["mine"]);
    expect([own[0]!.version, own[0]!.latest, own[0]!.provider]).toEqual([undefined, undefined, ""]);
  });

  it("runs one with its parameters, and refuses changing or deleting it", async () => {
    const ecs = sdkClient(emu);
    const { body } = await ecs.invokeCommand(
      new $Ecs.InvokeCommandRequest({
        regionId: REGION,
        commandId: LATEST!.commandId,
        instanceId: ["i-linux0000000000001"],
        parameters: { DownloadUrl: "https://mirror.example/agent.rpm", Restart: "false" },
      }),
    );
    const output = await eventually(async () => {
      const results = await ecs.describeInvocationResults(
        new $Ecs.DescribeInvocationResultsRequest({ regionId: REGION, invokeId: body!.invokeId, contentEncoding: "PlainText" }),
      );
      const result = results.body!.invocation!.invocationResults!.invocationResult![0];
      return result?.invocationStatus === "Success" ? result.output : undefined;
    });
    expect(output).toBe("would update the agent from https://mirror.example/agent.rpm, restart: false\n");
    const rename = await sdkError(ecs.modifyCommand(new $Ecs.ModifyCommandRequest({ regionId: REGION, commandId: LATEST!.commandId, name: "renamed" })));
    const retime = await sdkError(ecs.modifyCommand(new $Ecs.ModifyCommandRequest({ regionId: REGION, commandId: LATEST!.commandId, timeout: 10 })));
    const remove = await sdkError(ecs.deleteCommand(new $Ecs.DeleteCommandRequest({ regionId: REGION, commandId: OLD!.commandId })));
    expect([rename.code, retime.code, remove.code]).toEqual(["CmdName.Readonly", "Operation.Forbidden", "Operation.Forbidden"]);
    expect((await describe({ provider: "AlibabaCloud" })).length).toBe(2);
  });
});

describe("command names, descriptions and working folders", () => {
  const content = Buffer.from("echo").toString("base64");

  it("refuses control characters in them, naming which (InvalidParameterCharacter.*)", async () => {
    const ecs = sdkClient(emu);
    const create = (extra: Partial<$Ecs.CreateCommandRequest>) =>
      sdkError(ecs.createCommand(new $Ecs.CreateCommandRequest({ regionId: REGION, name: "ok", type: "RunShellScript", commandContent: content, ...extra })));
    expect([
      (await create({ name: "bad\u0001name" })).code,
      (await create({ description: "line\u0007" })).code,
      (await create({ workingDir: "/tmp\u001f" })).code,
    ]).toEqual(["InvalidParameterCharacter.CommandName", "InvalidParameterCharacter.CommandDescription", "InvalidParameterCharacter.CommandWorkingDir"]);
    const { body } = await ecs.createCommand(
      new $Ecs.CreateCommandRequest({ regionId: REGION, name: "ünïcode ok", type: "RunShellScript", commandContent: content }),
    );
    const modify = await sdkError(ecs.modifyCommand(new $Ecs.ModifyCommandRequest({ regionId: REGION, commandId: body!.commandId, name: "bad\u0000" })));
    expect([modify.code, modify.statusCode]).toEqual(["InvalidParameterCharacter.CommandName", 403]);
  });

  it("refuses DescribeCommands filters longer than the fields they filter", async () => {
    const ecs = sdkClient(emu);
    const name = await sdkError(ecs.describeCommands(new $Ecs.DescribeCommandsRequest({ regionId: REGION, name: "n".repeat(129) })));
    const description = await sdkError(ecs.describeCommands(new $Ecs.DescribeCommandsRequest({ regionId: REGION, description: "d".repeat(513) })));
    expect([name.code, name.statusCode, description.code]).toEqual(["InvalidName.LengthLimitExceeded", 403, "InvalidDescription.LengthLimitExceeded"]);
  });
});
