import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { join } from "node:path";

const ROOT = join(__dirname, "..");

describe("the project's shell scripts", () => {
  it("pass ShellCheck: everything under scripts/ and .ci/run", () => {
    const shellcheck = process.env["SHELLCHECK"];
    if (!shellcheck) throw new Error("ShellCheck is installed by scripts/ensure-shellcheck: run this with `npm test` or scripts/jest.");
    const files = [...readdirSync(join(ROOT, "scripts")).map((name) => join("scripts", name)), join(".ci", "run")];
    expect(files.length).toBeGreaterThan(10);
    // Sourced files are named from the repository root (`# shellcheck source=scripts/env.sh`).
    const run = spawnSync(shellcheck, ["-x", "--source-path=SCRIPTDIR/..", ...files], { cwd: ROOT, encoding: "utf8" });
    expect(run.stdout + run.stderr).toBe("");
    expect(run.status).toBe(0);
  });
});
