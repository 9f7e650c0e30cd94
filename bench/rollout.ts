/**
 * P5 rollouts: one `pulumi up` of an invocation across 1,000 instances in batches of 100 (an
 * instant command), against the floor of the same ten runs made directly with the SDK, one after
 * the other (InvokeCommand, then reads until it ended); the API calls per batch and the provider
 * host's peak memory. Beside it, in the same run: an inline script's create (RunCommand) against a
 * command id's (InvokeCommand), and how many TagResources calls a destroy of 50 invocations makes.
 */

import { join } from "node:path";
import * as $Ecs from "@alicloud/ecs20140526";
import type { RunningEmulator } from "../emulator";
import { PulumiProject, SPEC_PROGRAM } from "../test/e2e/harness";
import { spec } from "../test/e2e/support";
import { control, sdkClient, shellCommand } from "../test/support/emulator";
import { watchPeakMemory } from "./processes";
import { measured, type Row, timed } from "./stats";

const ROLLOUT_PROGRAM = join(__dirname, "programs", "rollout");
const FLEET = 1000;
const BATCH = 100;
const PREFIX = "i-p5";

function commandOf(emu: RunningEmulator): Promise<string> {
  return shellCommand(emu, "bench-p5", "echo ok");
}

/** The floor: the same batches, straight through the SDK, one after the other. */
async function floor(emu: RunningEmulator, commandId: string): Promise<number> {
  const ecs = sdkClient(emu);
  const ids = Array.from({ length: FLEET }, (_, i) => `${PREFIX}${String(i + 1).padStart(20 - PREFIX.length, "0")}`);
  return timed(async () => {
    for (let at = 0; at < FLEET; at += BATCH) {
      const invokeId = (await ecs.invokeCommand(new $Ecs.InvokeCommandRequest({ regionId: "cn-hangzhou", commandId, instanceId: ids.slice(at, at + BATCH) })))
        .body!.invokeId!;
      for (;;) {
        const status = (await ecs.describeInvocations(new $Ecs.DescribeInvocationsRequest({ regionId: "cn-hangzhou", invokeId }))).body!.invocations!
          .invocation![0]!.invocationStatus;
        if (status === "Success" || status === "Failed" || status === "PartialFailed") break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  });
}

async function rolloutUp(emu: RunningEmulator, rep: number, commandId: string): Promise<{ ms: number; calls: number; peakMiB: number }> {
  const project = await PulumiProject.from(ROLLOUT_PROGRAM, `bench-p5-${rep}`, emu);
  try {
    await project.config("count", String(FLEET));
    await project.config("prefix", PREFIX);
    await project.config("commandId", commandId);
    await project.config("maxConcurrency", String(BATCH));
    // Counted from an empty log: the log keeps only its latest entries (after P1 it is full).
    emu.requestLog.length = 0;
    const before = 0;
    const memory = watchPeakMemory("cmd/dynamic-provider");
    const ms = await timed(async () => {
      const up = await project.up();
      if (up.code !== 0) throw new Error(`the rollout failed (${up.code}):\n${up.output.slice(-3000)}`);
    });
    return { ms, calls: emu.requestLog.length - before, peakMiB: memory.stop() };
  } finally {
    await project.dispose();
  }
}

async function createOf(emu: RunningEmulator, rep: number, commandId: string | undefined): Promise<number> {
  const project = await PulumiProject.from(ROLLOUT_PROGRAM, `bench-p5-${commandId ? "id" : "inline"}-${rep}`, emu);
  try {
    await project.config("count", "2");
    await project.config("prefix", PREFIX);
    if (commandId) await project.config("commandId", commandId);
    return await timed(async () => {
      const up = await project.up();
      if (up.code !== 0) throw new Error(`create failed (${up.code}):\n${up.output.slice(-3000)}`);
    });
  } finally {
    await project.dispose();
  }
}

/** TagResources calls of one destroy of 50 invocations (one per invocation before releases were gathered). */
async function destroyCalls(emu: RunningEmulator): Promise<number> {
  const project = await PulumiProject.from(SPEC_PROGRAM, "bench-p5-destroy", emu);
  try {
    await project.spec(spec("echo ok", { many: { count: 50 } }));
    const up = await project.up();
    if (up.code !== 0) throw new Error(`create failed (${up.code})`);
    emu.requestLog.length = 0;
    const before = 0;
    await project.destroy();
    return emu.requestLog.filter((e) => e.action === "TagResources").length - before;
  } finally {
    await project.dispose();
  }
}

export async function rolloutScale(emu: RunningEmulator, reps: number, log: (line: string) => void): Promise<Row[]> {
  await control(emu, "POST", "fleet", { count: FLEET, prefix: PREFIX, tags: { bench: "p5" } });
  const commandId = await commandOf(emu);
  const ups: { ms: number; calls: number; peakMiB: number }[] = [];
  const floors: number[] = [];
  const inline: number[] = [];
  const byId: number[] = [];
  for (let rep = 0; rep < reps; rep++) {
    floors.push(await floor(emu, commandId));
    ups.push(await rolloutUp(emu, rep, commandId));
    inline.push(await createOf(emu, rep, undefined));
    byId.push(await createOf(emu, rep, commandId));
    const last = ups[ups.length - 1]!;
    log(
      `  P5 #${rep + 1}: rollout ${(last.ms / 1000).toFixed(1)}s (${last.calls} calls), floor ${(floors[rep]! / 1000).toFixed(1)}s, inline ${inline[rep]!.toFixed(0)}ms, id ${byId[rep]!.toFixed(0)}ms`,
    );
  }
  const destroy = await destroyCalls(emu);
  const rollout = measured(ups.map((u) => u.ms));
  const base = measured(floors);
  const inlineCreate = measured(inline);
  const idCreate = measured(byId);
  return [
    {
      group: "P5 rollouts",
      name: `up of ${FLEET} instances, maxConcurrency ${BATCH} (10 batches)`,
      value: rollout,
      baseline: base,
      unit: "ms",
      ratio: rollout.median / base.median,
      note: "baseline: the ten batches made straight through the SDK, one after the other",
    },
    { group: "P5 rollouts", name: "API calls per batch", value: measured(ups.map((u) => u.calls / (FLEET / BATCH))), unit: "calls" },
    { group: "P5 rollouts", name: "provider host peak memory", value: measured(ups.map((u) => u.peakMiB)), unit: "MiB" },
    {
      group: "P5 rollouts",
      name: "create of an inline script (RunCommand), 2 instances",
      value: inlineCreate,
      baseline: idCreate,
      unit: "ms",
      ratio: inlineCreate.median / idCreate.median,
      note: "baseline: the same with a command id (InvokeCommand)",
    },
    {
      group: "P5 rollouts",
      name: "TagResources calls of one destroy of 50 invocations",
      value: measured([destroy]),
      unit: "calls",
      baseline: measured([50]),
      ratio: destroy / 50,
      note: "baseline: one call per invocation, as releases were made before they were gathered",
    },
  ];
}
