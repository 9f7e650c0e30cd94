import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as $Ecs from "@alicloud/ecs20140526";
import type { RunningEmulator } from "../../emulator";
import { control, emulator, eventually, sdkClient } from "../support/emulator";

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

describe("a fleet in one call", () => {
  it("POST /_emulator/fleet makes a thousand tagged instances that DescribeInstances finds by tag, page by page", async () => {
    const emu = await emulator();
    try {
      const made = await control<{ created: number; first: string; last: string }>(emu, "POST", "fleet", {
        count: 1000,
        prefix: "i-big",
        tags: { fleet: "big" },
      });
      expect(made).toEqual({ created: 1000, first: "i-big000000000000001", last: "i-big000000000001000" });
      const found = new Set<string>();
      let nextToken: string | undefined;
      do {
        const page = (
          await sdkClient(emu).describeInstances(
            new $Ecs.DescribeInstancesRequest({
              regionId: "cn-hangzhou",
              tag: [new $Ecs.DescribeInstancesRequestTag({ key: "fleet", value: "big" })],
              maxResults: 100,
              nextToken,
            }),
          )
        ).body!;
        for (const instance of page.instances!.instance!) found.add(instance.instanceId!);
        nextToken = page.nextToken || undefined;
      } while (nextToken);
      expect(found.size).toBe(1000);
      const refused = await fetch(`${emu.url}/_emulator/fleet`, { method: "POST", body: JSON.stringify({ count: 0 }) });
      expect(refused.status).toBe(400);
    } finally {
      await emu.close();
    }
  });
});
