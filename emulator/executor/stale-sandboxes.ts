import { readdirSync, rmSync } from "node:fs";
import { join } from "node:path";

/** The temp folder name of an emulator without a data dir: `ecs-emulator-<pid>-<random>`. */
export const SANDBOX_PREFIX = "ecs-emulator-";

/**
 * Removes the temp folders of emulators whose process is gone. Each emulator removes its own on
 * close; one whose process died first (a test runner out of memory, a kill -9) cannot, so the next
 * emulator to start on the machine does.
 */
export function removeStaleSandboxes(dir: string): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const pid = Number(/^ecs-emulator-(\d+)-[0-9a-f]+$/.exec(name)?.[1]);
    if (!pid || pid === process.pid || alive(pid)) continue;
    rmSync(join(dir, name), { recursive: true, force: true });
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, under another user.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
