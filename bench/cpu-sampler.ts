/**
 * CPU time per process of one CLI command, read from /proc: every process under this one (the
 * CLI and what it starts — language host, program, provider host or plugin) sampled every 20 ms,
 * the last reading of each kept; this process's own CPU (the in-process emulator answering calls);
 * and, from this process's reaped-children total, what the sampled tree does not explain: the
 * emulator's short-lived shells (with no shell started, that rest is the sampling's own error).
 */
import { readdirSync, readFileSync } from "node:fs";

/** Linux's clock ticks per second for /proc CPU fields (USER_HZ). */
const TICKS_PER_SECOND = 100;

export type ProcessKind = "engine" | "language host" | "program" | "provider" | "other";

export interface CpuBreakdown {
  /** CPU ms by kind of process in the CLI's tree. */
  tree: Record<ProcessKind, number>;
  /** CPU ms of this process (the emulator, and the bench harness, which is idle meanwhile). */
  emulator: number;
  /** CPU ms of reaped children the tree's samples do not explain: the emulator's shells. */
  shells: number;
}

function kindOf(cmdline: string): ProcessKind {
  if (/cmd\/dynamic-provider|plugin\/main\.js|noop-plugin\/main\.js|pulumi-resource-/.test(cmdline)) return "provider";
  if (/cmd\/run|exec\.py/.test(cmdline)) return "program";
  if (/pulumi-language-/.test(cmdline)) return "language host";
  if (/(^|\/)pulumi\0/.test(cmdline)) return "engine";
  return "other";
}

/** utime + stime and the parent of a process, or undefined once it is gone. */
function stat(pid: string): { ppid: number; cpuMs: number; reapedMs: number } | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name (field 2) may hold spaces: fields are counted after its closing parenthesis.
    const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
    const ticks = (i: number) => Number(fields[i - 3]);
    return { ppid: ticks(4), cpuMs: ((ticks(14) + ticks(15)) * 1000) / TICKS_PER_SECOND, reapedMs: ((ticks(16) + ticks(17)) * 1000) / TICKS_PER_SECOND };
  } catch {
    return undefined;
  }
}

/** Starts sampling; `stop` (after the command ended) returns the breakdown. */
export function watchCpu(everyMs = 20): { stop(): CpuBreakdown } {
  const self = String(process.pid);
  const last = new Map<string, { kind: ProcessKind; cpuMs: number }>();
  const ownStart = process.cpuUsage();
  const reapedStart = stat(self)!.reapedMs;
  const sample = (): void => {
    const parents = new Map<string, string>();
    const cpu = new Map<string, number>();
    for (const pid of readdirSync("/proc")) {
      if (!/^\d+$/.test(pid)) continue;
      const s = stat(pid);
      if (!s) continue;
      parents.set(pid, String(s.ppid));
      cpu.set(pid, s.cpuMs);
    }
    for (const [pid, cpuMs] of cpu) {
      let up = parents.get(pid);
      while (up && up !== self && up !== "0" && up !== "1") up = parents.get(up);
      if (up !== self) continue;
      // Read anew every time: a process sampled between its fork and its exec shows its parent's
      // command line (a plugin would be counted as the engine for good).
      const kind = commandKind(pid) ?? last.get(pid)?.kind;
      // This process's own children are the CLI and the emulator's shells: only the CLI's tree is sampled.
      if (!kind || (parents.get(pid) === self && kind !== "engine")) continue;
      last.set(pid, { kind, cpuMs });
    }
  };
  const timer = setInterval(sample, everyMs);
  return {
    stop() {
      clearInterval(timer);
      const tree: Record<ProcessKind, number> = { engine: 0, "language host": 0, program: 0, provider: 0, other: 0 };
      for (const { kind, cpuMs } of last.values()) tree[kind] += cpuMs;
      const own = process.cpuUsage(ownStart);
      const reaped = stat(self)!.reapedMs - reapedStart;
      const sampled = Object.values(tree).reduce((a, b) => a + b, 0);
      return { tree, emulator: (own.user + own.system) / 1000, shells: Math.max(0, reaped - sampled) };
    },
  };
}

/** The kind of a running process, from its command line; undefined once it is gone (a zombie's is empty). */
function commandKind(pid: string): ProcessKind | undefined {
  try {
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, "utf8");
    return cmdline ? kindOf(cmdline) : undefined;
  } catch {
    return undefined;
  }
}
