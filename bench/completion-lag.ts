/**
 * P2 completion lag: from the moment the emulator marks a run finished to the moment create
 * returns, and the API calls one create makes, for commands of 0, 5 and 30 s. Beside it, the lag
 * and calls that Terraform's schedule implies: alicloud_ecs_invocation waits with a 5 s Delay and
 * StateChangeConf's polling (100 ms doubling, at least MinTimeout 3 s, at most 10 s apart), then
 * reads the resource once more.
 *
 * Our polls land on the clock's grid (waiter), so a run's lag depends on where in the slowest
 * step (5 s) it started: each figure's runs start at phases spread evenly across that step, not
 * wherever the run before left the clock (back to back, every run started at the same phase and
 * the median was that phase's lag). Beside it, the lag the schedule itself implies over 1,000
 * start phases, with the waiter driven on a simulated clock.
 */
import * as $Ecs from "@alicloud/ecs20140526";
import type { RunningEmulator } from "../emulator";
import { waitFor } from "../provider/cloud/waiter";
import { create } from "../provider/lifecycle/invocation-lifecycle";
import { RUN_POLLING } from "../provider/lifecycle/run/await-run";
import { overrideRuntime } from "../provider/lifecycle/runtime";
import { sdkClient } from "../test/support/emulator";
import { configureFor } from "../test/support/provider";
import { measured, type Row } from "./stats";

/** Terraform's poll times (s after InvokeCommand) up to `horizon`. */
function terraformPolls(horizon: number): number[] {
  const polls = [5];
  let wait = 0.1;
  while (polls[polls.length - 1]! < horizon) {
    wait *= 2;
    polls.push(polls[polls.length - 1]! + Math.min(10, Math.max(3, wait)));
  }
  return polls;
}

/** For a command taking `seconds`: Terraform's lag after it finished, and its calls (invoke, polls, final read). */
export function terraformSchedule(seconds: number): { lagMs: number; calls: number } {
  const polls = terraformPolls(seconds + 60);
  // The run ends just after `seconds`: a poll at that very instant still sees it running.
  const seen = polls.findIndex((at) => at > seconds);
  return { lagMs: (polls[seen]! - seconds) * 1000, calls: 1 + (seen + 1) + 1 };
}

/**
 * The lag our polling schedule implies for a run of `seconds` started at each of `phases` points
 * spread over the slowest step: the product's waiter on a clock that only the sleeps move.
 */
export async function scheduleLags(seconds: number, phases: number): Promise<number[]> {
  const step = RUN_POLLING.maxIntervalMs;
  const lags: number[] = [];
  for (let i = 0; i < phases; i++) {
    // A start well away from the epoch, at phase i/phases of the slowest step.
    const start = 1_000 * step + (i / phases) * step;
    const end = start + seconds * 1000;
    let now = start;
    const timing = {
      now: () => now,
      sleep: async (ms: number) => {
        now += ms;
      },
      random: () => 0.5,
    };
    await waitFor({ ...RUN_POLLING, poll: async () => now, done: (at) => at >= end, deadline: start + 3_600_000, timing });
    lags.push(now - end);
  }
  return lags;
}

/** Until the clock is `fraction` of the way through the slowest polling step's grid. */
async function startAtPhase(fraction: number): Promise<void> {
  const step = RUN_POLLING.maxIntervalMs;
  const wait = (((fraction * step - (Date.now() % step)) % step) + step) % step;
  await new Promise((resolve) => setTimeout(resolve, wait));
}

export async function completionLag(emu: RunningEmulator, durations: number[], reps: number, log: (line: string) => void): Promise<Row[]> {
  configureFor(emu);
  const restore = overrideRuntime({ progress: () => undefined, warn: () => undefined });
  const ecs = sdkClient(emu);
  const rows: Row[] = [];
  try {
    for (const seconds of durations) {
      const commandId = (
        await ecs.createCommand(
          new $Ecs.CreateCommandRequest({
            regionId: "cn-hangzhou",
            name: `lag-${seconds}`,
            type: "RunShellScript",
            commandContent: Buffer.from(seconds ? `sleep ${seconds}` : "true").toString("base64"),
          }),
        )
      ).body!.commandId!;
      const lags: number[] = [];
      const calls: number[] = [];
      for (let rep = 0; rep < reps; rep++) {
        // Counted from an empty log: the log keeps only its latest entries (after P1 it is full).
        emu.requestLog.length = 0;
        await startAtPhase((rep + 0.5) / reps);
        const { id } = await create({
          commandId,
          instanceIds: ["i-linux0000000000001"],
          timeouts: { create: "5m" },
          __provider: "bench",
          __urn: `urn:pulumi:bench::lag::pulumi-nodejs:dynamic/alicloud:EcsInvocation::lag-${seconds}-${rep}`,
        } as never);
        const returned = Date.now();
        const finished = emu.store.region("cn-hangzhou").invocations[id]!.instances[0]!.finishTime!;
        lags.push(returned - finished);
        // The log was emptied before this create: all it holds is this create's calls.
        calls.push(emu.requestLog.length);
        log(`  P2 ${seconds}s #${rep + 1}: lag ${returned - finished} ms, ${emu.requestLog.length} calls`);
      }
      const terraform = terraformSchedule(seconds);
      const lagTarget = seconds === 0 ? 300 : 3000;
      const lag = measured(lags);
      rows.push({
        group: "P2 completion lag",
        name: `lag, ${seconds} s command`,
        value: lag,
        unit: "ms",
        baseline: measured([terraform.lagMs]),
        ratio: lag.median / terraform.lagMs,
        target: `≤ ${lagTarget} ms`,
        met: lag.median <= lagTarget,
        note: `baseline: Terraform's schedule; runs started at ${reps} phases spread over our slowest polling step (${RUN_POLLING.maxIntervalMs / 1000} s)`,
      });
      if (seconds > 0) {
        const implied = measured(await scheduleLags(seconds, 1000));
        rows.push({
          group: "P2 completion lag",
          name: `lag our polling schedule implies, ${seconds} s command`,
          value: implied,
          unit: "ms",
          note: "over 1,000 start phases: the waiter on a simulated clock (no emulator, no shell start)",
        });
      }
      const perCreate = measured(calls);
      rows.push({
        group: "P2 completion lag",
        name: `API calls per create, ${seconds} s command`,
        value: perCreate,
        unit: "calls",
        baseline: measured([terraform.calls]),
        ratio: perCreate.median / terraform.calls,
        ...(seconds === 30 ? { target: "≤ 15", met: perCreate.median <= 15 } : {}),
        note: "baseline: Terraform's schedule",
      });
    }
  } finally {
    restore();
  }
  return rows;
}
