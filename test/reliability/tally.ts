import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { RunningEmulator } from "../../emulator";
import { concurrentRuns, runsOf } from "../support/runs";

/** What one fault did to the promise "never twice, never lost", over many cycles. */
export interface Tally {
  fault: string;
  cycles: number;
  /** Runs the user asked for (one per create that was not refused before anything started). */
  intended: number;
  /** Executions the emulator started. */
  runs: number;
  /** Intended runs that ran more than once. */
  duplicates: number;
  /** Pairs of runs of the same command that overlapped on an instance. */
  concurrent: number;
  /** Invocations that exist in the cloud but were never handed to the engine (recorded or resumed). */
  lost: number;
  /** Times an error message showed the access key secret or a secret parameter value. */
  secretsShown: number;
  /** How the cycles ended, e.g. "50 succeeded" or "3 recorded as failed". */
  result: string;
  /** The distinct first lines of the errors users saw. */
  errors: string[];
}

export const RESULTS_DIR = resolve(__dirname, "../../.build/reliability");

/** Cycles per fault: a few in `npm test`, 50 or more in the soak (`npm run soak`). */
export function cyclesFromEnv(quick: number): number {
  const soak = Number(process.env["RELIABILITY_CYCLES"] ?? "");
  return Number.isInteger(soak) && soak > 0 ? soak : quick;
}

/** Runs, duplicates, overlaps and lost invocations for the commands of one fault's cycles. */
export function countRuns(emu: RunningEmulator, commandIds: readonly string[], recorded: ReadonlySet<string>, intendedPerCommand: number) {
  let runs = 0;
  let duplicates = 0;
  let concurrent = 0;
  let lost = 0;
  for (const commandId of commandIds) {
    const executions = runsOf(emu, commandId);
    runs += executions.length;
    if (executions.length > intendedPerCommand) duplicates += 1;
    concurrent += concurrentRuns(executions).length;
    const invokeIds = new Set(executions.map((r) => r.invokeId));
    for (const region of Object.values(emu.store.state.regions)) {
      for (const invocation of Object.values(region.invocations)) {
        if (invocation.commandId === commandId) invokeIds.add(invocation.invokeId);
      }
    }
    lost += [...invokeIds].filter((id) => !recorded.has(id)).length;
  }
  return { runs, duplicates, concurrent, lost };
}

export function saveTally(slug: string, tally: Tally): void {
  mkdirSync(RESULTS_DIR, { recursive: true });
  writeFileSync(join(RESULTS_DIR, `${slug}.json`), `${JSON.stringify(tally, null, 2)}\n`);
}

export function loadTallies(): Tally[] {
  return readdirSync(RESULTS_DIR)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => JSON.parse(readFileSync(join(RESULTS_DIR, f), "utf8")) as Tally);
}

/** The first line of an error message: what the user reads first. */
export function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error))
    .split("\n")[0]!
    .replace(/t-[0-9a-f]{24}/g, "t-…")
    .replace(/[0-9A-F-]{36}/g, "…");
}
