/** The bench's view of other processes: a child emulator, and peak memory read from /proc. */
import { type ChildProcess, spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

export interface ChildEmulator {
  url: string;
  pid: number;
  accessKeys: { accessKeyId: string; accessKeySecret: string }[];
  control<T>(method: string, path: string, body?: unknown): Promise<T>;
  stop(): Promise<void>;
}

/** The built emulator (`ecs-emulator`) in a process of its own, so its memory is its own. */
export async function childEmulator(): Promise<ChildEmulator> {
  const child: ChildProcess = spawn(process.execPath, [join(__dirname, "..", "dist", "emulator", "cli.js"), "--port", "0"], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  // The first lines name the address and this run's own key pair.
  const { url, accessKeyId, accessKeySecret } = await new Promise<{ url: string; accessKeyId: string; accessKeySecret: string }>((resolve, reject) => {
    let text = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      text += chunk.toString();
      const match = /listening on (\S+)\n[\s\S]*access key id: (\S+)\naccess key secret: (\S+)\n/.exec(text);
      if (match) resolve({ url: match[1]!, accessKeyId: match[2]!, accessKeySecret: match[3]! });
    });
    child.on("exit", (code) => reject(new Error(`the emulator exited (${code}) before listening`)));
  });
  const control = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${url}/_emulator/${path}`, { method, body: body === undefined ? undefined : JSON.stringify(body) });
    return (await response.json()) as T;
  };
  return {
    url,
    pid: child.pid!,
    accessKeys: [{ accessKeyId, accessKeySecret }],
    control,
    stop: () =>
      new Promise((resolve) => {
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

/** Peak resident memory (VmHWM) of a process, in MiB; undefined once it is gone. */
export function peakMemoryMiB(pid: number): number | undefined {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Watches for processes whose command line contains `marker` (the dynamic provider host) and
 * keeps the highest peak memory seen among them until `stop`.
 */
export function watchPeakMemory(marker: string, everyMs = 100): { stop(): number } {
  let peak = 0;
  const sample = (): void => {
    for (const entry of readdirSync("/proc")) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        if (!readFileSync(`/proc/${entry}/cmdline`, "utf8").includes(marker)) continue;
      } catch {
        continue;
      }
      peak = Math.max(peak, peakMemoryMiB(Number(entry)) ?? 0);
    }
  };
  const timer = setInterval(sample, everyMs);
  return {
    stop() {
      clearInterval(timer);
      sample();
      return peak;
    },
  };
}
