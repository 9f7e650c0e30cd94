import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { RunningEmulator } from "../../emulator";
import type { RolloutResult } from "../../provider/lifecycle/rollout";
import { emulator, eventually } from "../support/emulator";
import { concurrentRuns, runsOf } from "../support/runs";
import { PulumiProject, SPEC_PROGRAM } from "./harness";
import { calls, invocationStatus, storedInvocation } from "./support";

jest.setTimeout(900_000);

/** A fleet of `n` running Linux instances tagged fleet=web: i-web000…0001 to i-web…n. */
function fleet(n: number) {
  return Array.from({ length: n }, (_, i) => ({ instanceId: `i-web${String(i + 1).padStart(13, "0")}`, tags: { fleet: "web" } }));
}

/** Fails the first time on instances whose id ends in 7 (one in ten), succeeds on every other run. */
const FLAKY = 'if [ -e ~/ran ]; then echo again; else touch ~/ran; case "{{ACS::InstanceId}}" in *7) echo broken; exit 3;; esac; echo ok; fi';

function runsPerInstance(emu: RunningEmulator, commandId: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const run of runsOf(emu, commandId)) counts.set(run.instanceId, (counts.get(run.instanceId) ?? 0) + 1);
  return counts;
}

describe("rollout: a run across the fleet in batches, with an error budget", () => {
  let dataDir: string;
  let emu: RunningEmulator;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), "rollout-"));
    emu = await emulator({ dataDir, fleet: fleet(250), quotas: { dailyInvocations: 10_000 } });
  });
  afterAll(async () => {
    await emu.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("250 instances at 20%: stops once more than maxErrors failed; the next up runs only the failed and the not started", async () => {
    const project = await PulumiProject.from(SPEC_PROGRAM, "rollout", emu);
    try {
      const spec = {
        commands: { cmd: { name: "flaky", type: "RunShellScript", commandContent: FLAKY } },
        invocations: { fleet: { args: { commandId: "$cmd", resourceTags: { fleet: "web" }, rollout: { maxConcurrency: "20%", maxErrors: 9 } } } },
      };
      await project.spec(spec);
      const first = await project.up();
      expect(first.code).not.toBe(0);
      // Batches of 50: each holds five ids ending in 7; after the second, 10 failed > 9.
      expect(first.output).toContain("The rollout stopped: 90 instance(s) succeeded, 10 failed (more than maxErrors, 9), 150 not started.");
      expect(calls(emu, "InvokeCommand").filter((c) => c.code === "OK")).toHaveLength(2);
      const stored = (await storedInvocation(project, "fleet"))!;
      const result = stored.outputs!["rolloutResult"] as RolloutResult;
      expect([result.status, result.maxConcurrency, result.batches.length, result.notStarted.length]).toEqual(["Stopped", 50, 2, 150]);
      const commandId = stored.outputs!["commandId"] as string;
      const before = runsPerInstance(emu, commandId);

      // The next up goes on where it stopped: an update, never a run on what succeeded.
      const preview = await project.preview();
      expect(preview.output).toContain("continues the rollout: runs the command again on the 10 instance(s) that failed and the 150 not started");
      expect(preview.output).not.toMatch(/EcsInvocation\s+fleet\s+replace/);
      const second = await project.up();
      // Round two: the 10 retried succeed; of the 150 new, ids ending in 7 fail once more, up to the budget.
      expect(second.output).toMatch(/The rollout (stopped|finished): \d+ instance\(s\) succeeded/);
      const after = runsPerInstance(emu, commandId);
      for (const [instanceId, count] of before) {
        const failedFirst = instanceId.endsWith("7");
        expect([instanceId, after.get(instanceId)]).toEqual([instanceId, failedFirst ? 2 : count]);
      }
      expect([...after.values()].every((count) => count <= 2)).toBe(true);
      expect(concurrentRuns(runsOf(emu, commandId))).toEqual([]);
      expect((await storedInvocation(project, "fleet"))!.id).toBe(stored.id);
    } finally {
      await project.dispose();
    }
  });

  it("a `pulumi up` killed mid-rollout is resumed by the next one: every instance runs exactly once", async () => {
    const project = await PulumiProject.from(SPEC_PROGRAM, "rollout-killed", emu);
    try {
      const targets = fleet(20).map((i) => i.instanceId);
      await project.spec({
        commands: { cmd: { name: "slow", type: "RunShellScript", commandContent: "sleep 2; echo done" } },
        invocations: { slow: { args: { commandId: "$cmd", instanceIds: targets, rollout: { maxConcurrency: 5 } } } },
      });
      const known = new Set(Object.keys(emu.store.state.regions["cn-hangzhou"]?.invocations ?? {}));
      const up = project.startUp();
      // Kill it while the second batch runs.
      await eventually(async () => {
        const fresh = Object.values(emu.store.state.regions["cn-hangzhou"]?.invocations ?? {}).filter((i) => !known.has(i.invokeId));
        return fresh.length === 2 && fresh.some((i) => i.instances.every((s) => s.status === "Running")) ? true : undefined;
      }, 120_000);
      up.kill();
      expect((await up.done).code).not.toBe(0);
      await project.pulumi(["cancel", "--yes"]);
      const again = await project.up();
      expect(again.code).toBe(0);
      const stored = (await storedInvocation(project, "slow"))!;
      const result = stored.outputs!["rolloutResult"] as RolloutResult;
      expect([result.status, result.succeeded, result.batches.length]).toEqual(["Finished", 20, 4]);
      const counts = runsPerInstance(emu, stored.outputs!["commandId"] as string);
      expect(targets.map((id) => counts.get(id))).toEqual(targets.map(() => 1));

      // Destroy settles and releases every batch.
      expect((await project.destroy()).code).toBe(0);
      for (const batch of result.batches) {
        expect(emu.store.state.regions["cn-hangzhou"]!.invocations[batch.invokeId]!.tags["pulumi-ecs-invocation:resource"]).toBe("released");
      }
    } finally {
      await project.dispose();
    }
  });

  it("a create timeout mid-rollout stops the batch in flight and records what ran; destroy then settles every batch", async () => {
    const project = await PulumiProject.from(SPEC_PROGRAM, "rollout-timeout", emu);
    try {
      const targets = fleet(6).map((i) => i.instanceId);
      await project.spec({
        commands: { cmd: { name: "long", type: "RunShellScript", commandContent: "sleep 30; echo done" } },
        invocations: { long: { args: { commandId: "$cmd", instanceIds: targets, rollout: { maxConcurrency: 3 }, timeouts: { create: "2s" } } } },
      });
      const up = await project.up();
      expect(up.code).not.toBe(0);
      expect(up.output).toMatch(/The rollout did not finish within the create timeout: batch t-\w+ was Running and has been asked to stop\./);
      const stored = (await storedInvocation(project, "long"))!;
      const result = stored.outputs!["rolloutResult"] as RolloutResult;
      expect([stored.outputs!["createOutcome"], result.batches.length, result.notStarted]).toEqual(["timedOut", 1, targets.slice(3)]);

      expect((await project.destroy()).code).toBe(0);
      const batch = emu.store.state.regions["cn-hangzhou"]!.invocations[result.batches[0]!.invokeId]!;
      expect(["Stopped", "Failed", "PartialFailed", "Success"]).toContain(await invocationStatus(emu, batch.invokeId));
      expect(batch.tags["pulumi-ecs-invocation:resource"]).toBe("released");
      // The batch never started is never run.
      expect(
        runsOf(emu, batch.commandId)
          .map((r) => r.instanceId)
          .sort(),
      ).toEqual(targets.slice(0, 3));
    } finally {
      await project.dispose();
    }
  });
});
