import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as $Ecs from "@alicloud/ecs20140526";
import type { RunningEmulator } from "../../emulator";
import { emulator, eventually, sdkClient } from "../support/emulator";
import { PulumiProject, SPEC_PROGRAM } from "./harness";
import { LINUX, spec, storedInvocation } from "./support";

jest.setTimeout(300_000);

// Fails once the test leaves a `fail` file in the instance's home: the same task, first fine, then broken.
const CHECK = '[ -f "$HOME/fail" ] && { echo "checking"; echo "disk full"; exit 3; }; echo fine';

interface Summary {
  runs: number;
  failedRuns: number;
  lastRun?: { instanceId: string; status: string; exitCode: number; outputTail: string };
  nextRunTime?: string;
}

describe("scheduled runs, visible on refresh and preview", () => {
  let dataDir: string;
  let emu: RunningEmulator;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), "schedule-visible-"));
    emu = await emulator({ dataDir });
  });
  afterAll(async () => {
    await emu.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const reboot = async (invokeId: string, runs: number) => {
    await sdkClient(emu).rebootInstance(new $Ecs.RebootInstanceRequest({ instanceId: LINUX[0] }));
    await eventually(async () => {
      const slot = emu.store.state.regions["cn-hangzhou"]?.invocations[invokeId]?.instances[0];
      return slot?.repeats === runs && slot.status === "Scheduled" ? true : undefined;
    }, 60_000);
  };
  const summary = async (project: PulumiProject, name: string) => (await storedInvocation(project, name))?.outputs?.["schedule"] as Summary | undefined;

  it("refresh summarises the runs since up, and preview warns about a failed last run", async () => {
    const project = await PulumiProject.from(SPEC_PROGRAM, "schedule-visible", emu);
    try {
      await project.spec(spec(CHECK, { onBoot: { repeatMode: "EveryReboot" }, hourly: { frequency: "rate(1h)" } }));
      expect((await project.up()).code).toBe(0);
      const onBoot = (await storedInvocation(project, "onBoot"))!.id!;

      await reboot(onBoot, 1);
      expect((await project.refresh()).code).toBe(0);
      expect(await summary(project, "onBoot")).toEqual({
        runs: 1,
        failedRuns: 0,
        lastRun: expect.objectContaining({ instanceId: LINUX[0], status: "Success", exitCode: 0, outputTail: "fine\n" }),
      });
      const hourly = await summary(project, "hourly");
      const created = Date.parse(String((await storedInvocation(project, "hourly"))!.outputs!["creationTime"]));
      expect(hourly).toEqual({ runs: 0, failedRuns: 0, nextRunTime: new Date(created + 3_600_000).toISOString() });
      expect((await project.preview()).output).not.toContain("the last scheduled run");

      writeFileSync(join(dataDir, "instances", LINUX[0]!, "root", "fail"), "");
      await reboot(onBoot, 2);
      const refresh = await project.refresh();
      expect(refresh.code).toBe(0);
      // Refresh itself already says so, beside the resource.
      expect(refresh.output).toContain(`warning: EcsInvocation onBoot: the last scheduled run of ${onBoot}`);
      expect(await summary(project, "onBoot")).toEqual(
        expect.objectContaining({ runs: 2, failedRuns: 1, lastRun: expect.objectContaining({ status: "Failed", exitCode: 3 }) }),
      );
      const preview = await project.preview();
      expect(preview.code).toBe(0);
      expect(preview.output).toContain(`the last scheduled run of ${onBoot} on ${LINUX[0]} ended Failed, error ExitCodeNonzero, exit code 3 at`);
      expect(preview.output).toContain("(1 of 2 runs failed so far, as of the last refresh); output ends: checking | disk full.");
    } finally {
      await project.dispose();
    }
  });
});
