import * as $Ecs from "@alicloud/ecs20140526";
import { ManualClock } from "../../emulator";
import type { DashboardSnapshot } from "../../emulator/dashboard/snapshot";
import { control, emulator, eventually, sdkClient } from "../support/emulator";

// What the dashboard page draws comes from one endpoint; the browser test (test/e2e/dashboard.test.ts)
// checks the drawing, these check the data behind it.
describe("the dashboard's snapshot", () => {
  it("keeps the tail of long output and says it is a tail; hides commands RunCommand did not keep", async () => {
    const emu = await emulator();
    try {
      const ecs = sdkClient(emu);
      const { body } = await ecs.runCommand(
        new $Ecs.RunCommandRequest({
          regionId: "cn-hangzhou",
          type: "RunShellScript",
          keepCommand: false,
          timeout: 30,
          instanceId: ["i-linux0000000000001"],
          commandContent: "head -c 5000 /dev/zero | tr '\\0' a; printf END",
        }),
      );
      const invokeId = body!.invokeId!;
      const snapshot = await eventually(async () => {
        const s = await control<DashboardSnapshot>(emu, "GET", "snapshot");
        return s.invocations[0]?.status === "Success" ? s : undefined;
      });
      const run = snapshot.invocations.find((i) => i.invokeId === invokeId)!.instances[0]!;
      expect(run).toEqual(expect.objectContaining({ instanceId: "i-linux0000000000001", status: "Success", exitCode: 0, truncated: true }));
      expect(run.output).toHaveLength(4096);
      expect(run.output.endsWith("aaaEND")).toBe(true);
      expect(snapshot.commands).toEqual([]);
      await ecs.describeInvocations(new $Ecs.DescribeInvocationsRequest({ regionId: "cn-hangzhou", invokeId }));
      const requests = (await control<DashboardSnapshot>(emu, "GET", "snapshot")).requests;
      // Newest first, each naming what it was about.
      expect(requests.map((r) => [r.action, r.code, r.subject])).toEqual([
        ["DescribeInvocations", "OK", invokeId],
        ["RunCommand", "OK", "i-linux0000000000001"],
      ]);
    } finally {
      await emu.close();
    }
  });

  it("shows a Period task's next run, moves it on after each run and drops it when stopped", async () => {
    // Real time at the start, and a short rate: signed requests carry the wall clock's timestamp,
    // which the emulator accepts within 15 minutes of its own.
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
          frequency: "rate(5m)",
          timeout: 30,
          instanceId: ["i-linux0000000000001", "i-linux0000000000002"],
        }),
      );
      const invokeId = body!.invokeId!;
      const row = async () => (await control<DashboardSnapshot>(emu, "GET", "snapshot")).invocations.find((i) => i.invokeId === invokeId)!;
      const created = Date.parse((await row()).creationTime);
      expect((await row()).nextRun).toBe(new Date(created + 300_000).toISOString());
      clock.advance(300_000);
      clock.advance(10);
      await eventually(async () => ((await row()).instances.every((i) => i.repeats === 1 && i.status === "Scheduled") ? true : undefined));
      expect((await row()).nextRun).toBe(new Date(created + 600_000).toISOString());
      await ecs.stopInvocation(new $Ecs.StopInvocationRequest({ regionId: "cn-hangzhou", invokeId }));
      expect((await row()).nextRun).toBeUndefined();
    } finally {
      await emu.close();
    }
  });

  it("sends a browser opening the bare address to the dashboard, and answers API clients as before", async () => {
    const emu = await emulator();
    try {
      const visit = await fetch(`${emu.url}/`, { headers: { accept: "text/html,application/xhtml+xml" }, redirect: "manual" });
      expect(visit.status).toBe(302);
      expect(visit.headers.get("location")).toBe("/_emulator/dashboard");
      const page = await fetch(emu.dashboardUrl);
      expect(page.headers.get("content-type")).toBe("text/html; charset=utf-8");
      expect(await page.text()).toContain("fetch(SNAPSHOT_PATH");
      const api = await fetch(`${emu.url}/`);
      expect(api.status).toBe(400);
      expect(emu.requestLog.map((e) => e.code)).toEqual(["MissingParameter"]);
    } finally {
      await emu.close();
    }
  });
});
