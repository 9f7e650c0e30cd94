/**
 * The acceptance suite. Under `npm run test:live` (ECS_ACCEPTANCE=live) it runs against the cloud
 * the environment names; in `npm test` the same flows run against an emulator.
 */
import type { RunningEmulator } from "../../emulator";
import { emulator } from "../support/emulator";
import { CloudView } from "./cloud-view";
import { flowContext } from "./flow-context";
import { Recorder, runPlaceholders, SNAPSHOT_DIR } from "./recorder";
import { FLOWS, preparedTarget } from "./suite";
import { sweep } from "./sweeper";
import { type AcceptanceTarget, emulatorTarget, liveTarget, newRunId, suiteTags } from "./target";

jest.setTimeout(600_000);

const LIVE = process.env["ECS_ACCEPTANCE"] === "live";
const log = (line: string): void => void process.stderr.write(`[acceptance] ${line}\n`);

let emu: RunningEmulator | undefined;
let target: AcceptanceTarget;
let view: CloudView;
let recorder: Recorder;

// The flows are independent (their own commands, stacks and tags) and mostly wait on the target, so
// they run concurrently. Jest may start concurrent tests before beforeAll has run: they wait for this.
let settle!: { resolve: () => void; reject: (error: unknown) => void };
const ready = new Promise<void>((resolve, reject) => {
  settle = { resolve, reject };
});
ready.catch(() => {}); // reported by beforeAll itself

beforeAll(async () => {
  try {
    await setUp();
    settle.resolve();
  } catch (error) {
    settle.reject(error);
    throw error;
  }
});

async function setUp(): Promise<void> {
  const runId = process.env["ECS_ACCEPTANCE_RUN_ID"] ?? newRunId();
  if (LIVE) {
    const described = liveTarget(process.env, runId);
    if ("refusal" in described) throw new Error(described.refusal);
    target = described.target;
  } else {
    emu = await emulator();
    target = emulatorTarget(emu, runId);
  }
  view = new CloudView(target);
  target = await preparedTarget(target, view);
  const where = target.connection.endpoint ?? `ecs.${target.connection.region}.aliyuncs.com`;
  const source = LIVE ? `live: ${where}, ${new Date().toISOString().slice(0, 10)}` : "emulator";
  recorder = new Recorder(source, () => runPlaceholders(target), LIVE && process.env["ECS_ACCEPTANCE_RECORD"] === "1" ? SNAPSHOT_DIR : undefined);
}

afterAll(async () => {
  try {
    // Whatever the flows left (the commands the suite made itself, anything a failed flow left).
    if (view) {
      const report = await sweep(view, suiteTags(target), log);
      if (report.failed.length > 0) log(`the sweep was refused for: ${report.failed.join("; ")}`);
    }
  } finally {
    await emu?.close();
  }
});

describe(`acceptance flows against ${LIVE ? "the cloud" : "the emulator"}`, () => {
  it.concurrent.each(FLOWS.map((flow) => [flow.title, flow] as const))("%s", async (_title, flow) => {
    await ready;
    const { ctx, dispose } = flowContext(target, view, recorder, log);
    let failure: unknown;
    try {
      await flow.run(ctx);
    } catch (error) {
      failure = error;
    }
    // Whatever happened, the flow's stacks are destroyed; the flow's own failure is the one reported.
    const problems = await dispose();
    if (failure !== undefined) {
      if (problems.length > 0) log(`cleaning up after the failed flow also failed: ${problems.join("; ")}`);
      throw failure;
    }
    if (problems.length > 0) throw new Error(`the flow passed but cleaning up failed:\n${problems.join("\n")}`);
  });

  it("leaves nothing running: after the sweep no command and no live invocation carries this run's tags", async () => {
    const report = await sweep(view, suiteTags(target), log);
    expect(report.failed).toEqual([]);
    expect(await view.commandsTagged(suiteTags(target))).toEqual([]);
    const live = (await view.invocationsTagged(suiteTags(target))).filter((i) => ["Pending", "Running", "Scheduled"].includes(String(i["InvocationStatus"])));
    expect(live).toEqual([]);
  });
});
