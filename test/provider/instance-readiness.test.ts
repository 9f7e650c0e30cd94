import type { RunningEmulator } from "../../emulator";
import type { EcsApi } from "../../provider/cloud/ecs-api";
import type { Timing } from "../../provider/cloud/timing";
import { InstancesNotReady, readiness, waitForReadyInstances } from "../../provider/lifecycle/run/instance-readiness";
import { control, emulator } from "../support/emulator";
import { emulatorApi } from "../support/provider";

/** The real SDK against the emulator; time moves only when the code under test sleeps. */
let emu: RunningEmulator;
let api: EcsApi;
beforeAll(async () => {
  emu = await emulator();
  api = emulatorApi(emu);
});
afterAll(() => emu.close());

function sleepingTiming(onSleep: (count: number) => Promise<void> = async () => {}): Timing & { sleeps: number } {
  let now = Date.now();
  const timing = {
    sleeps: 0,
    now: () => now,
    random: () => 0.5,
    sleep: async (ms: number) => {
      timing.sleeps++;
      now += ms;
      await onSleep(timing.sleeps);
    },
  };
  return timing;
}

const FAR = Date.now() + 3_600_000;

describe("waitForAgent: instances ready before the command is sent", () => {
  it("says why each instance is not ready: missing, Stopped, agent not installed, agent stopped", async () => {
    await control(emu, "PUT", "fleet/i-agentstopped0001", { instanceName: "agent-stopped", agent: { installed: true, running: false, version: "2.2.3.0" } });
    const state = await readiness(
      api,
      { instanceIds: ["i-linux0000000000001", "i-missing000000001", "i-stopped00000000001", "i-noagent00000000001", "i-agentstopped0001"] },
      FAR,
    );
    expect(state.targets).toEqual([
      { instanceId: "i-linux0000000000001", problem: undefined },
      { instanceId: "i-missing000000001", problem: "the instance does not exist in this region (yet)" },
      { instanceId: "i-stopped00000000001", problem: "the instance is Stopped, not Running" },
      { instanceId: "i-noagent00000000001", problem: "the Cloud Assistant agent is not installed or not running" },
      { instanceId: "i-agentstopped0001", problem: "the Cloud Assistant agent is not installed or not running" },
    ]);
  });

  it("returns at once when every instance is ready, with one call of each kind", async () => {
    const before = emu.requestLog.length;
    const timing = sleepingTiming();
    await waitForReadyInstances(api, { instanceIds: ["i-linux0000000000001", "i-linux0000000000002"] }, FAR, timing, () => {});
    expect(timing.sleeps).toBe(0);
    expect(emu.requestLog.slice(before).map((e) => e.action)).toEqual(["DescribeInstances", "DescribeCloudAssistantStatus"]);
  });

  it("waits while a new instance boots and its agent comes online, reporting progress", async () => {
    const lines: string[] = [];
    const timing = sleepingTiming(async (count) => {
      if (count === 1)
        await control(emu, "PUT", "fleet/i-booting000000001", { status: "Starting", agent: { installed: true, running: false, version: "2.2.3.0" } });
      if (count === 2) await control(emu, "PUT", "fleet/i-booting000000001", { status: "Running" });
      if (count === 3) await control(emu, "PUT", "fleet/i-booting000000001", { agent: { installed: true, running: true, version: "2.2.3.0" } });
    });
    await waitForReadyInstances(api, { instanceIds: ["i-linux0000000000001", "i-booting000000001"] }, FAR, timing, (line) => lines.push(line));
    expect(timing.sleeps).toBe(3);
    expect([...new Set(lines)]).toEqual(["waiting for 1/2 instances to be ready: i-booting000000001", "2/2 instances ready"]);
  });

  it("selects instances by resourceTags and waits until one carries them", async () => {
    const timing = sleepingTiming(async (count) => {
      if (count === 1) await control(emu, "PUT", "fleet/i-tagged0000000001", { tags: { role: "batch" } });
    });
    const lines: string[] = [];
    await waitForReadyInstances(api, { resourceTags: { role: "batch" } }, FAR, timing, (line) => lines.push(line));
    expect(lines).toEqual(["waiting for an instance with tags role=batch", "1/1 instances ready"]);
  });

  it("fails at the deadline naming each instance not ready and why, having invoked nothing", async () => {
    const before = emu.requestLog.length;
    const timing = sleepingTiming();
    const waiting = waitForReadyInstances(
      api,
      { instanceIds: ["i-linux0000000000001", "i-stopped00000000001", "i-noagent00000000001"] },
      Date.now() + 20_000,
      timing,
      () => {},
    );
    await expect(waiting).rejects.toThrow(InstancesNotReady);
    await expect(waiting).rejects.toThrow(
      "2 of 3 target instances were not ready within the create timeout (waitForAgent), so the command was not run:\n" +
        "  i-stopped00000000001: the instance is Stopped, not Running\n" +
        "  i-noagent00000000001: the Cloud Assistant agent is not installed or not running\n" +
        "Nothing was invoked.",
    );
    expect(emu.requestLog.slice(before).filter((e) => !e.action.startsWith("Describe"))).toEqual([]);
    await expect(waitForReadyInstances(api, { resourceTags: { role: "nobody" } }, Date.now() + 5_000, sleepingTiming(), () => {})).rejects.toThrow(
      "No instance in cn-hangzhou carried the tags role=nobody within the create timeout, so the command was not run.",
    );
  });
});
