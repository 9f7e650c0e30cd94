/** Writes a bench run: the JSON under bench/results/ and the table in docs/performance.md. */
import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { join } from "node:path";
import { P1_GROUPS } from "./engine-overhead";
import type { Measured, Row } from "./stats";

const ROOT = join(__dirname, "..");
const START = "<!-- bench:start (written by `npm run bench`; do not edit by hand) -->";
const END = "<!-- bench:end -->";

export interface Machine {
  cores: number;
  cpu: string;
  memoryGiB: number;
  node: string;
  pulumiCli: string;
  pulumiSdk: string;
}

export function machine(): Machine {
  let cli = "unknown";
  try {
    cli = execFileSync("pulumi", ["version"], { encoding: "utf8" }).trim();
  } catch {
    // Reported as unknown: the P1/P4 figures need it, the others do not.
  }
  const sdk = (JSON.parse(readFileSync(join(ROOT, "node_modules", "@pulumi", "pulumi", "package.json"), "utf8")) as { version: string }).version;
  return {
    cores: cpus().length,
    cpu: cpus()[0]?.model ?? "unknown",
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    pulumiCli: cli,
    pulumiSdk: sdk,
  };
}

function figure(value: Measured, unit: string): string {
  const digits = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(n < 10 ? 2 : unit === "ms" ? 0 : 1));
  const show = (n: number) => (unit === "ms" && n >= 1000 ? `${(n / 1000).toFixed(2)} s` : `${digits(n)}${unit === "ms" ? " ms" : ""}`);
  const spread = value.runs > 1 ? ` (${show(value.min)}–${show(value.max)})` : "";
  return `${show(value.median)}${unit === "ms" ? "" : ` ${unit}`}${spread}`;
}

export function table(rows: Row[]): string {
  const lines: string[] = [];
  let group = "";
  for (const row of rows) {
    if (row.group !== group) {
      group = row.group;
      lines.push("", `**${group}**`, "", "| figure | measured: median (min–max) | baseline, same run | ratio | target | met |", "|---|---|---|---|---|---|");
    }
    const ratio = row.ratio === undefined ? "" : `${row.ratio.toFixed(2)}×`;
    const met = row.met === undefined ? "" : row.met ? "yes" : "**no**";
    const baseline = row.baseline ? figure(row.baseline, row.unit) : "";
    lines.push(`| ${row.name}${row.note ? ` — ${row.note}` : ""} | ${figure(row.value, row.unit)} | ${baseline} | ${ratio} | ${row.target ?? ""} | ${met} |`);
  }
  return lines.join("\n");
}

/** The groups of the report, in its order. */
const GROUP_ORDER: readonly string[] = [
  ...Object.values(P1_GROUPS),
  "P1 breakdown",
  "P3 state weight",
  "P2 completion lag",
  "P4 fleet scale",
  "P5 rollouts",
  "Plugin",
  "Emulator",
];

export interface PreviousRun {
  time: string;
  rows: Row[];
}

/**
 * A run of some suites, with the rows of the other suites from the run before it, each still
 * measured in one run against its own same-run baseline. A group the bench no longer reports (one
 * renamed, or measured otherwise since) is not carried over: its rows would read as current.
 */
export function mergedRows(previous: PreviousRun, measuredRows: Row[]): Row[] {
  const fresh = new Set(measuredRows.map((r) => r.group));
  const kept = previous.rows
    .filter((r) => !fresh.has(r.group) && GROUP_ORDER.includes(r.group))
    // A row carried over from a run that had carried it already still names that first run, once.
    .map((r) => (r.note?.includes("from the run of") ? r : { ...r, note: `${r.note ? `${r.note}; ` : ""}from the run of ${previous.time}` }));
  return [...kept, ...measuredRows].sort((a, b) => GROUP_ORDER.indexOf(a.group) - GROUP_ORDER.indexOf(b.group));
}

/**
 * Writes the run. A run of some suites (`--only`) keeps the other suites' rows of the latest
 * results file, each row still measured in one run against its own same-run baseline.
 */
export function writeResults(measuredRows: Row[], info: Machine, command: string, partial: boolean): string {
  const time = new Date().toISOString();
  const dir = join(ROOT, "bench", "results");
  mkdirSync(dir, { recursive: true });
  let rows = measuredRows;
  const latest = readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .pop();
  if (partial && latest) rows = mergedRows(JSON.parse(readFileSync(join(dir, latest), "utf8")) as PreviousRun, measuredRows);
  const file = join(dir, `${time.replace(/[:.]/g, "-")}.json`);
  writeFileSync(file, `${JSON.stringify({ time, command, machine: info, rows }, null, 2)}\n`);
  const docPath = join(ROOT, "docs", "performance.md");
  const doc = readFileSync(docPath, "utf8");
  const header =
    `Run ${time} with \`${command}\` on ${info.cores} cores (${info.cpu}), ${info.memoryGiB} GiB, Node ${info.node}, ` +
    `Pulumi CLI ${info.pulumiCli}, @pulumi/pulumi ${info.pulumiSdk}. Raw figures: \`bench/results/${file.split("/").pop()}\`.`;
  const block = `${START}\n${header}\n${table(rows)}\n${END}`;
  const at = doc.indexOf(START);
  const next = at < 0 ? `${doc.trimEnd()}\n\n${block}\n` : `${doc.slice(0, at)}${block}${doc.slice(doc.indexOf(END) + END.length)}`;
  writeFileSync(docPath, next);
  return file;
}
