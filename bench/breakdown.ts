/**
 * P1 breakdown: where the time of each operation goes, at the larger sizes, on both paths. For the
 * provider (through the dynamic provider, and through the plugin) and its path's no-op floor, each
 * operation once more with CPU time per process (cpu-sampler), and the provider once more against
 * an emulator that answers the benchmark's `echo ok` without starting a shell (inProcessEcho): the
 * wall time that goes away is the emulator's shells', not the provider's.
 */

import type { EmulatorOptions } from "../emulator";
import { type CpuBreakdown, watchCpu } from "./cpu-sampler";
import { buildBenchPlugins, cycle, type Kind, kinds, type Measure, OPERATIONS, type Operation } from "./engine-overhead";
import { measured, type Row, timed } from "./stats";

export interface Sampled {
  wall: Record<Operation, number>;
  cpu: Partial<Record<Operation, CpuBreakdown>>;
}

async function sampledCycle(kind: Kind, n: number, emulator: EmulatorOptions = {}): Promise<Sampled> {
  const cpu: Sampled["cpu"] = {};
  const measure: Measure = async (op, step) => {
    const watch = watchCpu();
    const wall = await timed(step);
    cpu[op] = watch.stop();
    return wall;
  };
  return { wall: await cycle(kind, n, 0, measure, emulator), cpu };
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

function cpuNote(label: string, b: CpuBreakdown): string {
  const parts = [`engine ${seconds(b.tree.engine + b.tree["language host"])}`, `program ${seconds(b.tree.program)}`, `provider ${seconds(b.tree.provider)}`];
  if (b.emulator >= 5) parts.push(`emulator ${seconds(b.emulator)}`);
  // The floor's rest is the sampling's own error (it starts no shell): compare the two.
  if (b.shells >= 5) parts.push(`shells and rest ${seconds(b.shells)}`);
  return `${label}: ${parts.join(", ")}`;
}

/**
 * The note of one breakdown row. Its figure is the run without shells, so the CPU it gives is that
 * run's (until 2026-12-06 it gave the shells run's: the emulator's cost of starting 50 shells read
 * as the emulator's own); the shells run adds its wall time and the CPU that differs.
 */
export function breakdownNote(
  op: Operation,
  runs: { withShells: Sampled; noShells: Sampled; base: Sampled; shapedBase?: { label: string; sampled: Sampled } },
): string {
  const { withShells, noShells, base, shapedBase } = runs;
  const shellsMs = withShells.wall[op] - noShells.wall[op];
  const shellsCpu = withShells.cpu[op]!;
  return [
    cpuNote("CPU", noShells.cpu[op]!),
    cpuNote("floor's CPU", base.cpu[op]!),
    `with the emulator's shells ${seconds(withShells.wall[op])} (${shellsMs >= 0 ? "+" : ""}${seconds(shellsMs)}; emulator ${seconds(shellsCpu.emulator)}, shells and rest ${seconds(shellsCpu.shells)})`,
    ...(shapedBase ? [`${shapedBase.label} ${seconds(shapedBase.sampled.wall[op])} (${cpuNote("CPU", shapedBase.sampled.cpu[op]!)})`] : []),
  ].join("; ");
}

export async function breakdown(sizes: number[], log: (line: string) => void): Promise<Row[]> {
  const byName = (name: Kind["name"]) => kinds.find((k) => k.name === name)!;
  // Each path against the floor P1 holds it to (storing what an invocation stores); beside it, the
  // floor storing its inputs alone.
  const paths = [
    {
      path: "dynamic",
      ours: byName("invocations"),
      floor: byName("no-op storing invocations"),
      shaped: { kind: byName("no-op"), label: "the floor storing its input alone" },
    },
    {
      path: "plugin",
      ours: byName("package"),
      floor: byName("no-op plugin storing invocations"),
      shaped: { kind: byName("no-op plugin"), label: "the floor storing its inputs alone" },
    },
  ];
  await buildBenchPlugins();
  const rows: Row[] = [];
  for (const n of sizes) {
    for (const { path, ours, floor, shaped } of paths) {
      const withShells = await sampledCycle(ours, n);
      const noShells = await sampledCycle(ours, n, { inProcessEcho: true });
      const base = await sampledCycle(floor, n);
      const shapedBase = { label: shaped.label, sampled: await sampledCycle(shaped.kind, n) };
      log(
        `  breakdown N=${n} ${path}: ${OPERATIONS.map((op) => `${op} ${seconds(withShells.wall[op])} (no shells ${seconds(noShells.wall[op])}, floor ${seconds(base.wall[op])})`).join(", ")}`,
      );
      for (const op of OPERATIONS) {
        const value = measured([noShells.wall[op]]);
        const baseline = measured([base.wall[op]]);
        rows.push({
          group: "P1 breakdown",
          name: `${op}, N=${n}, ${path} path`,
          value,
          baseline,
          unit: "ms",
          ratio: value.median / baseline.median,
          note: breakdownNote(op, { withShells, noShells, base, shapedBase }),
        });
      }
    }
  }
  return rows;
}
