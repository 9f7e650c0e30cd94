/**
 * P4 fleet scale: 200 instant invocations in one `pulumi up` against the emulator throttled to 20
 * requests/s per access key (across all actions, as Throttling.User is). The floor is what 200
 * InvokeCommand calls alone take at that rate (10 s). Once with the request budget learning the
 * limit from throttling, once told it (`alicloud:maxRequestsPerSecond`). Peak memory of the
 * provider host and of the emulator, each in a process of its own.
 */

import { join } from "node:path";
import type { RequestLogEntry, RunningEmulator } from "../emulator";
import { PulumiProject, SPEC_PROGRAM } from "../test/e2e/harness";
import { spec } from "../test/e2e/support";
import { childEmulator, peakMemoryMiB, watchPeakMemory } from "./processes";
import { measured, type Row, timed } from "./stats";

const COUNT = 200;
const RATE = 20;

interface FleetRun {
  wallMs: number;
  throttlingSurfaced: number;
  duplicates: number;
  throttledAnswers: number;
  calls: number;
  /** Calls per action, e.g. "InvokeCommand 200, DescribeInvocations 12". */
  byAction: string;
  providerPeakMiB: number;
}

async function fleetRun(told: boolean, rep: number, parallel?: number): Promise<FleetRun & { emulatorPeakMiB: number }> {
  const emu = await childEmulator();
  const project = await PulumiProject.from(SPEC_PROGRAM, `bench-fleet-${told ? "told" : "learnt"}-${rep}`, emu as unknown as RunningEmulator);
  try {
    await project.spec(spec("echo ok", { run: { count: COUNT } }));
    if (told) await project.config("alicloud:maxRequestsPerSecond", String(RATE));
    await emu.control("DELETE", "requests");
    await emu.control("PUT", "faults", { throttleRps: RATE });
    const memory = watchPeakMemory("cmd/dynamic-provider");
    let output = "";
    let code = 0;
    const startedAt = Date.now();
    const wallMs = await timed(async () => {
      const result = await project.up(parallel ? ["--parallel", String(parallel)] : []);
      output = result.output;
      code = result.code;
    });
    const providerPeakMiB = memory.stop();
    if (code !== 0) throw new Error(`the fleet up failed (${code}):\n${output.slice(-3000)}`);
    const log = await emu.control<RequestLogEntry[]>("GET", "requests");
    if (process.env["BENCH_TRACE"]) {
      const at = (entry: RequestLogEntry | undefined) => (entry ? ((Date.parse(entry.time) - startedAt) / 1000).toFixed(1) : "-");
      const invokes = log.filter((entry) => entry.action === "InvokeCommand");
      console.log(
        `    first call ${at(log[0])} s, first invoke ${at(invokes[0])} s, last invoke ${at(invokes[invokes.length - 1])} s, last call ${at(log[log.length - 1])} s`,
      );
      const perSecond = new Map<number, number>();
      for (const entry of log)
        perSecond.set(
          Math.floor((Date.parse(entry.time) - startedAt) / 1000),
          (perSecond.get(Math.floor((Date.parse(entry.time) - startedAt) / 1000)) ?? 0) + 1,
        );
      console.log(`    calls per second: ${[...perSecond.entries()].map(([s, n]) => `${s}:${n}`).join(" ")}`);
    }
    await emu.control("PUT", "faults", {});
    // Each create sends one ClientToken on all its attempts: distinct tokens answered OK are runs started.
    const invoked = new Set(log.filter((entry) => entry.action === "InvokeCommand" && entry.code === "OK").map((entry) => entry.params["ClientToken"])).size;
    const emulatorPeakMiB = peakMemoryMiB(emu.pid) ?? 0;
    return {
      wallMs,
      throttlingSurfaced: (output.match(/Throttling/g) ?? []).length,
      duplicates: invoked - COUNT,
      throttledAnswers: log.filter((entry) => /Throttling/.test(entry.code)).length,
      calls: log.length,
      byAction: [...countBy(log, kindOf)].map(([action, count]) => `${action} ${count}`).join(", "),
      providerPeakMiB,
      emulatorPeakMiB,
    };
  } finally {
    await project.dispose();
    await emu.stop();
  }
}

