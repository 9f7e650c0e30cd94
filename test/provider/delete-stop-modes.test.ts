import * as $Ecs from "@alicloud/ecs20140526";
import { create, remove } from "../../provider/lifecycle/invocation-lifecycle";
import { overrideRuntime } from "../../provider/lifecycle/runtime";
import { emulatorForFile, eventually, sdkClient } from "../support/emulator";
import { configureFor } from "../support/provider";

jest.setTimeout(30_000);

const emu = emulatorForFile({ stopRunning: "let-finish" });
let restore: () => void;
beforeAll(() => {
  configureFor(emu);
  restore = overrideRuntime({ progress: () => undefined, warn: () => undefined });
});
afterAll(() => restore());

describe("delete when StopInvocation lets started runs finish", () => {
  it("fails clearly while the run goes on past the delete timeout, keeping it in state, and succeeds once it has ended", async () => {
    const ecs = sdkClient(emu);
    const commandId = (
      await ecs.createCommand(
        new $Ecs.CreateCommandRequest({
          regionId: "cn-hangzhou",
          name: "slow",
          type: "RunShellScript",
          commandContent: Buffer.from("sleep 3").toString("base64"),
        }),
      )
    ).body!.commandId!;
    const urn = "urn:pulumi:s::p::pulumi-nodejs:dynamic/alicloud:EcsInvocation::slow";
    const { id, outs } = await create({ commandId, instanceIds: ["i-linux0000000000001"], waitForCompletion: false, __provider: "shim", __urn: urn } as never);
    await eventually(async () => (emu.store.state.regions["cn-hangzhou"]!.invocations[id]!.instances[0]!.status === "Running" ? true : undefined));
    const error = await remove(id, { ...outs, timeouts: { delete: "1s" } } as never).then(
      () => undefined,
      (e: Error) => e,
    );
    expect(error?.message).toBe(
      `Invocation ${id} was asked to stop but is still Running after the delete timeout (1s). It stays in state, ` +
        "so nothing runs beside it: run the same command again later, or raise timeouts.delete.",
    );
    await remove(id, { ...outs, timeouts: { delete: "30s" } } as never);
    const status = (await ecs.describeInvocations(new $Ecs.DescribeInvocationsRequest({ regionId: "cn-hangzhou", invokeId: id }))).body!.invocations!
      .invocation![0]!;
    expect(status.invocationStatus).toBe("Success");
    // Released once settled: no later create of this resource resumes it.
    expect(status.tags!.tag!.find((t) => t.tagKey === "pulumi-ecs-invocation:resource")?.tagValue).toBe("released");
  });
});
