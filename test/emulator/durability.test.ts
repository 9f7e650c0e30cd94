import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as $Ecs from "@alicloud/ecs20140526";
import { ManualClock } from "../../emulator";
import { control, emulator, eventually, sdkClient, sdkError } from "../support/emulator";

const REGION = "cn-hangzhou";

describe("durability", () => {
  it("keeps state across a restart and reports runs cut off by it as interrupted", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "emulator-state-"));
    const first = await emulator({ dataDir });
    const ecs = sdkClient(first);
    const commandId = (
      await ecs.createCommand(
        new $Ecs.CreateCommandRequest({ regionId: REGION, name: "kept", type: "RunShellScript", commandContent: Buffer.from("sleep 30").toString("base64") }),
      )
    ).body!.commandId!;
    const invokeId = (await ecs.invokeCommand(new $Ecs.InvokeCommandRequest({ regionId: REGION, commandId, instanceId: ["i-linux0000000000001"] }))).body!
      .invokeId!;
    await eventually(async () => (first.store.state.regions[REGION]!.invocations[invokeId]!.instances[0]!.status === "Running" ? true : undefined));
    await first.close();

    const second = await emulator({ dataDir });
    try {
      const client = sdkClient(second);
      const command = (await client.describeCommands(new $Ecs.DescribeCommandsRequest({ regionId: REGION, commandId }))).body!.commands!.command![0]!;
      expect(command.name).toBe("kept");
      const invocation = (await client.describeInvocations(new $Ecs.DescribeInvocationsRequest({ regionId: REGION, invokeId }))).body!.invocations!
        .invocation![0]!;
      const instance = invocation.invokeInstances!.invokeInstance![0]!;
      expect([invocation.invocationStatus, instance.invocationStatus, instance.errorCode]).toEqual(["Failed", "Error", "ExecutionInterrupted"]);
    } finally {
      await second.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it("forgets invocation records after the retention period", async () => {
    const clock = new ManualClock(Date.now());
    const emu = await emulator({ clock, retentionMs: 60_000 });
    try {
      const ecs = sdkClient(emu);
      const invokeId = (
        await ecs.runCommand(
          new $Ecs.RunCommandRequest({ regionId: REGION, type: "RunShellScript", commandContent: "true", instanceId: ["i-linux0000000000001"] }),
        )
      ).body!.invokeId!;
      clock.advance(61_000);
      // Requests are signed with the wall clock, so only the emulator's records age here.
      const response = await ecs.describeInvocations(new $Ecs.DescribeInvocationsRequest({ regionId: REGION, invokeId }));
      expect(response.body!.invocations!.invocation).toEqual([]);
      const stop = await sdkError(ecs.stopInvocation(new $Ecs.StopInvocationRequest({ regionId: REGION, invokeId })));
      expect(stop.code).toBe("InvalidInvokeId.NotFound");
    } finally {
      await emu.close();
    }
  });

  it("expires one record on demand through the control API", async () => {
    const emu = await emulator();
    try {
      const ecs = sdkClient(emu);
      const invokeId = (
        await ecs.runCommand(
          new $Ecs.RunCommandRequest({ regionId: REGION, type: "RunShellScript", commandContent: "true", instanceId: ["i-linux0000000000001"] }),
        )
      ).body!.invokeId!;
      await control(emu, "POST", `invocations/${invokeId}/expire`);
      const response = await ecs.describeInvocations(new $Ecs.DescribeInvocationsRequest({ regionId: REGION, invokeId }));
      expect(response.body!.invocations!.invocation).toEqual([]);
    } finally {
      await emu.close();
    }
  });
});
