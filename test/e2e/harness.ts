import { execFile, spawn } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { RunningEmulator } from "../../emulator";
import { PACKAGE_NAME } from "../../provider/package/identity";

export const ROOT = resolve(__dirname, "../..");
const WORK = join(ROOT, ".build", "e2e");

/**
 * Where a project's provider calls go: an emulator, or (the acceptance suite against the real
 * cloud) a region with credentials. Without a key pair the provider's own chain supplies them
 * (ALICLOUD_ACCESS_KEY / ALICLOUD_PROFILE in the environment, which the CLI passes on).
 */
export interface CloudConnection {
  region: string;
  /** The ECS endpoint; the region's public one when absent. */
  endpoint?: string;
  accessKeyId?: string;
  accessKeySecret?: string;
}

/** The connection an emulator stands for: its first key pair, in cn-hangzhou. */
export function emulatorConnection(emu: RunningEmulator): CloudConnection {
  const key = emu.accessKeys[0]!;
  return { region: "cn-hangzhou", endpoint: emu.url, accessKeyId: key.accessKeyId, accessKeySecret: key.accessKeySecret };
}

/** A CLI command running in the background (see PulumiProject.start). */
export interface RunningCli {
  done: Promise<CliResult>;
  /** SIGKILL for the CLI and every process it started, as a dying CI runner. */
  kill: () => void;
  /** SIGKILL for the CLI alone: its plugins are left to notice by themselves. */
  killCliOnly: () => void;
  pid: number;
  output: () => string;
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout and stderr together, for assertions on what a user sees. */
  output: string;
}

/**
 * A Pulumi project driven through the real `pulumi` CLI with a private file backend, pointed at an
 * emulator. The program imports `pulumi-ecs-invocation` by name from examples/node_modules (the
 * package as `npm pack` builds it), like a user's program.
 */
export class PulumiProject {
  readonly dir: string;
  readonly stack = "e2e";

  /** The project name from Pulumi.yaml (the state file is stored under it). */
  projectName = "";

  /**
   * Values this project was given as secrets (access key secret, tokens, parameters). Every CLI
   * output and the state file after every command are scanned for them: a hit fails the test.
   */
  private readonly secrets = new Set<string>();

  private constructor(readonly name: string) {
    this.dir = join(WORK, `${name}-${process.pid}-${Date.now().toString(36)}`);
  }

  /**
   * A project from a program directory (an example, or a fixture under test/e2e/programs). With
   * `native`, its resources come from the provider plugin: its configuration keys are the
   * plugin's (`alicloud-ecs-invocation:*`), and Pulumi.yaml points at this checkout's plugin
   * (unless `pluginPath: false`: then an installed plugin serves it; a folder: the plugin in it).
   */
  static async from(
    programDir: string,
    name: string,
    target: RunningEmulator | CloudConnection,
    options: { native?: boolean; pluginPath?: boolean | string } = {},
  ): Promise<PulumiProject> {
    if (!process.env["PULUMI_BIN_DIR"]) {
      throw new Error("End-to-end tests need the Pulumi CLI: run them with `npm test` (scripts/test builds or finds it).");
    }
    mkdirSync(WORK, { recursive: true });
    const modules = join(WORK, "node_modules");
    if (!existsSync(modules)) symlinkSync(join(ROOT, "examples", "node_modules"), modules, "dir");
    const project = new PulumiProject(name);
    cpSync(programDir, project.dir, { recursive: true, filter: (src) => !/node_modules|Pulumi\.[^/]*\.yaml$/.test(src) });
    if (!existsSync(join(project.dir, "Pulumi.yaml"))) {
      writeFileSync(join(project.dir, "Pulumi.yaml"), `name: ${name}\nruntime: nodejs\n`);
    }
    // Like any Node project, it has its own package.json; without one the runner would walk up to
    // this repository's package.json and run its `exports` entry as the program.
    if (!existsSync(join(project.dir, "package.json"))) {
      writeFileSync(join(project.dir, "package.json"), JSON.stringify({ name: `e2e-${name}`, private: true }));
    }
    if (options.native && options.pluginPath !== false) {
      usePluginOfThisCheckout(join(project.dir, "Pulumi.yaml"), typeof options.pluginPath === "string" ? options.pluginPath : undefined);
    }
    project.projectName = /^name:\s*(\S+)/m.exec(readFileSync(join(project.dir, "Pulumi.yaml"), "utf8"))?.[1] ?? name;
    mkdirSync(join(project.dir, ".state"), { recursive: true });
    await project.pulumi(["stack", "init", project.stack], { check: true });
    // Read, not `in`: a file's emulator is a forwarding proxy (test/support/emulator.ts).
    const emu = (target as Partial<RunningEmulator>).accessKeys ? (target as RunningEmulator) : undefined;
    const connection = emu ? emulatorConnection(emu) : (target as CloudConnection);
    const namespace = options.native ? PACKAGE_NAME : "alicloud";
    // One `config set-all` instead of a CLI run per key: every end-to-end test starts here.
    await project.configAll([
      { key: `${namespace}:region`, value: connection.region },
      ...(connection.endpoint ? [{ key: `${namespace}:ecsEndpoint`, value: connection.endpoint }] : []),
      ...(connection.accessKeyId && connection.accessKeySecret
        ? [
            { key: `${namespace}:accessKey`, value: connection.accessKeyId, secret: true },
            { key: `${namespace}:secretKey`, value: connection.accessKeySecret, secret: true },
          ]
        : []),
    ]);
    return project;
  }

