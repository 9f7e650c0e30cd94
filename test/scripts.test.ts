import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
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

describe("what each command installs", () => {
  /** The steps a setup function of scripts/env.sh takes, each replaced by a stub that names itself. */
  function stepsOf(setup: string): string[] {
    const steps = [
      "ensure_node",
      "ensure_node_modules",
      "ensure_pulumi",
      "ensure_pulumi_yaml",
      "ensure_conformance_clients",
      "ensure_sdk_checkers",
      "ensure_shellcheck",
      "ensure_chromium",
      "pulumi_environment",
      "build_package",
    ];
    const stubs = steps.map((step) => `${step}() { echo ${step}; }`).join("; ");
    const run = spawnSync("bash", ["-c", `source scripts/env.sh; ${stubs}; ${setup}`], {
      cwd: ROOT,
      encoding: "utf8",
      env: { ...process.env, PULUMI_ECS_SKIP_BUILD: "" },
    });
    expect(run.stderr).toBe("");
    return run.stdout.trim().split("\n");
  }

  it("`npm run demo` installs only what the demo needs: no YAML host, conformance clients, SDK checkers, ShellCheck or Chromium", () => {
    expect(readFileSync(join(ROOT, "scripts", "demo"), "utf8")).toMatch(/^setup_demo$/m);
    expect(stepsOf("setup_demo")).toEqual(["ensure_node", "ensure_node_modules", "ensure_pulumi", "pulumi_environment", "build_package"]);
  });

  it("`npm test` installs everything its suites drive", () => {
    expect(stepsOf("setup_all")).toEqual(
      expect.arrayContaining(["ensure_pulumi_yaml", "ensure_conformance_clients", "ensure_sdk_checkers", "ensure_shellcheck", "ensure_chromium"]),
    );
  });
});
