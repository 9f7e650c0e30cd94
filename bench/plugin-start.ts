/**
 * Plugin start-up: from spawning the provider plugin until it prints its port (what the engine waits
 * for before its first call), as the single executable users download (no Node.js needed) against
 * the compiled plugin run by `node` (the development launcher, bin/). Same machine, same run.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildLinuxExecutable, PLUGIN_ENTRY } from "../tools/release/plugin-executable";
import { measured, type Row } from "./stats";

const ROOT = join(__dirname, "..");

/** Milliseconds until the plugin's first line (its port); the plugin is stopped after. */
function startMs(command: string, args: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn(command, args, { stdio: ["ignore", "pipe", "inherit"], env: { PATH: process.env["PATH"] ?? "" } });
    child.stdout.once("data", () => {
      resolve(Number(process.hrtime.bigint() - start) / 1e6);
      child.kill();
    });
    child.once("error", reject);
  });
}

export async function pluginStart(reps: number, log: (line: string) => void): Promise<Row[]> {
  const dir = mkdtempSync(join(tmpdir(), "bench-plugin-"));
  try {
    const executable = await buildLinuxExecutable(PLUGIN_ENTRY, dir);
    const viaNode: number[] = [];
    const single: number[] = [];
    for (let rep = 0; rep < Math.max(reps, 5); rep++) {
      viaNode.push(await startMs(process.execPath, [join(ROOT, "dist", "provider", "plugin", "main.js")]));
      single.push(await startMs(executable, []));
    }
    const baseline = measured(viaNode);
    const value = measured(single);
    const ratio = value.median / baseline.median;
    log(`  plugin start: executable ${value.median.toFixed(0)} ms, node dist ${baseline.median.toFixed(0)} ms`);
    return [
      {
        group: "Plugin",
        name: "start until its port (single executable vs node dist/…)",
        value,
        unit: "ms",
        baseline,
        ratio,
        target: "≤ 1.10×",
        met: ratio <= 1.1,
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
