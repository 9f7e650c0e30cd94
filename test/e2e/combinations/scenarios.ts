/**
 * The scenarios of the combination test (see matrix): one per feature, each over the four ways to
 * run, through the serving path a test file picks.
 */
import type { RunningEmulator } from "../../../emulator";
import type { RolloutResult } from "../../../provider/lifecycle/rollout-result";
import { control, emulatorForFile, eventually } from "../../support/emulator";
import type { PulumiProject, RunningCli } from "../harness";
import { calls, storedInvocation } from "../support";
import { expectOnceEach, FLEET, MODES, type Mode, markers, matrixProject, matrixSpec, once, runCounts, runsOfScript, script, TARGETS, WIDE } from "./matrix";

const ALL: Mode[] = [...MODES];

/** Dry runs the emulator was asked for so far (InvokeCommand or RunCommand with RepeatMode=DryRun). */
const dryRuns = (emu: RunningEmulator): number => emu.requestLog.filter((e) => e.params["RepeatMode"] === "DryRun").length;

export function describeCombinations(native: boolean): void {
  const path = native ? "package" : "dynamic";
  const emu = emulatorForFile({ fleet: FLEET, quotas: { dailyInvocations: 10_000 } });
  const scripts = (m: ReturnType<typeof markers>, body = ""): Record<Mode, string> =>
    Object.fromEntries(ALL.map((mode) => [mode, script(m[mode], body)])) as Record<Mode, string>;

  /** Runs `body` on a fresh project of this path, destroying and removing it whatever happens. */
  async function withProject(name: string, body: (project: PulumiProject) => Promise<void>): Promise<void> {
    const project = await matrixProject(`${name}-${path}`, emu, native);
    try {
      await body(project);
    } finally {
      await project.dispose();
    }
  }

  it("waitForAgent: every way to run waits for agents coming online, then runs once; the cleanup runs after the run settled", async () => {
    const m = markers("agent", path);
    const offline = [...TARGETS.plain, ...TARGETS.rollout, ...TARGETS.inline, ...TARGETS.cleanup];
    await withProject("combo-agent", async (project) => {
      for (const id of offline) await control(emu, "PUT", `fleet/${id}`, { agent: { installed: true, running: false, version: "2.2.3.0" } });
      await project.spec(matrixSpec(scripts(m), { waitForAgent: true, timeouts: { create: "2m" } }, { cleanupScript: script(m.onDelete) }));
      const up = project.startUp();
      // Every resource is looking at its agents; none has sent its command.
      const asked = calls(emu, "DescribeCloudAssistantStatus").length;
      await eventually(async () => (calls(emu, "DescribeCloudAssistantStatus").length >= asked + 8 ? true : undefined), 120_000);
      expect(ALL.flatMap((mode) => runsOfScript(emu, m[mode]))).toEqual([]);
      const online = Date.now();
      for (const id of offline) await control(emu, "PUT", `fleet/${id}`, { agent: { installed: true, running: true, version: "2.2.3.0" } });
      expect((await up.done).code).toBe(0);
      for (const mode of ALL) {
        expectOnceEach(emu, m[mode], TARGETS[mode]);
        expect(runsOfScript(emu, m[mode]).every((run) => run.start >= online)).toBe(true);
      }
      const rollout = (await storedInvocation(project, "rollout"))!.outputs!["instances"] as { status: string }[];
      expect(rollout.map((i) => i.status)).toEqual(TARGETS.rollout.map(() => "Success"));
      expect((await project.destroy()).code).toBe(0);
      expectOnceEach(emu, m.onDelete, TARGETS.cleanup);
      const mainEnd = Math.max(...runsOfScript(emu, m.cleanup).map((r) => r.end));
      expect(runsOfScript(emu, m.onDelete).every((run) => run.start >= mainEnd)).toBe(true);
    });
  });

  it("liveOutput: each instance's lines in the order printed, control characters escaped, batch by batch under a rollout", async () => {
    const m = markers("live", path);
    const lines = "for i in 1 2 3 4 5 6 7 8 9 10 11 12; do echo line-$i; done; printf 'paint \\033[31mred\\007 bell\\r over\\n'";
    await withProject("combo-live", async (project) => {
      await project.spec(matrixSpec(scripts(m, lines), {}, { cleanupScript: script(m.onDelete) }));
      const up = await project.up();
      expect(up.code).toBe(0);
      for (const mode of ALL) {
        for (const id of TARGETS[mode]) {
          const positions = Array.from({ length: 12 }, (_, i) => up.output.search(new RegExp(`${id}: line-${i + 1}(?!\\d)`)));
          expect({ id, positions }).toEqual({ id, positions: [...positions].sort((a, b) => a - b) });
          expect(positions.every((p) => p >= 0)).toBe(true);
          expect(up.output).toContain(`${id}: paint \\x1b[31mred\\x07 bell\\r over`);
        }
        expectOnceEach(emu, m[mode], TARGETS[mode]);
      }
      expect([up.output.includes("\u0007"), up.output.includes("\u001b")]).toEqual([false, false]);
      // The last line beside a finished resource is its status, not a line it printed.
      expect(up.output).not.toMatch(/created \([^)]*\)[^\n]*line-/);
    });
  });

  it("previewDryRun: previews ask the cloud and run nothing, a rollout over 150 instances included; a bad id is named alone", async () => {
    const m = markers("dryrun", path);
    await withProject("combo-dryrun", async (project) => {
      const spec = matrixSpec(scripts(m), { previewDryRun: true }, { cleanupScript: script(m.onDelete) });
      // The commands exist first: a dry run needs every cloud input known (a command's id is not, before).
      await project.spec({ commands: spec.commands });
      expect((await project.up()).code).toBe(0);
      const wide = { args: { commandContent: script(m.wide), instanceIds: [...WIDE].reverse(), rollout: { maxConcurrency: 50 }, previewDryRun: true } };
      await project.spec({ ...spec, invocations: { ...spec.invocations, wide } });
      const asked = dryRuns(emu);
      const preview = await project.preview();
      expect(preview.code).toBe(0);
      // Each of the five asked the cloud (the 150 in two calls of at most 100); nothing ran.
      expect(dryRuns(emu) - asked).toBeGreaterThanOrEqual(6);
      expect(preview.output).not.toContain("ExceedLimit");
      for (const mode of ALL) expect(runsOfScript(emu, m[mode])).toEqual([]);

      // One unknown instance among 150: the failure names it alone, not the whole list.
      const bad = { ...wide, args: { ...wide.args, instanceIds: [...WIDE.slice(0, 149), "i-missing0000000000"] } };
      await project.spec({ ...spec, invocations: { ...spec.invocations, wide: bad } });
      const refused = await project.preview();
      expect(refused.code).not.toBe(0);
      expect(refused.output).toContain("instanceIds[149]: i-missing0000000000: the instance does not exist");
      expect(refused.output).not.toContain(WIDE[100]);
      expect(refused.output).not.toContain("{<nil>}");

      await project.spec({ ...spec, invocations: { ...spec.invocations, wide } });
      expect((await project.up()).code).toBe(0);
      for (const mode of ALL) expectOnceEach(emu, m[mode], TARGETS[mode]);
      expectOnceEach(emu, m.wide, WIDE);
      const result = (await storedInvocation(project, "wide"))!.outputs!["rolloutResult"] as RolloutResult;
      expect([result.status, result.succeeded, result.batches.length]).toEqual(["Finished", 150, 3]);
    });
  });

  it("parameters without secretOutput: what the scripts print stays secret everywhere, failure reports and the cleanup included", async () => {
    const m = markers("secret", path);
    const token = `tok-${path}-${Date.now().toString(36)}`;
    await withProject("combo-secret", async (project) => {
      await project.config("token", token, true);
      const echo = (marker: string) => `${script(marker)}; echo token={{token}}; case {{ACS::InstanceId}} in *04) exit 3;; esac`;
      const spec = matrixSpec(
        { plain: echo(m.plain), rollout: echo(m.rollout), inline: echo(m.inline), cleanup: echo(m.cleanup) },
        { parameters: { token: "$secret:token" } },
        {
          enableParameter: true,
          cleanupScript: `${script(m.onDelete)}; echo token={{token}}; exit 4`,
          cleanupExtra: { parameters: { token: "$secret:token" }, onFailure: "continue" },
        },
      );
      await project.spec(spec);
      // The harness fails the test on the token in any CLI output or anywhere in the backend folder.
      const up = await project.up();
      expect(up.code).not.toBe(0);
      expect(up.output).toContain("The rollout stopped");
      expect(up.output).not.toMatch(/i-combo\d+: token=/);
      for (const mode of ["plain", "inline", "cleanup"] as const) expectOnceEach(emu, m[mode], TARGETS[mode]);
      // The first batch failed on …04, more than maxErrors (0): no further batch started.
      expect(runCounts(emu, m.rollout)).toEqual(once(TARGETS.rollout.slice(0, 2)));
      const stored = (await project.exportState()).deployment.resources.filter((r) => r.type.endsWith("EcsInvocation"));
      expect(stored.map((r) => typeof r.outputs?.["instances"])).toEqual(stored.map(() => "object"));
      expect(JSON.stringify(stored.map((r) => r.outputs?.["instances"]))).toContain("1b47061264138c4ac30d75fd1eb44270");
      // It is there, encrypted: what the scripts printed, for whoever may see secrets.
      const shown = JSON.parse((await project.pulumi(["stack", "export", "--show-secrets"], { check: true })).stdout) as Awaited<
        ReturnType<PulumiProject["exportState"]>
      >;
      const plain = shown.deployment.resources.find((r) => r.urn.endsWith("EcsInvocation::plain"))!;
      expect(JSON.stringify(plain.outputs!["instances"])).toContain(`token=${token}`);
      expect((await project.destroy()).code).toBe(0);
      expectOnceEach(emu, m.onDelete, TARGETS.cleanup);
    });
  });

  it("kill -9 mid-run, then resume: every way to run runs each instance once, the cleanup too", async () => {
    const m = markers("killed", path);
    await withProject("combo-killed", async (project) => {
      await project.spec(matrixSpec(scripts(m, "sleep 3"), {}, { cleanupScript: script(m.onDelete, "sleep 3") }));
      await killWhenRunning(project.startUp(), emu, [m.plain, m.inline, m.cleanup], m.rollout, 2);
      await project.pulumi(["cancel", "--yes"]);
      const resumed = await project.up();
      expect({ code: resumed.code, output: resumed.code === 0 ? "" : resumed.output }).toEqual({ code: 0, output: "" });
      for (const mode of ALL) expectOnceEach(emu, m[mode], TARGETS[mode]);

      const destroy = project.start(["destroy", "--yes", "--skip-preview"]);
      await eventually(async () => (runsOfScript(emu, m.onDelete).length >= TARGETS.cleanup.length ? true : undefined), 120_000);
      destroy.kill();
      await destroy.done;
      await project.pulumi(["cancel", "--yes"]);
      expect((await project.destroy()).code).toBe(0);
      expectOnceEach(emu, m.onDelete, TARGETS.cleanup);
    });
  });

  it("kill -9, then instanceIds reordered and one more instance tagged before the resume: nothing twice, nothing skipped", async () => {
    const m = markers("reorder", path);
    const tag = `grow-${path}`;
    const tagged = ["i-combo0000000000013", "i-combo0000000000014", "i-combo0000000000015"];
    const late = "i-combo0000000000016";
    await withProject("combo-reorder", async (project) => {
      for (const id of [...tagged, late]) await control(emu, "PUT", `fleet/${id}`, { tags: { combo: "yes" } });
      for (const id of tagged) await control(emu, "PUT", `fleet/${id}`, { tags: { combo: "yes", group: tag } });
      const byTags = { args: { commandContent: script(m.byTags, "sleep 3"), resourceTags: { group: tag }, rollout: { maxConcurrency: 1 } } };
      const spec = (order: (ids: string[]) => string[]) => {
        const base = matrixSpec(
          scripts(m, "sleep 3"),
          {},
          {
            cleanupScript: script(m.onDelete),
            targets: Object.fromEntries(ALL.map((mode) => [mode, { instanceIds: order(TARGETS[mode]) }])),
          },
        );
        return { ...base, invocations: { ...base.invocations, tagged: byTags } };
      };
      await project.spec(spec((ids) => ids));
      await killWhenRunning(project.startUp(), emu, [m.plain, m.inline, m.cleanup, m.byTags], m.rollout, 2);
      // As a user would go on after a runner died: a new order in the program, one more tagged instance.
      await control(emu, "PUT", `fleet/${late}`, { tags: { combo: "yes", group: tag } });
      await project.pulumi(["cancel", "--yes"]);
      // The CLI's output is part of the failure: a refresh failed here once under load and never again in six runs.
      const refresh = await project.pulumi(["refresh", "--yes", "--skip-preview", "--clear-pending-creates"]);
      expect({ code: refresh.code, output: refresh.code === 0 ? "" : refresh.output }).toEqual({ code: 0, output: "" });
      await project.spec(spec((ids) => [...ids].reverse()));
      expect((await project.up()).code).toBe(0);
      for (const mode of ALL) expectOnceEach(emu, m[mode], TARGETS[mode]);
      expectOnceEach(emu, m.byTags, [...tagged, late]);
      const result = (await storedInvocation(project, "rollout"))!.outputs!["rolloutResult"] as RolloutResult;
      expect([result.status, result.succeeded, result.notStarted]).toEqual(["Finished", TARGETS.rollout.length, []]);
      // The reorder is no change; the destroy's cleanup runs once.
      expect((await project.preview(["--expect-no-changes"])).code).toBe(0);
      expect((await project.destroy()).code).toBe(0);
      expectOnceEach(emu, m.onDelete, TARGETS.cleanup);
    });
  });

  it("a duplicated instance id is refused at preview, naming its place, for every way to run; nothing runs; refusals read plainly", async () => {
    const m = markers("dup", path);
    await withProject("combo-dup", async (project) => {
      const doubled = Object.fromEntries(ALL.map((mode) => [mode, { instanceIds: [...TARGETS[mode], TARGETS[mode][0]] }]));
      const spec = matrixSpec(scripts(m), {}, { cleanupScript: script(m.onDelete), targets: doubled });
      // The engine stops a preview at the first resource that fails its check: one way to run at a time.
      for (const mode of ALL) {
        await project.spec({ ...spec, invocations: { [mode]: spec.invocations[mode] } });
        const preview = await project.preview();
        expect(preview.code).not.toBe(0);
        expect(preview.output).toContain(`instanceIds[${TARGETS[mode].length}]: is listed twice (also instanceIds[0])`);
        expect(preview.output).not.toContain("{<nil>}");
        const up = await project.up();
        expect(up.code).not.toBe(0);
        expect(runsOfScript(emu, m[mode])).toEqual([]);
      }
      // A missing rollout.maxConcurrency and 101 ids without a rollout: each said plainly, in one line.
      const refused = async (invocation: unknown, says: string, notShown: string) => {
        await project.spec({ ...spec, invocations: { refused: invocation } });
        const preview = await project.preview();
        expect(preview.code).not.toBe(0);
        expect(preview.output).toContain(says);
        expect(preview.output).not.toContain(notShown);
      };
      await refused({ args: { commandId: "$rollout", instanceIds: TARGETS.rollout, rollout: {} } }, "rollout.maxConcurrency: is required", "{<nil>}");
      const many = Array.from({ length: 101 }, (_, i) => `i-many${String(i).padStart(14, "0")}`);
      await refused({ args: { commandId: "$plain", instanceIds: many } }, "instanceIds[100]: at most 100 instances per invocation", many[50]!);
    });
  });
}

/**
 * Waits until each of `markers` has a run going and the rollout `rolloutMarker` is in batch
 * `batch` (1-based), then kills the CLI and everything it started, as a dying runner does.
 */
async function killWhenRunning(cli: RunningCli, emu: RunningEmulator, running: string[], rolloutMarker: string, batch: number): Promise<void> {
  await eventually(async () => {
    const started = running.every((marker) => runsOfScript(emu, marker).length > 0);
    const batches = new Set(runsOfScript(emu, rolloutMarker).map((r) => r.invokeId)).size;
    return started && batches >= batch ? true : undefined;
  }, 180_000);
  cli.kill();
  expect((await cli.done).code).not.toBe(0);
}
