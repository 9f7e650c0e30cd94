import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { emulatorForFile } from "../support/emulator";
import { PulumiProject, ROOT } from "./harness";
import { LINUX } from "./support";

jest.setTimeout(600_000);

const emu = emulatorForFile();
const run = promisify(execFile);

describe("the plugin tarball, installed as users install providers", () => {
  it("`pulumi plugin install --file` accepts it, and a program with no plugin path runs on the installed plugin", async () => {
    const { stdout } = await run("bash", [join(ROOT, "scripts", "package-plugin")], { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 });
    const tarball = stdout.trim().split("\n").pop()!;
    const listing = (await run("tar", ["-tvzf", tarball], { maxBuffer: 64 * 1024 * 1024 })).stdout;
    expect(listing.split("\n").filter((line) => line.startsWith("l"))).toEqual([]);
    expect(listing).toContain("./pulumi-resource-alicloud-ecs-invocation");

    const version = require(join(ROOT, "package.json")).version as string;
    const dir = mkdtempSync(join(tmpdir(), "package-install-"));
    mkdirSync(join(dir, "program"));
    writeFileSync(
      join(dir, "program", "Pulumi.yaml"),
      [
        "name: installed-plugin",
        "runtime: yaml",
        "resources:",
        "  hello:",
        "    type: alicloud-ecs-invocation:EcsCommand",
        "    properties: { name: hello, type: RunShellScript, commandContent: 'echo installed' }",
        "  run:",
        "    type: alicloud-ecs-invocation:EcsInvocation",
        "    properties:",
        // biome-ignore lint/suspicious/noTemplateCurlyInString: the YAML program's own interpolation.
        "      commandId: ${hello.id}",
        `      instanceIds: [${LINUX[0]}]`,
        "outputs:",
        // biome-ignore lint/suspicious/noTemplateCurlyInString: the YAML program's own interpolation.
        "  output: ${run.instances[0].output}",
        "",
      ].join("\n"),
    );
    // Configured like a native project, but Pulumi.yaml keeps no plugin path: the installed plugin serves it.
    const project = await PulumiProject.from(join(dir, "program"), "installed-plugin", emu, { native: true, pluginPath: false });
    try {
      const install = await project.pulumi(["plugin", "install", "resource", "alicloud-ecs-invocation", version, "--file", tarball, "--reinstall"]);
      expect(install.code).toBe(0);
      const up = await project.up();
      expect([up.code, up.output]).toEqual([0, expect.not.stringContaining("from $PATH")]);
      expect(await project.outputs()).toEqual({ output: "installed\n" });
    } finally {
      await project.dispose();
      await project.pulumi(["plugin", "rm", "resource", "alicloud-ecs-invocation", version, "--yes"]);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
