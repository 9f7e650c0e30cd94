import type { RunningEmulator } from "../../emulator";
import type { Invocation } from "../../emulator/model/types";

/** One execution of a command on one instance, as the emulator ran it. */
export interface Run {
  invokeId: string;
  instanceId: string;
  start: number;
  /** When it ended; still running runs end "now". */
  end: number;
}

/** Every execution the emulator started for invocations of `commandId` (all regions), oldest first. */
export function runsOf(emu: RunningEmulator, commandId: string): Run[] {
  return runsWhere(emu, (invocation) => invocation.commandId === commandId);
}

/** Every execution the emulator started for the invocations `select` picks (all regions), oldest first. */
export function runsWhere(emu: RunningEmulator, select: (invocation: Invocation) => boolean): Run[] {
  const now = Date.now();
  const runs: Run[] = [];
  for (const region of Object.values(emu.store.state.regions)) {
    for (const invocation of Object.values(region.invocations)) {
      if (!select(invocation)) continue;
      const executions = [...invocation.history, ...invocation.instances];
      for (const execution of executions) {
        if (execution.startTime === null) continue;
        const duplicate = runs.some((r) => r.invokeId === invocation.invokeId && r.instanceId === execution.instanceId && r.start === execution.startTime);
        if (!duplicate)
          runs.push({ invokeId: invocation.invokeId, instanceId: execution.instanceId, start: execution.startTime, end: execution.finishTime ?? now });
      }
    }
  }
  return runs.sort((a, b) => a.start - b.start);
}

/** Pairs of runs of different invocations on the same instance that overlapped in time. */
export function concurrentRuns(runs: readonly Run[]): [Run, Run][] {
  const pairs: [Run, Run][] = [];
  runs.forEach((a, i) => {
    for (const b of runs.slice(i + 1)) {
      if (a.instanceId === b.instanceId && a.invokeId !== b.invokeId && a.start < b.end && b.start < a.end) pairs.push([a, b]);
    }
  });
  return pairs;
}
