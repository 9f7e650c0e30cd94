import { control, emulatorForFile, eventually } from "../support/emulator";
import { concurrentRuns, runsOf } from "../support/runs";
import { PulumiProject, SPEC_PROGRAM } from "./harness";
import { calls, LINUX, spec, storedInvocation } from "./support";

jest.setTimeout(600_000);

const emu = emulatorForFile();

/** The EcsCommand's id from state (stack outputs are not written by an up that failed). */
async function commandIdOf(project: PulumiProject): Promise<string> {
  const state = await project.exportState();
  return state.deployment.resources.find((r) => r.urn.endsWith("EcsCommand::cmd"))!.id!;
}

/** The emulator's record of the invocation, for statuses and times. */
function invocationRecord(invokeId: string) {
  return Object.values(emu.store.state.regions)
    .map((r) => r.invocations[invokeId])
    .find(Boolean);
}

describe("a command never runs twice, nor beside itself", () => {
  it("after a create timeout, the next up stops and settles the old run before the new one starts, and says why", async () => {
    const project = await PulumiProject.from(SPEC_PROGRAM, "timeout-rerun", emu);
    try {
      await project.spec(spec("sleep 30", { slow: { timeouts: { create: "2s" } } }));
      const first = await project.up();
      expect(first.output).toContain("did not reach a final state within the create timeout of 2s (it is Running)");
      const old = (await storedInvocation(project, "slow"))!;
      expect(old.outputs!["createOutcome"]).toBe("timedOut");

      const preview = await project.preview(["--diff"]);
      expect(preview.output).toContain(
        `EcsInvocation slow: runs the command again: the last run ${old.id} timed out while Running. ${old.id} may still be Running: it is stopped and must settle before the new run starts.`,
      );
      expect(preview.output).not.toContain("~timeouts");

      const second = await project.up();
      expect(second.output).toContain("did not reach a final state");
      const fresh = (await storedInvocation(project, "slow"))!;
      expect(fresh.id).not.toBe(old.id);
      const log = emu.requestLog.map((e) => `${e.action} ${e.params["InvokeId"] ?? ""}`.trim());
      expect(log.indexOf(`StopInvocation ${old.id}`)).toBeGreaterThanOrEqual(0);
      expect(log.indexOf(`StopInvocation ${old.id}`)).toBeLessThan(log.lastIndexOf("InvokeCommand"));
      expect(invocationRecord(old.id!)!.instances[0]!.finishTime).toBeLessThanOrEqual(invocationRecord(fresh.id!)!.creationTime);
      expect(concurrentRuns(runsOf(emu, await commandIdOf(project)))).toEqual([]);
    } finally {
      await project.dispose();
    }
  });

  it("after the CLI is killed mid-wait, the next up records the run the killed one started instead of running it again", async () => {
    const project = await PulumiProject.from(SPEC_PROGRAM, "killed", emu);
    try {
      await project.spec(spec("sleep 4; echo done", { deploy: { instanceIds: LINUX } }));
      const up = project.startUp();
      const running = await eventually(
        async () => Object.values(emu.store.state.regions["cn-hangzhou"]?.invocations ?? {}).find((i) => i.instances.every((s) => s.status === "Running")),
        60_000,
      );
      up.kill();
      const killed = await up.done;
      expect(killed.code).not.toBe(0);
      expect(calls(emu, "InvokeCommand").filter((c) => c.params["CommandId"] === running.commandId)).toHaveLength(1);

      await project.pulumi(["cancel", "--yes"]);
      const again = await project.up();
      expect(again.code).toBe(0);
      expect(again.output).toContain(
        `EcsInvocation deploy: ${running.invokeId} was started by an earlier \`pulumi up\` that was interrupted, with the same inputs`,
      );
      expect(calls(emu, "InvokeCommand").filter((c) => c.params["CommandId"] === running.commandId)).toHaveLength(1);
      const recorded = (await storedInvocation(project, "deploy"))!;
      expect([recorded.id, recorded.outputs!["status"]]).toEqual([running.invokeId, "Success"]);
      const runs = runsOf(emu, running.commandId);
      expect(runs.map((r) => r.invokeId)).toEqual([running.invokeId, running.invokeId]);
      expect(concurrentRuns(runs)).toEqual([]);

      // The run is now the resource's: a destroy and an up with the same inputs run the command again.
      const invokes = calls(emu, "InvokeCommand").length;
      expect((await project.destroy()).code).toBe(0);
      expect((await project.up()).code).toBe(0);
      expect(calls(emu, "InvokeCommand")).toHaveLength(invokes + 1);
    } finally {
      await project.dispose();
    }
  });

  it.each([
    ["--clear-pending-creates", (_urn: string, _id: string) => ["--clear-pending-creates"]],
    ["--import-pending-creates", (urn: string, id: string) => ["--import-pending-creates", urn, "--import-pending-creates", id]],
  ])("after the CLI is killed mid-wait, refresh %s then up leaves the run recorded once and no pending operation", async (_flag, flags) => {
    const project = await PulumiProject.from(SPEC_PROGRAM, "pending-op", emu);
    try {
      await project.spec(spec("sleep 3; echo done", { deploy: {} }));
      const up = project.startUp();
      const running = await eventually(
        async () => Object.values(emu.store.state.regions["cn-hangzhou"]?.invocations ?? {}).find((i) => i.instances.every((s) => s.status === "Running")),
        60_000,
      );
      up.kill();
      await up.done;
      expect(project.rawState()).toContain('"type":"creating"');
      await project.pulumi(["cancel", "--yes"]);
      const urn = "urn:pulumi:e2e::pending-op::pulumi-nodejs:dynamic/alicloud:EcsInvocation::deploy";
      const refresh = await project.pulumi(["refresh", "--yes", "--skip-preview", ...flags(urn, running.invokeId)]);
      expect(refresh.code).toBe(0);
      expect(project.rawState()).not.toContain('"type":"creating"');
      const again = await project.up();
      expect(again.code).toBe(0);
      expect((await storedInvocation(project, "deploy"))!.id).toBe(running.invokeId);
      expect(calls(emu, "InvokeCommand").filter((c) => c.params["CommandId"] === running.commandId)).toHaveLength(1);
      expect(runsOf(emu, running.commandId)).toHaveLength(1);
    } finally {
      await project.dispose();
    }
  });

  it("when InvokeCommand's answer is lost on every retry, the next up records that invocation instead of running it again", async () => {
    const project = await PulumiProject.from(SPEC_PROGRAM, "lost-answer", emu);
    try {
      await project.spec(spec("echo once", { lost: { timeouts: { create: "3s" } } }));
      await control(emu, "PUT", "faults", { script: [{ fault: "lose-response", action: "InvokeCommand", count: 1000 }] });
      const first = await project.up();
      await control(emu, "PUT", "faults", {});
      expect(first.code).not.toBe(0);
      expect(first.output).toContain("The next `pulumi up` finds such an invocation by this resource's tags");
      const commandId = await commandIdOf(project);
      const started = calls(emu, "InvokeCommand").filter((c) => c.params["CommandId"] === commandId);
      expect(started.length).toBeGreaterThan(1);
      expect(new Set(started.map((c) => c.params["ClientToken"])).size).toBe(1);

      const again = await project.up();
      expect(again.code).toBe(0);
      expect(calls(emu, "InvokeCommand").filter((c) => c.params["CommandId"] === commandId)).toHaveLength(started.length);
      expect(runsOf(emu, commandId)).toHaveLength(1);
    } finally {
      await control(emu, "PUT", "faults", {});
      await project.dispose();
    }
  });

  it("reordering instanceIds changes nothing and runs nothing", async () => {
    const project = await PulumiProject.from(SPEC_PROGRAM, "reorder", emu);
    try {
      await project.spec(spec("true", { fleet: { instanceIds: LINUX } }));
      expect((await project.up()).code).toBe(0);
      const invokes = calls(emu, "InvokeCommand").length;
      await project.spec(spec("true", { fleet: { instanceIds: [...LINUX].reverse() } }));
      const preview = await project.preview();
      expect([preview.code, preview.output]).toEqual([0, expect.not.stringContaining("replace")]);
      const up = await project.up();
      expect([up.code, up.output]).toEqual([0, expect.not.stringContaining("replaced")]);
      expect(calls(emu, "InvokeCommand")).toHaveLength(invokes);
    } finally {
      await project.dispose();
    }
  });
});

describe("what a replacement shows", () => {
  it("preview --diff of a replace shows the inputs that drive it, not every old output as removed", async () => {
    const project = await PulumiProject.from(SPEC_PROGRAM, "replace-diff", emu);
    try {
      await project.spec(spec("echo output-that-is-not-an-input", { run: {} }));
      expect((await project.up()).code).toBe(0);
      await project.spec(spec("echo output-that-is-not-an-input", { run: { instanceIds: LINUX } }));
      const preview = await project.preview(["--diff"]);
      expect(preview.code).toBe(0);
      expect(preview.output).toContain("+-1 to replace");
      expect(preview.output).not.toContain("output-that-is-not-an-input");
      expect(preview.output).not.toMatch(/-\s*instances\s*:/);
    } finally {
      await project.dispose();
    }
  });
});
