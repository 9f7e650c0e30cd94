import * as $Ecs from "@alicloud/ecs20140526";
import { nextRun, parseFrequency } from "../../common/frequency";
import { ManualClock } from "../../emulator";
import { control, emulator, eventually, sdkClient } from "../support/emulator";

const NOW = Date.UTC(2026, 5, 1, 12, 0, 0);

describe("frequency", () => {
  it("runs rate() schedules one interval after creation and every interval after", () => {
    const frequency = parseFrequency("rate(5m)", 60, NOW);
    expect(nextRun(frequency, NOW, NOW)).toBe(NOW + 300_000);
    expect(nextRun(frequency, NOW + 300_000, NOW)).toBe(NOW + 600_000);
  });

  it("reads at() in the given zone and runs it once", () => {
    const frequency = parseFrequency("at(2026-06-02 08:00:00 Asia/Shanghai)", 60, NOW);
    expect(nextRun(frequency, NOW, NOW)).toBe(Date.UTC(2026, 5, 2, 0, 0, 0));
    expect(nextRun(frequency, Date.UTC(2026, 5, 2, 0, 0, 0), NOW)).toBeUndefined();
  });

  it("reads GMT offsets without a leading zero", () => {
    const frequency = parseFrequency("at(2026-06-02 08:00:00 GMT+8:00)", 60, NOW);
    expect(nextRun(frequency, NOW, NOW)).toBe(Date.UTC(2026, 5, 2, 0, 0, 0));
  });

  it("runs cron expressions with seconds, a year and a zone", () => {
    const frequency = parseFrequency("0 30 9 * * ? 2027 Asia/Shanghai", 60, NOW);
    expect(new Date(nextRun(frequency, NOW, NOW)!).toISOString()).toBe("2027-01-01T01:30:00.000Z");
  });

  it.each([
    ["rate(59s)", "between 60s and 7d"],
    ["rate(2m)", "longer than the timeout"],
    ["at(2020-01-01 00:00:00)", "in the past"],
    ["0 0 * * * * Mars/Olympus", "unknown time zone"],
    ["*/5 * * * * *", "at least 10s and the timeout"],
    ["whenever", "expected rate("],
  ])("rejects %s, saying why", (text, reason) => {
    expect(() => parseFrequency(text, 120, NOW)).toThrow(reason);
  });
});

describe("scheduled runs", () => {
  it("runs a Period task on its schedule, keeps it Scheduled and records each run", async () => {
    const clock = new ManualClock(Date.now());
    const emu = await emulator({ clock });
    try {
      const ecs = sdkClient(emu);
      const { body } = await ecs.runCommand(
        new $Ecs.RunCommandRequest({
          regionId: "cn-hangzhou",
          type: "RunShellScript",
          commandContent: "echo tick",
          repeatMode: "Period",
          frequency: "rate(1m)",
          timeout: 30,
          instanceId: ["i-linux0000000000001"],
        }),
      );
      const invokeId = body!.invokeId!;
      const slot = () => emu.store.state.regions["cn-hangzhou"]!.invocations[invokeId]!.instances[0]!;
      for (let run = 1; run <= 2; run++) {
        clock.advance(60_000);
        clock.advance(10);
        await eventually(async () => (slot().repeats === run && slot().status === "Scheduled" ? true : undefined));
      }
      const history = (
        await ecs.describeInvocationResults(
          new $Ecs.DescribeInvocationResultsRequest({ regionId: "cn-hangzhou", invokeId, includeHistory: true, contentEncoding: "PlainText" }),
        )
      ).body!;
      expect(history.invocation!.invocationResults!.invocationResult!.map((r) => [r.repeats, r.output, r.invocationStatus])).toEqual([
        [1, "tick\n", "Success"],
        [2, "tick\n", "Success"],
      ]);
      const invocation = (await ecs.describeInvocations(new $Ecs.DescribeInvocationsRequest({ regionId: "cn-hangzhou", invokeId }))).body!.invocations!
        .invocation![0]!;
      expect([invocation.invocationStatus, invocation.frequency]).toEqual(["Scheduled", "rate(1m)"]);
    } finally {
      await emu.close();
    }
  });

  it("numbers history Repeats per instance", async () => {
    const clock = new ManualClock(Date.now());
    const emu = await emulator({ clock });
    try {
      const ecs = sdkClient(emu);
      const instances = ["i-linux0000000000001", "i-linux0000000000002"];
      const { body } = await ecs.runCommand(
        new $Ecs.RunCommandRequest({
          regionId: "cn-hangzhou",
          type: "RunShellScript",
          commandContent: "echo tick",
          repeatMode: "Period",
          frequency: "rate(1m)",
          timeout: 30,
          instanceId: instances,
        }),
      );
      const invokeId = body!.invokeId!;
      const slots = () => emu.store.state.regions["cn-hangzhou"]!.invocations[invokeId]!.instances;
      for (let run = 1; run <= 2; run++) {
        clock.advance(60_000);
        clock.advance(10);
        await eventually(async () => (slots().every((s) => s.repeats === run && s.status === "Scheduled") ? true : undefined));
      }
      const history = (
        await ecs.describeInvocationResults(new $Ecs.DescribeInvocationResultsRequest({ regionId: "cn-hangzhou", invokeId, includeHistory: true }))
      ).body!;
      const rows = history.invocation!.invocationResults!.invocationResult!.map((r) => [r.instanceId, r.repeats]);
      expect(rows.sort()).toEqual([
        [instances[0], 1],
        [instances[0], 2],
        [instances[1], 1],
        [instances[1], 2],
      ]);
    } finally {
      await emu.close();
    }
  });

  it("runs a cron without a zone at each instance's own local time", async () => {
    const clock = new ManualClock(Date.now());
    const emu = await emulator({ clock });
    try {
      const [shanghai, utc] = ["i-linux0000000000001", "i-linux0000000000002"] as const;
      await control(emu, "PUT", `fleet/${utc}`, { timeZone: "UTC" });
      expect(emu.store.instance(shanghai)!.timeZone).toBe("Asia/Shanghai");
      const { body } = await sdkClient(emu).runCommand(
        new $Ecs.RunCommandRequest({
          regionId: "cn-hangzhou",
          type: "RunShellScript",
          commandContent: "true",
          repeatMode: "Period",
          frequency: "0 0 9 * * ?",
          instanceId: [shanghai, utc],
        }),
      );
      const repeats = () =>
        Object.fromEntries(emu.store.state.regions["cn-hangzhou"]!.invocations[body!.invokeId!]!.instances.map((s) => [s.instanceId, s.repeats]));
      // 09:00 local: 01:00 UTC in Shanghai, 09:00 UTC on the UTC instance; whichever comes first runs alone.
      const nextUtcHour = (hour: number) => {
        const at = new Date(clock.now());
        at.setUTCHours(hour, 0, 0, 0);
        return at.getTime() > clock.now() ? at.getTime() : at.getTime() + 86_400_000;
      };
      const order = [
        [shanghai, nextUtcHour(1)],
        [utc, nextUtcHour(9)],
      ].sort((a, b) => Number(a[1]) - Number(b[1])) as [string, number][];
      const expected: Record<string, number> = { [shanghai]: 0, [utc]: 0 };
      for (const [instanceId, at] of order) {
        clock.advance(at + 1_000 - clock.now());
        clock.advance(100);
        expected[instanceId] = 1;
        await eventually(async () => (repeats()[instanceId] === 1 ? true : undefined));
        expect(repeats()).toEqual(expected);
      }
    } finally {
      await emu.close();
    }
  });
});
