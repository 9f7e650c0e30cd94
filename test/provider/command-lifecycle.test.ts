import * as $Ecs from "@alicloud/ecs20140526";
import type { RunningEmulator } from "../../emulator";
import { check, create, diff, read, remove } from "../../provider/lifecycle/command-lifecycle";
import { UNKNOWN } from "../../provider/schema/unknowns";
import { emulator, sdkClient } from "../support/emulator";
import { configureFor } from "../support/provider";

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await emulator();
  configureFor(emu);
});
afterAll(() => emu.close());

const args = { name: "deploy", type: "RunShellScript", commandContent: "echo deploying {{version}}", enableParameter: true, timeout: 120, __provider: "shim" };

describe("EcsCommand", () => {
  it("checks name, type, encoding and size at preview", async () => {
    const { failures } = await check({} as never, { ...args, type: "RunPython", commandContent: "x".repeat(14_000) } as never);
    expect(failures.map((f) => f.property).sort()).toEqual(["commandContent", "type"]);
    expect(failures.find((f) => f.property === "commandContent")!.reason).toContain("must be at most 18 KB once Base64-encoded");
  });

  it("creates the command from plain text and reads it back", async () => {
    const { id, outs } = await create(args as never);
    const stored = (
      await sdkClient(emu).describeCommands(new $Ecs.DescribeCommandsRequest({ regionId: "cn-hangzhou", commandId: id, contentEncoding: "PlainText" }))
    ).body!.commands!.command![0]!;
    expect([stored.name, stored.commandContent, stored.enableParameter, stored.timeout]).toEqual(["deploy", "echo deploying {{version}}", true, 120]);
    expect(outs.commandId).toBe(id);
    const refreshed = await read(id, outs);
    expect(refreshed.props?.name).toBe("deploy");
  });

  it("accepts Base64 content as Terraform's command_content does", async () => {
    const { id } = await create({ ...args, commandContent: Buffer.from("ls").toString("base64"), contentEncoding: "Base64" } as never);
    const stored = (
      await sdkClient(emu).describeCommands(new $Ecs.DescribeCommandsRequest({ regionId: "cn-hangzhou", commandId: id, contentEncoding: "PlainText" }))
    ).body!.commands!.command![0]!;
    expect(stored.commandContent).toBe("ls");
  });

  it("replaces on any cloud change and ignores a provider code change", async () => {
    const olds = { ...args, commandId: "c-1" } as never;
    expect((await diff("c-1", olds, { ...args, commandContent: "echo v2" } as never)).replaces).toEqual(["commandContent"]);
    expect(await diff("c-1", olds, { ...args, __provider: "new-code" } as never)).toEqual({ changes: false, replaces: [], deleteBeforeReplace: false });
    expect((await diff("c-1", olds, { ...args, tags: { team: UNKNOWN } } as never)).replaces).toEqual(["tags"]);
    expect(await diff("c-1", olds, { ...args, timeouts: { create: "5m" } } as never)).toEqual({ changes: true, replaces: [], deleteBeforeReplace: false });
  });

  it("adopts an existing command by id without creating one, and refuses a different declaration", async () => {
    const existing = (
      await sdkClient(emu).createCommand(
        new $Ecs.CreateCommandRequest({
          regionId: "cn-hangzhou",
          name: "deploy",
          type: "RunShellScript",
          commandContent: Buffer.from("echo deploying {{version}}").toString("base64"),
          enableParameter: true,
          timeout: 120,
        }),
      )
    ).body!.commandId!;
    const creates = emu.requestLog.filter((e) => e.action === "CreateCommand").length;
    const { id } = await create({ ...args, adoptCommandId: existing } as never);
    expect(id).toBe(existing);
    expect(emu.requestLog.filter((e) => e.action === "CreateCommand").length).toBe(creates);
    await expect(create({ ...args, name: "other", commandContent: "echo other", adoptCommandId: existing } as never)).rejects.toThrow(
      `Cannot import command ${existing}: the program declares different inputs:\n  name: declared "other", actual "deploy"\n  commandContent: the declared script differs from the command's`,
    );
  });

  it("deletes the command and tolerates one that is already gone", async () => {
    const { id, outs } = await create(args as never);
    await remove(id, outs);
    await expect(remove(id, outs)).resolves.toBeUndefined();
    expect(await read(id, outs)).toEqual({ id: "" });
  });
});
