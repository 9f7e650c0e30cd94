/**
 * The product's benchmark (`npm run bench`; not part of `npm test`). Every figure is the median
 * of several runs with min and max, every comparison a ratio against a baseline measured in the
 * same run on the same machine. Results go to bench/results/<time>.json and the table in
 * docs/performance.md, which explains how to read them.
 *
 *   npm run bench                      # everything (about 35 minutes on 2 cores)
 *   npm run bench -- --only P2,P4      # some suites: P1 (with P3), breakdown, P2, P4, P5, emulator, plugin
 *   npm run bench -- --reps 5          # more runs per figure (default 3)
 *   npm run bench -- --sizes 50        # P1 at some of its sizes (default 1,10,50,200)
 */
import { parseArgs } from "node:util";
import { startEmulator } from "../emulator";
import { breakdown } from "./breakdown";
import { completionLag } from "./completion-lag";
import { emulatorFigures } from "./emulator-throughput";
import { engineOverhead, stateWeight } from "./engine-overhead";
import { fleetScale } from "./fleet";
import { pluginStart } from "./plugin-start";
import { machine, table, writeResults } from "./report";
import { rolloutScale } from "./rollout";
import type { Row } from "./stats";

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { only: { type: "string" }, reps: { type: "string" }, sizes: { type: "string" } } });
  const only = new Set((values.only ?? "P1,breakdown,P2,P4,P5,emulator,plugin").split(",").map((s) => s.trim()));
  const reps = Number(values.reps ?? 3);
  if (!Number.isInteger(reps) || reps < 1) throw new Error(`--reps takes a whole number of runs, at least 1, not ${JSON.stringify(values.reps)}`);
  const sizes = (values.sizes ?? "1,10,50,200").split(",").map(Number);
  if (sizes.some((n) => !Number.isInteger(n) || n < 1))
    throw new Error(`--sizes takes whole numbers of resources, such as 1,10,50, not ${JSON.stringify(values.sizes)}`);
  const log = (line: string) => console.log(line);
  const rows: Row[] = [];
  const emu = await startEmulator({ deliveryDelayMs: 0 });
  try {
    if (only.has("P1")) {
      log(`P1 engine overhead (real CLI, N = ${sizes.join(", ")}) and P3 state weight`);
      rows.push(...(await engineOverhead(sizes, reps, log)));
      rows.push(...(await stateWeight(emu)));
    }
    if (only.has("breakdown")) {
      const large = sizes.filter((n) => n >= 50);
      log(`P1 breakdown (N = ${large.join(", ")}): CPU per process, the emulator's shells apart`);
      rows.push(...(await breakdown(large, log)));
    }
    if (only.has("P2")) {
      log("P2 completion lag (0, 5 and 30 s commands)");
      rows.push(...(await completionLag(emu, [0, 5, 30], reps, log)));
    }
    if (only.has("P4")) {
      log("P4 fleet scale (200 invocations, 20 req/s)");
      rows.push(...(await fleetScale(emu, reps, log)));
    }
    if (only.has("P5")) {
      log("P5 rollouts (1,000 instances in batches of 100), inline scripts, gathered releases");
      rows.push(...(await rolloutScale(emu, reps, log)));
    }
    if (only.has("plugin")) {
      log("Plugin start-up (single executable vs node)");
      rows.push(...(await pluginStart(reps, log)));
    }
    if (only.has("emulator")) {
      log("Emulator");
      rows.push(...(await emulatorFigures(emu, reps)));
    }
  } finally {
    await emu.close();
  }
  const command = `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(" ")}` : ""}`;
  const file = writeResults(rows, machine(), command, values.only !== undefined);
  console.log(table(rows));
  console.log(`\nwritten to ${file} and docs/performance.md`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