/** The action, and for listings whether by id or by tag: where the calls go. */
function kindOf(entry: RequestLogEntry): string {
  if (!entry.action.startsWith("DescribeInvocation")) return entry.action;
  const by = entry.params["InvokeId"]
    ? "by id"
    : Object.keys(entry.params).some((key) => key.startsWith("Tag."))
      ? `by ${entry.params["Tag.1.Key"]?.split(":")[1] ?? "tag"} tag`
      : "all";
  return `${entry.action} ${by}`;
}

interface Variant {
  told: boolean;
  parallel?: number;
}

const VARIANTS: Variant[] = [{ told: false }, { told: true }, { told: false, parallel: 64 }];

/** The engine's own time for 200 no-op dynamic resources, unthrottled: the other floor of P4. */
async function engineFloor(emu: RunningEmulator, rep: number): Promise<number> {
  const project = await PulumiProject.from(join(__dirname, "programs", "noop"), `bench-fleet-noop-${rep}`, emu);
  try {
    await project.config("count", String(COUNT));
    await project.config("rev", "1");
    return await timed(async () => {
      const result = await project.up();
      if (result.code !== 0) throw new Error(`the no-op fleet up failed (${result.code}):\n${result.output.slice(-3000)}`);
    });
  } finally {
    await project.dispose();
  }
}

export async function fleetScale(emu: RunningEmulator, reps: number, log: (line: string) => void): Promise<Row[]> {
  const rows: Row[] = [];
  const floor = measured([(COUNT / RATE) * 1000]);
  const engine: number[] = [];
  for (let rep = 0; rep < reps; rep++) engine.push(await engineFloor(emu, rep));
  rows.push({
    group: "P4 fleet scale",
    name: "200 no-op dynamic resources, unthrottled: the engine's own time",
    value: measured(engine),
    unit: "ms",
    note: "start-up (CLI, program, plugins) included, as in every figure below",
  });
  for (const { told, parallel } of VARIANTS) {
    const runs: (FleetRun & { emulatorPeakMiB: number })[] = [];
    const how = `${told ? "told the limit (alicloud:maxRequestsPerSecond=20)" : "learning the limit from throttling"}, ${parallel ? `--parallel ${parallel}` : "default --parallel"}`;
    for (let rep = 0; rep < reps; rep++) {
      const run = await fleetRun(told, rep, parallel);
      runs.push(run);
      log(
        `  P4 ${how} #${rep + 1}: ${(run.wallMs / 1000).toFixed(1)} s, ${run.calls} calls (${run.byAction}), ${run.throttledAnswers} throttled answers, ` +
          `${run.throttlingSurfaced} surfaced, ${run.duplicates} duplicates, provider ${run.providerPeakMiB.toFixed(0)} MiB, emulator ${run.emulatorPeakMiB.toFixed(0)} MiB`,
      );
    }
    const wall = measured(runs.map((r) => r.wallMs));
    const ratio = wall.median / floor.median;
    rows.push({
      group: "P4 fleet scale",
      name: `200 invocations at 20 req/s, ${how}`,
      value: wall,
      unit: "ms",
      baseline: floor,
      ratio,
      target: "≤ 1.30×",
      met: ratio <= 1.3,
      note: "baseline: 200 InvokeCommand calls at 20/s",
    });
    rows.push({
      group: "P4 fleet scale",
      name: `API calls in that up, ${how}`,
      value: measured(runs.map((r) => r.calls)),
      unit: "calls",
      note: `throttled answers (retried): ${measured(runs.map((r) => r.throttledAnswers)).median}; last run: ${runs[runs.length - 1]!.byAction}`,
    });
    rows.push({
      group: "P4 fleet scale",
      name: `throttling errors shown to the user, ${how}`,
      value: measured(runs.map((r) => r.throttlingSurfaced)),
      unit: "errors",
      target: "0",
      met: runs.every((r) => r.throttlingSurfaced === 0),
    });
    rows.push({
      group: "P4 fleet scale",
      name: `duplicate runs, ${how}`,
      value: measured(runs.map((r) => r.duplicates)),
      unit: "runs",
      target: "0",
      met: runs.every((r) => r.duplicates === 0),
    });
    rows.push({ group: "P4 fleet scale", name: `peak memory of the provider host, ${how}`, value: measured(runs.map((r) => r.providerPeakMiB)), unit: "MiB" });
    rows.push({ group: "P4 fleet scale", name: `peak memory of the emulator, ${how}`, value: measured(runs.map((r) => r.emulatorPeakMiB)), unit: "MiB" });
  }
  return rows;
}

/** How many items fall under each key, in first-seen order. */
function countBy<T>(items: readonly T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}
