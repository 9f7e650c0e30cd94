import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Ecs, * as $Ecs from "@alicloud/ecs20140526";
import { $OpenApiUtil } from "@alicloud/openapi-core";
import { DEFAULT_ACCESS_KEY } from "../../emulator";
import { optionsFrom, perRunSecret } from "../../emulator/cli";

const ROOT = join(__dirname, "..", "..");

/** Starts the emulator CLI as `npm run emulator` does; resolves with its URL from the first line once the start lines are out. */
function startCli(args: string[]): Promise<{ child: ChildProcess; url: string; firstLine: string; printed: string }> {
  const child = spawn(process.execPath, ["-r", "ts-node/register/transpile-only", join(ROOT, "emulator", "cli.ts"), ...args], { cwd: ROOT });
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split("\n")[0]!;
      if (/^access key secret: .*\n/m.test(out)) resolve({ child, url: line.replace("listening on ", ""), firstLine: line, printed: out });
    });
    child.on("exit", (code) => reject(new Error(`emulator exited with ${code}`)));
  });
}

describe("emulator command line", () => {
  it("prints where it listens first, and takes the fleet, keys and quota from flags", async () => {
    const dir = mkdtempSync(join(tmpdir(), "emulator-cli-"));
    writeFileSync(join(dir, "fleet.json"), JSON.stringify({ instances: [{ instanceId: "i-custom000000000001", instanceName: "custom" }] }));
    const { child, url, firstLine } = await startCli([
      "--port",
      "0",
      "--data-dir",
      join(dir, "data"),
      "--fleet",
      join(dir, "fleet.json"),
      "--access-key-id",
      "AK-CLI",
      "--access-key-secret",
      "SK-CLI",
      "--daily-invocation-quota",
      "0",
    ]);
    try {
      expect(firstLine).toMatch(/^listening on http:\/\/127\.0\.0\.1:\d+$/);
      const ecs = new Ecs(
        new $OpenApiUtil.Config({
          accessKeyId: "AK-CLI",
          accessKeySecret: "SK-CLI",
          endpoint: url.replace("http://", ""),
          protocol: "http",
          readTimeout: 5000,
          connectTimeout: 5000,
        }),
      );
      const instances = (await ecs.describeInstances(new $Ecs.DescribeInstancesRequest({ regionId: "cn-hangzhou" }))).body!.instances!.instance!;
      expect(instances.map((i) => [i.instanceId, i.instanceName])).toEqual([["i-custom000000000001", "custom"]]);
      const error = await ecs
        .runCommand(
          new $Ecs.RunCommandRequest({ regionId: "cn-hangzhou", type: "RunShellScript", commandContent: "true", instanceId: ["i-custom000000000001"] }),
        )
        .catch((e: { code: string }) => e);
      expect((error as { code: string }).code).toBe("Invocation.ExceedQuota");
    } finally {
      await new Promise((resolve) => {
        child.once("exit", resolve);
        child.kill("SIGTERM");
      });
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);

  it("prints this run's key pair at start; the documented secret is refused", async () => {
    const { child, url, printed } = await startCli(["--port", "0"]);
    try {
      const secret = /access key secret: (\S+)/.exec(printed)![1]!;
      expect(secret).not.toBe(DEFAULT_ACCESS_KEY.accessKeySecret);
      const client = (accessKeySecret: string) =>
        new Ecs(
          new $OpenApiUtil.Config({
            accessKeyId: DEFAULT_ACCESS_KEY.accessKeyId,
            accessKeySecret,
            endpoint: url.replace("http://", ""),
            protocol: "http",
            readTimeout: 5000,
            connectTimeout: 5000,
          }),
        );
      const request = new $Ecs.DescribeInstancesRequest({ regionId: "cn-hangzhou" });
      expect((await client(secret).describeInstances(request)).body!.instances!.instance!.length).toBeGreaterThan(0);
      const refused = await client(DEFAULT_ACCESS_KEY.accessKeySecret)
        .describeInstances(request)
        .catch((e: { code: string }) => e);
      expect((refused as { code: string }).code).toBe("SignatureDoesNotMatch");
    } finally {
      await new Promise((resolve) => {
        child.once("exit", resolve);
        child.kill("SIGTERM");
      });
    }
  }, 30_000);

  it("refuses an unknown flag", async () => {
    await expect(startCli(["--bogus", "1"])).rejects.toThrow("emulator exited with 2");
  }, 30_000);

  it("prints usage with every flag for --help, and says what a bad value should be", () => {
    const help = run(["--help"]);
    expect(help.status).toBe(0);
    for (const flag of [
      "--port PORT",
      "--host HOST",
      "--data-dir DIR",
      "--fleet FILE",
      "--access-key-id ID",
      "--access-key-secret SECRET",
      "--faults FILE",
      "--delivery-delay-ms MS",
      "--retention-days DAYS",
      "--daily-invocation-quota N",
      "--stop-running MODE",
      "--keys MODE",
      "--help",
    ]) {
      expect(help.stdout).toContain(flag);
    }
    const bad = run(["--port", "abc"]);
    expect([bad.status, bad.stderr]).toEqual([
      2,
      'ecs-emulator: --port takes a whole number from 0 to 65535, not "abc"\nRun ecs-emulator --help for the flags.\n',
    ]);
  }, 30_000);
});

describe("emulator command-line options", () => {
  it.each([
    [["--port", "70000"], '--port takes a whole number from 0 to 65535, not "70000"'],
    [["--retention-days", "0"], '--retention-days takes a whole number from 1 up, not "0"'],
    [["--daily-invocation-quota=-5"], '--daily-invocation-quota takes a whole number from 0 up, not "-5"'],
    [["--stop-running", "later"], '--stop-running takes terminate or let-finish, not "later"'],
    [["--faults", "/nonexistent/faults.json"], "--faults /nonexistent/faults.json: ENOENT: no such file or directory"],
    [["extra"], "Unexpected argument 'extra'"],
  ])("refuses %j, saying why", (argv, message) => {
    expect(() => optionsFrom(argv)).toThrow(message);
  });

  it("accepts a secret of each run's own unless pinned, so the documented pair runs nothing on a fresh start", () => {
    let n = 0;
    const secret = () => `run-secret-${++n}`;
    const keyOf = (argv: string[], env: NodeJS.ProcessEnv = {}) => optionsFrom(argv, env, secret)!.accessKeys![0]!;
    expect(keyOf([])).toEqual({ accessKeyId: DEFAULT_ACCESS_KEY.accessKeyId, accessKeySecret: "run-secret-1" });
    expect(keyOf([]).accessKeySecret).toBe("run-secret-2");
    expect(keyOf(["--keys", "well-known"])).toEqual(DEFAULT_ACCESS_KEY);
    expect(keyOf(["--access-key-secret", "mine"]).accessKeySecret).toBe("mine");
    expect(keyOf([], { ECS_EMULATOR_ACCESS_KEY_SECRET: "from-env" }).accessKeySecret).toBe("from-env");
    expect(() => keyOf(["--keys", "open"])).toThrow('--keys takes per-run or well-known, not "open"');
    expect(() => keyOf(["--keys", "well-known", "--access-key-secret", "x"])).toThrow("--keys and a pinned secret");
  });

  it("makes each run's secret of 30 letters and digits, so it can follow a flag on any command line", () => {
    const secrets = Array.from({ length: 2000 }, perRunSecret);
    for (const secret of secrets) expect(secret).toMatch(/^[A-Za-z0-9]{30}$/);
    expect(new Set(secrets).size).toBe(secrets.length);
    // Each of the 62 characters turns up: the secret draws on all of them.
    expect(new Set(secrets.join("")).size).toBe(62);
  });

  it("reads the sample fleet file in examples/", () => {
    const options = optionsFrom(["--fleet", join(ROOT, "examples", "emulator-fleet.json"), "--port", "8080", "--stop-running", "let-finish"])!;
    expect(options.fleet!.map((i) => i.instanceId)).toContain("i-app000000000000001");
    expect([options.port, options.stopRunning]).toEqual([8080, "let-finish"]);
    expect(optionsFrom(["--help"])).toBeUndefined();
  });
});

/** Runs the CLI to completion (for --help and usage errors). */
function run(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ["-r", "ts-node/register/transpile-only", join(ROOT, "emulator", "cli.ts"), ...args], {
    cwd: ROOT,
    encoding: "utf8",
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
