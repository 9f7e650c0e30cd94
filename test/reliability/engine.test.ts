import type { Invocation } from "../../emulator/model/types";
import { PulumiProject, SPEC_PROGRAM } from "../e2e/harness";
import { spec } from "../e2e/support";
import { emulatorForFile, eventually } from "../support/emulator";
import { countRuns, cyclesFromEnv, saveTally, type Tally } from "./tally";

/**
 * The faults only the engine can produce, through the real CLI: a runner killed while create
 * waits, and a create that times out, each followed by the next `pulumi up`. One stack, one
 * command per cycle (a new command replaces the invocation, as a new release would).
 */
jest.setTimeout(3_600_000);

const CYCLES = cyclesFromEnv(1);
const emu = emulatorForFile();

function invocationsOf(commandText: string): Invocation[] {
  return Object.values(emu.store.state.regions["cn-hangzhou"]?.invocations ?? {}).filter(
    (i) => Buffer.from(i.commandContent, "base64").toString("utf8") === commandText,
  );
}

async function recordedIds(project: PulumiProject): Promise<string[]> {
  return (await project.exportState()).deployment.resources.filter((r) => r.type.endsWith("EcsInvocation")).map((r) => r.id!);
}

function tallyOf(fault: string, cycles: number, intendedPerCycle: number, commandIds: string[], recorded: Set<string>, result: string): Tally {
  // The harness fails a test on any secret in a CLI output or state file, so none was shown.
  return { fault, cycles, intended: cycles * intendedPerCycle, ...countRuns(emu, commandIds, recorded, intendedPerCycle), secretsShown: 0, result, errors: [] };
}

/** Both ways the provider is served: the dynamic provider, and the provider package's plugin. */
const PATHS = [
  { path: "dynamic provider", native: false, suffix: "" },
  { path: "provider package", native: true, suffix: " (provider package)" },
];

/** The spec program, through the path asked for (`sdk: package`: the generated SDK and the plugin). */
async function specProject(name: string, native: boolean): Promise<PulumiProject> {
  const project = await PulumiProject.from(SPEC_PROGRAM, name, emu, { native });
  if (native) await project.config("sdk", "package");
  return project;
}

describe.each(PATHS)("engine faults through the real CLI, $path", ({ native, suffix }) => {
  const key = native ? "-package" : "";
  it("the CLI killed mid-wait, then cancel and up: the run it started is recorded, never run again", async () => {
    const project = await specProject(`soak-killed${key}`, native);
    const commandIds: string[] = [];
    const recorded = new Set<string>();
    let succeeded = 0;
    try {
      for (let i = 0; i < CYCLES; i++) {
        const text = `sleep 3; echo killed-${i}${key}`;
        await project.spec(spec(text, { deploy: {} }));
        const up = project.startUp();
        const running = await eventually(async () => invocationsOf(text).find((inv) => inv.instances[0]!.status === "Running"), 120_000);
        up.kill();
        await up.done;
        commandIds.push(running.commandId);
        await project.pulumi(["cancel", "--yes"]);
        const again = await project.up();
        if (again.code === 0) succeeded += 1;
        for (const id of await recordedIds(project)) recorded.add(id);
      }
    } finally {
      await project.dispose();
    }
    const tally = tallyOf(
      `the CLI killed mid-wait, then \`pulumi cancel\` and \`pulumi up\`${suffix}`,
      CYCLES,
      1,
      commandIds,
      recorded,
      `${succeeded} of ${CYCLES} next ups succeeded`,
    );
    saveTally(`cli-killed${key}`, tally);
    expect({ ...tally, errors: undefined }).toEqual(expect.objectContaining({ runs: CYCLES, duplicates: 0, concurrent: 0, lost: 0 }));
    expect(succeeded).toBe(CYCLES);
  });

  it("a create timeout, then up: the old run is stopped and settled before the new one starts", async () => {
    const project = await specProject(`soak-timeout${key}`, native);
    const commandIds: string[] = [];
    const recorded = new Set<string>();
    let timedOut = 0;
    let succeeded = 0;
    try {
      for (let i = 0; i < CYCLES; i++) {
        // Slow the first time (it outlives the 2 s create timeout), quick once it has left its mark.
        const text = `if [ -e mark-${i}${key} ]; then echo second; else touch mark-${i}${key}; sleep 20; fi`;
        await project.spec(spec(text, { slow: { timeouts: { create: "2s" } } }));
        const first = await project.up();
        if (first.output.includes("did not reach a final state within the create timeout")) timedOut += 1;
        for (const id of await recordedIds(project)) recorded.add(id);
        const again = await project.up();
        if (again.code === 0) succeeded += 1;
        for (const id of await recordedIds(project)) recorded.add(id);
        commandIds.push(invocationsOf(text)[0]!.commandId);
      }
    } finally {
      await project.dispose();
    }
    const tally = tallyOf(
      `a create timeout (2 s), then \`pulumi up\`${suffix}`,
      CYCLES,
      2,
      commandIds,
      recorded,
      `${timedOut} timed out, ${succeeded} next ups succeeded`,
    );
    saveTally(`create-timeout${key}`, tally);
    expect(tally).toEqual(expect.objectContaining({ runs: 2 * CYCLES, duplicates: 0, concurrent: 0, lost: 0 }));
    expect([timedOut, succeeded]).toEqual([CYCLES, CYCLES]);
  });

  it("the CLI killed mid-rollout, then cancel and up: finished batches recorded, the one in flight awaited, each instance run once", async () => {
    const project = await specProject(`soak-rollout${key}`, native);
    const commandIds: string[] = [];
    const recorded = new Set<string>();
    let succeeded = 0;
    const targets = ["i-linux0000000000001", "i-linux0000000000002", "i-linux0000000000003"];
    try {
      for (let i = 0; i < CYCLES; i++) {
        const text = `sleep 2; echo rollout-${i}${key}`;
        await project.spec({
          commands: { cmd: { name: `rollout-${i}`, type: "RunShellScript", commandContent: text } },
          invocations: { fleet: { args: { commandId: "$cmd", instanceIds: targets, rollout: { maxConcurrency: 1 } } } },
        });
        const up = project.startUp();
        // Killed while the second batch runs: one finished, one in flight, one not started.
        const second = await eventually(
          async () => (invocationsOf(text).length === 2 ? invocationsOf(text).find((inv) => inv.instances[0]!.status === "Running") : undefined),
          120_000,
        );
        up.kill();
        await up.done;
        commandIds.push(second.commandId);
        await project.pulumi(["cancel", "--yes"]);
        const again = await project.up();
        if (again.code === 0) succeeded += 1;
        const state = await project.exportState();
        for (const resource of state.deployment.resources.filter((r) => r.type.endsWith("EcsInvocation"))) {
          const result = resource.outputs?.["rolloutResult"] as { batches: { invokeId: string }[] } | undefined;
          for (const batch of result?.batches ?? []) recorded.add(batch.invokeId);
        }
      }
    } finally {
      await project.dispose();
    }
    const tally = tallyOf(
      `the CLI killed mid-rollout (3 batches of 1), then \`pulumi cancel\` and \`pulumi up\`${suffix}`,
      CYCLES,
      3,
      commandIds,
      recorded,
      `${succeeded} of ${CYCLES} next ups succeeded`,
    );
    saveTally(`rollout-killed${key}`, tally);
    expect(tally).toEqual(expect.objectContaining({ runs: 3 * CYCLES, duplicates: 0, concurrent: 0, lost: 0 }));
    expect(succeeded).toBe(CYCLES);
  });
});