  config(key: string, value: string, secret = false): Promise<void> {
    return this.configAll([{ key, value, secret }]);
  }

  /** Several keys in one CLI run (`pulumi config set-all`). */
  async configAll(entries: { key: string; value: string; secret?: boolean }[]): Promise<void> {
    // A value set in plain text is the user's choice (and warned about): it is no longer scanned for.
    for (const { value, secret } of entries) {
      if (secret) this.secrets.add(value);
      else this.secrets.delete(value);
    }
    const flags = entries.flatMap(({ key, value, secret }) => [secret ? "--secret" : "--plaintext", `${key}=${value}`]);
    await this.pulumi(["config", "set-all", ...flags], { check: true });
  }

  /** Fails when a secret shows in plain text in `text` (CLI output, a state file). */
  private scanForSecrets(where: string, text: string): void {
    for (const secret of this.secrets) {
      if (text.includes(secret)) throw new Error(`a secret value of project ${this.name} appeared in plain text in ${where}`);
    }
  }

  private scanResult(args: string[], result: CliResult): void {
    // --show-secrets asks for them; `config set` echoes nothing but is where they are given.
    if (!args.includes("--show-secrets") && args[0] !== "config") this.scanForSecrets(`the output of pulumi ${args[0]}`, result.output);
    // The state, its history and its backups: a secret in plain text in any of them is a leak.
    for (const file of filesUnder(join(this.dir, ".state", ".pulumi"))) this.scanForSecrets(`the state's ${file}`, readFileSync(file, "utf8"));
  }

  /** Sets the `spec` config read by test/e2e/programs/spec. */
  async spec(spec: unknown): Promise<void> {
    await this.config("spec", JSON.stringify(spec));
  }

  up(extra: string[] = []): Promise<CliResult> {
    return this.pulumi(["up", "--yes", "--skip-preview", ...extra]);
  }

  preview(extra: string[] = []): Promise<CliResult> {
    return this.pulumi(["preview", ...extra]);
  }

  refresh(): Promise<CliResult> {
    return this.pulumi(["refresh", "--yes", "--skip-preview"]);
  }

  destroy(): Promise<CliResult> {
    return this.pulumi(["destroy", "--yes", "--skip-preview"]);
  }

  async outputs<T = Record<string, unknown>>(): Promise<T> {
    return JSON.parse((await this.pulumi(["stack", "output", "--json", "--show-secrets"], { check: true })).stdout) as T;
  }

  /** The raw state file as stored by the backend (what a leak would show up in). */
  rawState(): string {
    return readFileSync(join(this.dir, ".state", ".pulumi", "stacks", this.projectName, `${this.stack}.json`), "utf8");
  }

  async exportState(): Promise<{
    deployment: {
      resources: { urn: string; type: string; id?: string; outputs?: Record<string, unknown>; inputs?: Record<string, unknown>; initErrors?: string[] }[];
    };
  }> {
    return JSON.parse((await this.pulumi(["stack", "export"], { check: true })).stdout);
  }

  /** Destroys what is left, removes the stack and the project directory. */
  async dispose(): Promise<void> {
    try {
      await this.destroy();
      await this.pulumi(["stack", "rm", "--yes", "--force"]);
    } finally {
      // Also when the destroy failed the test (a secret found in its output): nothing is left behind.
      rmSync(this.dir, { recursive: true, force: true });
    }
  }

  /**
   * Starts `pulumi up` in its own process group, as a CI runner starts it, so a test can kill the
   * whole group (CLI, language host, provider host) the way a dying runner does.
   */
  startUp(extra: string[] = []): RunningCli {
    return this.start(["up", "--yes", "--skip-preview", ...extra]);
  }

