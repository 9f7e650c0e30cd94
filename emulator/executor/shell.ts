import { type ChildProcess, spawn } from "node:child_process";

export const OUTPUT_LIMIT_BYTES = 24 * 1024;

export interface ShellResult {
  exitCode: number | null;
  outputBase64: string;
  dropped: number;
  /** Every byte written, with `keepAll` (for OSS delivery, which is not bound by the 24 KB). */
  fullOutput?: Buffer;
}

export interface ShellRun {
  /** Resolves when the process has exited (or was killed). */
  readonly done: Promise<ShellResult>;
  /** Kills the shell only (`Process`) or its whole process group (`ProcessTree`). */
  kill(mode: "Process" | "ProcessTree"): void;
}

/**
 * Runs `/bin/sh -c command` in its own process group, capturing stdout and stderr interleaved up to
 * the API's 24 KB output limit; bytes beyond it are counted, not kept. `onOutput` hears what is
 * kept so far after each chunk.
 */
export function runShell(command: string, cwd: string, env: NodeJS.ProcessEnv, keepAll = false, onOutput?: (kept: Buffer) => void): ShellRun {
  const child: ChildProcess = spawn("/bin/sh", ["-c", command], { cwd, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  const chunks: Buffer[] = [];
  const everything: Buffer[] = [];
  let kept = 0;
  let dropped = 0;
  const collect = (chunk: Buffer): void => {
    if (keepAll) everything.push(chunk);
    const room = OUTPUT_LIMIT_BYTES - kept;
    if (room > 0) {
      const part = chunk.subarray(0, room);
      chunks.push(part);
      kept += part.length;
    }
    dropped += Math.max(0, chunk.length - Math.max(0, room));
    // What a running execution has written so far is readable while it runs, as in the service.
    if (onOutput && room > 0) onOutput(Buffer.concat(chunks));
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  let killed = false;
  const done = new Promise<ShellResult>((resolve) => {
    // Kept as the bytes written: binary output must survive ContentEncoding=Base64 unchanged.
    const finish = (code: number | null): void =>
      resolve({
        exitCode: code,
        outputBase64: Buffer.concat(chunks).toString("base64"),
        dropped,
        ...(keepAll ? { fullOutput: Buffer.concat(everything) } : {}),
      });
    child.on("error", (error) => resolve({ exitCode: null, outputBase64: Buffer.from(String(error)).toString("base64"), dropped: 0 }));
    child.on("close", (code) => finish(code));
    // After a kill in Process mode, orphaned children may keep the pipes open: do not wait for them.
    child.on("exit", (code) => {
      if (!killed) return;
      child.stdout?.destroy();
      child.stderr?.destroy();
      finish(code);
    });
  });
  return {
    done,
    kill(mode) {
      if (child.pid === undefined || child.exitCode !== null) return;
      killed = true;
      try {
        if (mode === "ProcessTree") process.kill(-child.pid, "SIGKILL");
        else child.kill("SIGKILL");
      } catch {
        // Already gone.
      }
    },
  };
}
