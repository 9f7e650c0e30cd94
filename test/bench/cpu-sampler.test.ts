import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { watchCpu } from "../../bench/cpu-sampler";

describe("the bench's CPU sampler", () => {
  it("counts a plugin's CPU as the provider's even when it was first seen between its fork and its exec", async () => {
    // A stand-in CLI named `pulumi` forks a child that keeps the CLI's command line until it execs
    // a busy `pulumi-resource-…` process, as the engine starts a plugin.
    const dir = mkdtempSync(join(tmpdir(), "cpu-sampler-"));
    try {
      symlinkSync("/bin/sh", join(dir, "pulumi"));
      const busy = `const end = Date.now() + 400; while (Date.now() < end);`;
      // The plugin's name is put together by the shell: the CLI's own command line must not hold it.
      const script = `(sleep 0.2; exec "${process.execPath}" -e '${busy}' "pulumi-res""ource-probe") & wait`;
      const watch = watchCpu(10);
      await new Promise<void>((resolve, reject) => {
        const cli = spawn(join(dir, "pulumi"), ["-c", script], { stdio: "ignore" });
        cli.on("error", reject);
        cli.on("exit", () => resolve());
      });
      const { tree } = watch.stop();
      expect(tree.provider).toBeGreaterThan(tree.engine);
      expect(tree.provider).toBeGreaterThan(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
