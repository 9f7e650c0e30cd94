/**
 * `npm run test:live`: the acceptance suite against the real cloud.
 *
 *   npm run test:live                 print the calls, run every flow, clean up
 *   npm run test:live -- --plan       print the calls only
 *   npm run test:live -- --record     also record the cloud's answers into test/snapshots/
 *   npm run test:live -- --sweep      delete / stop what earlier interrupted runs left (suite tag)
 *   npm run test:live -- --preflight  only check the settings (scripts/test-live does, before installing)
 *
 * Without credentials, a region and instances it refuses (exit 2) and says what to set.
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { CloudView } from "./cloud-view";
import { planText, preparedTarget } from "./suite";
import { sweep } from "./sweeper";
import { liveTarget, newRunId, SETTINGS_HELP, SUITE_TAG, suiteTags } from "./target";

const ROOT = join(__dirname, "..", "..");
const say = (line: string): void => void process.stdout.write(`${line}\n`);

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      sweep: { type: "boolean" },
      plan: { type: "boolean" },
      record: { type: "boolean" },
      preflight: { type: "boolean" },
      help: { type: "boolean" },
    },
  });
  if (values.help) {
    say(`usage: npm run test:live [-- --plan | --record | --sweep]\n\n${SETTINGS_HELP}`);
    return 0;
  }
  const runId = process.env["ECS_ACCEPTANCE_RUN_ID"] ?? newRunId();
  const described = liveTarget(process.env, runId, !values.sweep);
  if ("refusal" in described) {
    process.stderr.write(`${described.refusal}\n`);
    return 2;
  }
  if (values.preflight) return 0;
  const view = new CloudView(described.target);
  if (values.sweep) {
    const report = await sweep(view, { [SUITE_TAG.key]: SUITE_TAG.value }, say);
    return report.failed.length > 0 ? 1 : 0;
  }
  let target = described.target;
  try {
    target = await preparedTarget(target, view);
  } catch (error) {
    process.stderr.write(`Not running against the cloud: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
  say(planText(target));
  if (values.plan) return 0;
  say("");
  let code = 1;
  try {
    const jest = spawnSync(
      process.execPath,
      [join(ROOT, "node_modules", ".bin", "jest"), "--selectProjects", "acceptance", "--runInBand", join(ROOT, "test", "acceptance", "flows.test.ts")],
      {
        cwd: ROOT,
        stdio: "inherit",
        env: {
          ...process.env,
          ECS_ACCEPTANCE: "live",
          ECS_ACCEPTANCE_RUN_ID: runId,
          ECS_ACCEPTANCE_INSTANCE_IDS: target.instanceIds.join(","),
          ...(values.record ? { ECS_ACCEPTANCE_RECORD: "1" } : {}),
        },
      },
    );
    code = jest.status ?? 1;
  } finally {
    // Even when the suite was interrupted or crashed: this run's leftovers, by its run tag. A new
    // client: the first one's pooled connection has sat idle through the suite and was closed.
    const report = await sweep(new CloudView(target), suiteTags(target), say);
    if (report.failed.length > 0) code = code || 1;
  }
  return code;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    const e = error as { code?: string; message?: string; data?: { RequestId?: string } };
    process.stderr.write(
      `npm run test:live failed: ${e.code ? `${e.code}: ` : ""}${e.message ?? String(error)}${e.data?.RequestId ? ` (RequestId ${e.data.RequestId})` : ""}\n`,
    );
    process.exit(1);
  },
);
