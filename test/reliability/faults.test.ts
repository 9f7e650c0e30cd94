import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { RunningEmulator } from "../../emulator";
import { overrideRuntime } from "../../provider/lifecycle/runtime";
import { emulator, eventually } from "../support/emulator";
import { type FaultCase, runFaultCycles } from "./lifecycle-cycles";
import { cyclesFromEnv, saveTally, type Tally } from "./tally";

/**
 * The reliability suite, fault by fault: whole create → read → delete cycles through the real SDK
 * against the emulator while it misbehaves. A few cycles each in `npm test`; `npm run soak` runs
 * 50 or more and writes docs/reliability.md from the tallies.
 */
jest.setTimeout(1_800_000);

const CYCLES = cyclesFromEnv(3);
let restore: () => void;
beforeAll(() => {
  restore = overrideRuntime({ progress: () => undefined, warn: () => undefined });
});
afterAll(() => restore());

function expectNeverTwiceNeverLost(tally: Tally): void {
  expect({ duplicates: tally.duplicates, concurrent: tally.concurrent, lost: tally.lost, secretsShown: tally.secretsShown }).toEqual({
    duplicates: 0,
    concurrent: 0,
    lost: 0,
    secretsShown: 0,
  });
  expect(tally.runs).toBe(tally.intended);
}

describe("faults on every call: each intended run runs exactly once, never beside itself, never lost", () => {
  let emu: RunningEmulator;
  beforeAll(async () => {
    emu = await emulator();
  });
  afterAll(() => emu.close());

  const cases: FaultCase[] = [
    { slug: "throttling", fault: "throttling (3 requests/s per key)", faults: { throttleRps: 3 } },
    { slug: "server-errors", fault: "500/503 bursts (40% of calls)", faults: { seed: 7, internalErrorRate: 0.2, unavailableRate: 0.2 } },
    { slug: "resets", fault: "connection resets (30% of calls)", faults: { seed: 11, resetRate: 0.3 } },
    {
      slug: "slow-answers",
      fault: "answers slower than the client's 1 s read timeout (30% of calls)",
      faults: { seed: 13, slowResponseRate: 0.3, slowResponseMs: 1_500 },
      clientReadTimeoutMs: 1_000,
    },
    {
      slug: "lost-invoke-answers",
      fault: "InvokeCommand's answer lost after the invocation was created, on every attempt of an up; then up again",
      faults: { script: [{ fault: "lose-response", action: "InvokeCommand", count: 1_000 }] },
      createTimeout: "2s",
      firstUpOnly: true,
    },
  ];

  it.each(cases)("$fault", async (fault) => {
    const tally = await runFaultCycles({ current: () => emu }, fault, CYCLES);
    saveTally(fault.slug, tally);
    expectNeverTwiceNeverLost(tally);
    expect(tally.result).toBe(`${CYCLES} succeeded`);
  });
});

describe("when the retry budget runs out", () => {
  it("fails with the cloud's code, the attempts made and what to do, and runs nothing", async () => {
    const emu = await emulator();
    try {
      const tally = await runFaultCycles(
        { current: () => emu },
        {
          slug: "throttled-out",
          fault: "throttled for longer than the create timeout (2 s)",
          faults: { script: [{ fault: "throttle", action: "InvokeCommand", count: 100_000 }] },
          createTimeout: "2s",
          ups: 1,
        },
        CYCLES,
      );
      saveTally("throttled-out", { ...tally, result: `${tally.result}: "${tally.errors[0] ?? ""}"` });
      expect([tally.runs, tally.lost, tally.concurrent, tally.secretsShown]).toEqual([0, 0, 0, 0]);
      // The cycles share one provider process, whose request budget has learnt to wait out the
      // throttling: later cycles may get only one attempt in before their 2 s timeout.
      expect(tally.errors.length).toBeGreaterThan(0);
      for (const error of tally.errors) {
        expect(error).toMatch(
          /^InvokeCommand (after \d+ attempts over [\d.]+s )?failed: Throttling\.User: Request was denied due to user flow control\. \(RequestId: /,
        );
      }
      expect(tally.errors.some((error) => /after \d+ attempts/.test(error))).toBe(true);
    } finally {
      await emu.close();
    }
  });
});

describe("the emulator restarted while create waits", () => {
  it("reports the interrupted run once, recorded in state, and never runs it twice", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "emulator-restart-"));
    let emu = await emulator({ dataDir });
    const port = emu.port;
    try {
      const restart = async (commandId: string) => {
        await eventually(
          async () =>
            Object.values(emu.store.state.regions["cn-hangzhou"]!.invocations).find((i) => i.commandId === commandId && i.instances[0]!.status === "Running"),
          30_000,
        );
        await emu.close();
        emu = await emulator({ dataDir, port });
      };
      const tally = await runFaultCycles(
        { current: () => emu },
        {
          slug: "restart",
          fault: "the emulator restarted while create waits",
          faults: {},
          content: "sleep 2; echo run",
          duringWait: restart,
          ups: 1,
        },
        CYCLES,
      );
      saveTally("restart", tally);
      expectNeverTwiceNeverLost(tally);
      expect(tally.result).toBe(`${CYCLES} recorded as failed`);
      expect(tally.errors).toEqual([expect.stringContaining("ended Failed (1 of 1 instances did not succeed)")]);
    } finally {
      await emu.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
