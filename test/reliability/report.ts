/**
 * Writes docs/reliability.md from the tallies the reliability suite saved in .build/reliability/
 * (run by `npm run soak` after the long run; `npm test` saves the same tallies over fewer cycles).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { resolve } from "node:path";
import { loadTallies, type Tally } from "./tally";

function row(t: Tally): string {
  const perIntended = t.intended === 0 ? "0 (nothing ran)" : (t.runs / t.intended).toFixed(2);
  return `| ${t.fault} | ${t.cycles} | ${t.intended} | ${t.runs} | ${perIntended} | ${t.duplicates} | ${t.concurrent} | ${t.lost} | ${t.secretsShown} | ${t.result} |`;
}

/**
 * The rows of `previous` (the page as it stands) for faults this run did not measure, each marked
 * with the soak it comes from: a partial soak (`SOAK_FILES`) adds or renews its rows only.
 */
export function keptRows(previous: string, measured: readonly Tally[]): string[] {
  const date = /written by `npm run soak` \((\d{4}-\d{2}-\d{2})/.exec(previous)?.[1] ?? "an earlier run";
  const fresh = new Set(measured.map((t) => t.fault));
  return previous
    .split("\n")
    .filter((line) => /^\| [^|-]/.test(line) && !line.startsWith("| Fault |"))
    .filter((line) => !fresh.has(line.split(" | ")[0]!.slice(2)))
    .map((line) => (line.includes("(soak of ") ? line : line.replace(/ \|$/, ` (soak of ${date}) |`)));
}

export function renderReport(tallies: Tally[], when: Date, kept: readonly string[] = []): string {
  return `# Reliability

The promise: **a command never runs twice, nor concurrently with itself, and no invocation that
create started is lost** — whatever fails: the API, the network, the emulator, the CLI or the create
timeout. This table is written by \`npm run soak\` (${when.toISOString().slice(0, 10)}, ${cpus().length} cores, Node ${process.versions.node});
\`npm test\` runs the same scenarios with a few cycles each and fails on any duplicate, overlap or loss.

| Fault | Cycles | Intended runs | Runs | Runs per intended run | Duplicates | Concurrent | Lost | Secrets shown | Result |
|---|---|---|---|---|---|---|---|---|---|
${[...kept, ...tallies.map(row)].join("\n")}

How to read it:
- A **cycle** is create → refresh → destroy of one invocation through the provider and the official SDK
  (real HTTP, real signatures) against the emulator with the fault switched on, each cycle with its own
  command; the engine faults (killed CLI, create timeout) run whole \`pulumi up\`s through the real CLI.
  A create that fails without recording anything is tried again, as a pipeline's next \`pulumi up\` would.
- **Intended runs**: runs a user asked for — one per \`pulumi up\` that did not refuse before anything
  started. **Runs**: executions the emulator started. **Duplicates**: intended runs that ran more than
  once. **Concurrent**: pairs of runs of one command that overlapped on an instance. **Lost**:
  invocations that exist in the cloud but were never recorded in state. **Secrets shown**: error
  messages that contained the access key secret or the secret parameter every run is given.
- The errors users saw are kept, per fault, in \`.build/reliability/<fault>.json\`.

How it is kept: see "Never twice" in [EcsInvocation](ecs-invocation.md#never-twice-never-lost).

Also part of the suite (\`test/reliability/\`):
- **Bad input**: every documented InvokeCommand constraint and every rule of both resources is
  rejected by \`check\` (at preview), naming the field, with no request sent and no secret echoed.
- **Properties** (fast-check): the schema, the diff (order-insensitive inputs, unknowns) and the
  emulator's signature verification, over generated inputs.
- **Secrets**: every CLI output and every state file the end-to-end suite produces is scanned for the
  access key secret, security tokens and parameter values set as secrets: a hit fails the test.

Reproduce: \`npm run soak\` (50 cycles per fault; \`RELIABILITY_CYCLES=N npm run soak\` for another count;
\`SOAK_FILES=test/reliability/engine.test.ts npm run soak\` re-measures those files' faults only, keeping
the other rows, each marked with the soak it comes from).
`;
}

if (require.main === module) {
  const out = resolve(__dirname, "../../docs/reliability.md");
  const tallies = loadTallies();
  const kept = process.env["SOAK_FILES"] ? keptRows(readFileSync(out, "utf8"), tallies) : [];
  writeFileSync(out, renderReport(tallies, new Date(), kept));
  process.stdout.write(`wrote ${out}\n`);
}
