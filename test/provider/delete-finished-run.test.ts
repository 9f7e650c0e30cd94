import * as $Ecs from "@alicloud/ecs20140526";
import { create, remove } from "../../provider/lifecycle/invocation-lifecycle";
import { overrideRuntime } from "../../provider/lifecycle/runtime";
import { emulatorForFile, sdkClient } from "../support/emulator";
import { configureFor } from "../support/provider";

jest.setTimeout(30_000);

const emu = emulatorForFile();
let restore: () => void;
let commandId: string;
beforeAll(async () => {
  configureFor(emu);
  restore = overrideRuntime({ progress: () => undefined, warn: () => undefined });
  commandId = (
    await sdkClient(emu).createCommand(
      new $Ecs.CreateCommandRequest({
        regionId: "cn-hangzhou",
        name: "quick",
        type: "RunShellScript",
        commandContent: Buffer.from("echo ok").toString("base64"),
      }),
    )
  ).body!.commandId!;
});
afterAll(() => restore());

const urn = (name: string) => `urn:pulumi:s::p::pulumi-nodejs:dynamic/alicloud:EcsInvocation::${name}`;
const actions = () => emu.requestLog.map((entry) => entry.action);
const resourceTag = async (id: string) =>
  (
    await sdkClient(emu).describeInvocations(new $Ecs.DescribeInvocationsRequest({ regionId: "cn-hangzhou", invokeId: id }))
  ).body!.invocations!.invocation![0]!.tags!.tag!.find((t) => t.tagKey === "pulumi-ecs-invocation:resource")?.tagValue;

describe("deleting a run the state saw finish", () => {
  it("releases it with one TagResources and reads nothing: a finished Once run cannot change", async () => {
    const { id, outs } = await create({ commandId, instanceIds: ["i-linux0000000000001"], __provider: "shim", __urn: urn("done") } as never);
    expect((outs as { status: string }).status).toBe("Success");
    emu.requestLog.length = 0;
    await remove(id, outs as never);
    expect(actions()).toEqual(["TagResources"]);
    expect(await resourceTag(id)).toBe("released");
  });

  it("reads a run first when the state cannot tell it is over (its create did not wait for it)", async () => {
    const notWaited = await create({
      commandId,
      instanceIds: ["i-linux0000000000001"],
      waitForCompletion: false,
      __provider: "shim",
      __urn: urn("not-waited"),
    } as never);
    emu.requestLog.length = 0;
    await remove(notWaited.id, notWaited.outs as never);
    expect(actions()[0]).toBe("DescribeInvocations");
    expect(await resourceTag(notWaited.id)).toBe("released");
  });

  it("reads an adopted run first: it may not carry this provider's tags, which a release would add", async () => {
    const { id, outs } = await create({ commandId, instanceIds: ["i-linux0000000000001"], __provider: "shim", __urn: urn("adopted") } as never);
    emu.requestLog.length = 0;
    await remove(id, { ...(outs as object), createOutcome: "adopted", usedClientToken: "" } as never);
    expect(actions()[0]).toBe("DescribeInvocations");
  });
});