  /** Starts any CLI command as startUp does (e.g. a destroy to kill while its cleanup runs). */
  start(args: string[]): RunningCli {
    const child = spawn("pulumi", [...args, "--non-interactive", "--color", "never", "--stack", this.stack], {
      cwd: this.dir,
      env: this.environment(),
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const done = new Promise<CliResult>((resolvePromise, reject) => {
      child.on("close", (code, signal) => {
        const result = { code: code ?? (signal ? 137 : 1), stdout, stderr, output: `${stdout}\n${stderr}` };
        try {
          this.scanResult(args, result);
          resolvePromise(result);
        } catch (error) {
          reject(error);
        }
      });
    });
    return { done, kill: () => killTree(child.pid!), killCliOnly: () => child.kill("SIGKILL"), pid: child.pid!, output: () => `${stdout}\n${stderr}` };
  }

  pulumi(args: string[], options: { check?: boolean } = {}): Promise<CliResult> {
    const env = this.environment();
    return new Promise((resolvePromise, reject) => {
      // `stack init` names its stack itself; `plugin` commands have no stack.
      const stackFlag = (args[0] === "stack" && args[1] === "init") || args[0] === "plugin" ? [] : ["--stack", this.stack];
      execFile(
        "pulumi",
        [...args, "--non-interactive", "--color", "never", ...stackFlag],
        { cwd: this.dir, env, maxBuffer: 64 * 1024 * 1024, timeout: 300_000 },
        (error, stdout, stderr) => {
          const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
          const result = { code, stdout, stderr, output: `${stdout}\n${stderr}` };
          try {
            this.scanResult(args, result);
          } catch (leak) {
            reject(leak);
            return;
          }
          if (options.check && code !== 0) reject(new Error(`pulumi ${args.join(" ")} failed (${code}):\n${result.output}`));
          else resolvePromise(result);
        },
      );
    });
  }

  /** Environment of this project's CLI runs beyond the defaults below; an undefined value removes one. */
  readonly env: Record<string, string | undefined> = {};

  private environment(): NodeJS.ProcessEnv {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      // The pipeline recipe's file backend URL: without `metadata=skip` the store rewrites a metadata
      // file beside the state in place, and a test's kill -9 can leave it empty (docs/pipelines.md).
      PULUMI_BACKEND_URL: `file://${join(this.dir, ".state")}?metadata=skip`,
      PULUMI_CONFIG_PASSPHRASE: "e2e-passphrase",
      PULUMI_SKIP_UPDATE_CHECK: "true",
      PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
      // Examples are type-checked once by test/examples-typecheck.test.ts; here only transpile.
      PULUMI_NODEJS_TRANSPILE_ONLY: "true",
      NO_COLOR: "1",
      ...this.env,
    };
    for (const [key, value] of Object.entries(this.env)) if (value === undefined) delete env[key];
    return env;
  }
}

/**
 * SIGKILL for a process and everything it started, as a dying CI runner takes them all. The CLI's
 * plugins (language host, provider host) run in process groups of their own, so killing the
 * CLI's group would leave them behind: the tree is read from /proc first.
 */
function killTree(root: number): void {
  for (const pid of processTree(root)) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // Already gone.
    }
  }
}

/** `root` and every process it started, read from /proc (parents before their children). */
export function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // The process ended while the table was read.
    }
  }
  const tree: number[] = [];
  const visit = (pid: number): void => {
    tree.push(pid);
    for (const child of children.get(pid) ?? []) visit(child);
  };
  visit(root);
  return tree;
}

/** Every file under `dir` (none when it does not exist). */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

/** Points the project's `plugins.providers` entry at a plugin folder (this checkout's bin/), adding one if missing. */
function usePluginOfThisCheckout(file: string, pluginDir = join(ROOT, "bin")): void {
  const text = readFileSync(file, "utf8");
  if (/^plugins:/m.test(text)) writeFileSync(file, text.replace(/(name: alicloud-ecs-invocation\s+path:) .*/, `$1 ${pluginDir}`));
  else writeFileSync(file, `${text.trimEnd()}\nplugins:\n  providers:\n    - name: ${PACKAGE_NAME}\n      path: ${pluginDir}\n`);
}

/** The project name a program directory declares, for examples that ship their own Pulumi.yaml. */
export function exampleDir(name: string): string {
  return join(ROOT, "examples", name);
}

export const SPEC_PROGRAM = join(__dirname, "programs", "spec");

/** Runs the built `ecs-import` with the cloud settings of `env` (ALICLOUD_*). */
export function runEcsImportWith(env: NodeJS.ProcessEnv, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [join(ROOT, "dist", "provider", "import", "cli.js"), ...args], { env }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}
