import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as $Ecs from "@alicloud/ecs20140526";
import Ecs from "@alicloud/ecs20140526";
import { $OpenApiUtil } from "@alicloud/openapi-core";

const ROOT = join(__dirname, "..", "..");

/** Starts the emulator CLI as `npm run emulator` does and resolves with its URL from the first line. */
function startCli(args: string[]): Promise<{ child: ChildProcess; url: string; firstLine: string }> {
  const child = spawn(process.execPath, ["-r", "ts-node/register/transpile-only", join(ROOT, "emulator", "cli.ts"), ...args], { cwd: ROOT });
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split("\n")[0]!;
      if (out.includes("\n")) resolve({ child, url: line.replace("listening on ", ""), firstLine: line });
    });
    child.on("exit", (code) => reject(new Error(`emulator exited with ${code}`)));
  });
}

describe("emulator command line", () => {
  it("prints where it listens first, and takes the fleet, keys and quota from flags", async () => {
    const dir = mkdtempSync(join(tmpdir(), "emulator-cli-"));
    writeFileSync(join(dir, "fleet.json"), JSON.stringify({ instances: [{ instanceId: "i-custom000000000001", instanceName: "custom" }] }));
    const { child, url, firstLine } = await startCli(["--port", "0", "--data-dir", join(dir, "data"), "--fleet", join(dir, "fleet.json"),
      "--access-key-id", "AK-CLI", "--access-key-secret", "SK-CLI", "--daily-invocation-quota", "0"]);
    try {
      expect(firstLine).toMatch(/^listening on http:\/\/127\.0\.0\.1:\d+$/);
      const ecs = new Ecs(new $OpenApiUtil.Config({ accessKeyId: "AK-CLI", accessKeySecret: "SK-CLI", endpoint: url.replace("http://", ""), protocol: "http", readTimeout: 5000, connectTimeout: 5000 }));
      const instances = (await ecs.describeInstances(new $Ecs.DescribeInstancesRequest({ regionId: "cn-hangzhou" }))).body!.instances!.instance!;
      expect(instances.map((i) => [i.instanceId, i.instanceName])).toEqual([["i-custom000000000001", "custom"]]);
      const error = await ecs.runCommand(new $Ecs.RunCommandRequest({ regionId: "cn-hangzhou", type: "RunShellScript", commandContent: "true", instanceId: ["i-custom000000000001"] })).catch((e: { code: string }) => e);
      expect((error as { code: string }).code).toBe("Invocation.ExceedQuota");
    } finally {
      await new Promise((resolve) => {
        child.once("exit", resolve);
        child.kill("SIGTERM");
      });
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);

  it("refuses an unknown flag", async () => {
    await expect(startCli(["--bogus", "1"])).rejects.toThrow("emulator exited with 2");
  }, 30_000);
});
