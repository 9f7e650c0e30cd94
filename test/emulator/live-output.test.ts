import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as $Ecs from "@alicloud/ecs20140526";
import type { RunningEmulator } from "../../emulator";
import { emulator, eventually, sdkClient } from "../support/emulator";

describe("output of a running execution", () => {
  let emu: RunningEmulator;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "live-output-"));
    emu = await emulator();
  });
  afterAll(async () => {
    await emu.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("is what the run has written so far, while it runs, and all of it once it ends", async () => {
    const ecs = sdkClient(emu);
    const gate = join(dir, "go");
    // Prints a line, then waits for the test to open the gate: no race with the clock.
    const script = `echo first; while [ ! -e ${gate} ]; do sleep 0.05; done; echo second`;
    const invokeId = (
      await ecs.runCommand(
        new $Ecs.RunCommandRequest({ regionId: "cn-hangzhou", type: "RunShellScript", commandContent: script, instanceId: ["i-linux0000000000001"] }),
      )
    ).body!.invokeId!;
    const read = async () =>
      (
        await ecs.describeInvocations(
          new $Ecs.DescribeInvocationsRequest({ regionId: "cn-hangzhou", invokeId, includeOutput: true, contentEncoding: "PlainText" }),
        )
      ).body!.invocations!.invocation![0]!.invokeInstances!.invokeInstance![0]!;
    const running = await eventually(async () => {
      const instance = await read();
      return instance.invocationStatus === "Running" && instance.output === "first\n" ? instance : undefined;
    });
    expect(running.output).toBe("first\n");
    writeFileSync(gate, "");
    const done = await eventually(async () => {
      const instance = await read();
      return instance.invocationStatus === "Success" ? instance : undefined;
    });
    expect(done.output).toBe("first\nsecond\n");
  });
});
