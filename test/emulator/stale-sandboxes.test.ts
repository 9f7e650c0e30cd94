import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { removeStaleSandboxes } from "../../emulator/executor/stale-sandboxes";

describe("temp folders of emulators whose process died", () => {
  it("are removed by the next emulator; its own and live ones stay", () => {
    const dir = mkdtempSync(join(tmpdir(), "stale-sandboxes-"));
    try {
      // A process that has exited: its pid names no process now.
      const gone = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" }).stdout;
      for (const name of [`ecs-emulator-${gone}-0a1b2c3d`, `ecs-emulator-${process.pid}-0a1b2c3d`, "ecs-emulator-1-0a1b2c3d", "unrelated-123"]) {
        mkdirSync(join(dir, name, "i-linux0000000000001"), { recursive: true });
      }
      removeStaleSandboxes(dir);
      expect(
        [`ecs-emulator-${gone}-0a1b2c3d`, `ecs-emulator-${process.pid}-0a1b2c3d`, "ecs-emulator-1-0a1b2c3d", "unrelated-123"].map((n) =>
          existsSync(join(dir, n)),
        ),
      ).toEqual([false, true, true, true]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
