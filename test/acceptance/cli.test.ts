/**
 * `npm run test:live` itself: it refuses without settings (saying what to set), refuses instances
 * that cannot take a command, prints the calls before a run, and its sweeper removes what
 * interrupted runs left — by the suite tag only. Against an emulator, through the real command line.
 */
import { execFile } from "node:child_process";
import { join } from "node:path";
import * as $Ecs from "@alicloud/ecs20140526";
import type { RunningEmulator } from "../../emulator";
import { emulatorForFile, sdkClient } from "../support/emulator";
import { FLOWS } from "./suite";
import { SUITE_TAG } from "./target";

jest.setTimeout(120_000);

const ROOT = join(__dirname, "..", "..");
const emu = emulatorForFile();

/** The environment without any cloud settings of the caller's. */
function bareEnvironment(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^(ALICLOUD_|ALIBABA_CLOUD_|ECS_ACCEPTANCE)/.test(key)));
}

function emulatorEnvironment(target: RunningEmulator, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const key = target.accessKeys[0]!;
  return {
    ...bareEnvironment(),
    ALICLOUD_REGION: "cn-hangzhou",
    ALICLOUD_ECS_ENDPOINT: target.url,
    ALICLOUD_ACCESS_KEY: key.accessKeyId,
    ALICLOUD_SECRET_KEY: key.accessKeySecret,
    ...extra,
  };
}

function testLive(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["-r", "ts-node/register/transpile-only", join(ROOT, "test", "acceptance", "cli.ts"), ...args],
      { cwd: ROOT, env },
      (error, stdout, stderr) => resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}

describe("npm run test:live", () => {
  it("refuses without credentials, region and instances, and says what to set", async () => {
    const run = await testLive([], bareEnvironment());
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      "Not running against the cloud: missing a region (ALICLOUD_REGION); credentials (ALICLOUD_ACCESS_KEY and ALICLOUD_SECRET_KEY, or ALICLOUD_PROFILE); the instances it may use (ECS_ACCEPTANCE_INSTANCE_IDS and/or ECS_ACCEPTANCE_INSTANCE_TAG).",
    );
    expect(run.stderr).toContain("npm run test:live -- --sweep");
    expect(run.stdout).toBe("");
  });

  it("refuses half a key pair and malformed instance settings, naming the values", async () => {
    const run = await testLive([], {
      ...bareEnvironment(),
      ALICLOUD_REGION: "cn-hangzhou",
      ALICLOUD_ACCESS_KEY: "LTAI-only-half",
      ECS_ACCEPTANCE_INSTANCE_IDS: "web-1",
      ECS_ACCEPTANCE_INSTANCE_TAG: "role",
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("both halves of the key pair (ALICLOUD_ACCESS_KEY and ALICLOUD_SECRET_KEY)");
    expect(run.stderr).toContain('ECS_ACCEPTANCE_INSTANCE_TAG as key=value (got "role")');
    expect(run.stderr).toContain('instance ids of the form i-… in ECS_ACCEPTANCE_INSTANCE_IDS (got "web-1")');
    expect(run.stderr).not.toContain("LTAI-only-half");
  });

  it("refuses instances that cannot take a command, saying why for each", async () => {
    const run = await testLive(
      ["--plan"],
      emulatorEnvironment(emu, { ECS_ACCEPTANCE_INSTANCE_IDS: "i-linux0000000000001,i-stopped00000000001,i-noagent00000000001,i-doesnotexist00001" }),
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("i-stopped00000000001: Stopped, not Running");
    expect(run.stderr).toContain("i-noagent00000000001: its Cloud Assistant agent is not online");
    expect(run.stderr).toContain("i-doesnotexist00001: not found in cn-hangzhou");
    expect(run.stderr).not.toContain("i-linux0000000000001:");
  });

  it("prints every flow and the calls it makes before running, with where and how it cleans up", async () => {
    const run = await testLive(["--plan"], emulatorEnvironment(emu, { ECS_ACCEPTANCE_INSTANCE_TAG: "role=db", ECS_ACCEPTANCE_RUN_ID: "plan-test" }));
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Acceptance run plan-test against ${emu.url} (region cn-hangzhou)`);
    // Only a tag was given: the instances it selects are the ones the flows use.
    expect(run.stdout).toContain("instances: i-linux0000000000003; by tag: role=db");
    expect(run.stdout).toContain(`tagged ${SUITE_TAG.key}=${SUITE_TAG.value}, acceptance-run=plan-test`);
    for (const flow of FLOWS) {
      expect(run.stdout).toContain(flow.title);
      for (const call of flow.calls) expect(run.stdout).toContain(call);
    }
    // Printing the plan calls nothing that changes the cloud.
    expect(emu.requestLog.filter((e) => !/^Describe/.test(e.action))).toEqual([]);
  });

  it("--sweep stops the live invocations and deletes the commands earlier runs left, by the suite tag only", async () => {
    const client = sdkClient(emu);
    const tagged = [
      new $Ecs.CreateCommandRequestTag({ key: SUITE_TAG.key, value: SUITE_TAG.value }),
      new $Ecs.CreateCommandRequestTag({ key: "acceptance-run", value: "old" }),
    ];
    const content = Buffer.from("echo left").toString("base64");
    const left = await client.createCommand(
      new $Ecs.CreateCommandRequest({ regionId: "cn-hangzhou", name: "left", type: "RunShellScript", commandContent: content, tag: tagged }),
    );
    const mine = await client.createCommand(
      new $Ecs.CreateCommandRequest({ regionId: "cn-hangzhou", name: "users-own", type: "RunShellScript", commandContent: content }),
    );
    const schedule = await client.invokeCommand(
      new $Ecs.InvokeCommandRequest({
        regionId: "cn-hangzhou",
        commandId: left.body!.commandId,
        instanceId: ["i-linux0000000000001"],
        frequency: "rate(1h)",
        tag: tagged.map((t) => new $Ecs.InvokeCommandRequestTag({ key: t.key, value: t.value })),
      }),
    );
    const untaggedSchedule = await client.invokeCommand(
      new $Ecs.InvokeCommandRequest({ regionId: "cn-hangzhou", commandId: mine.body!.commandId, instanceId: ["i-linux0000000000001"], frequency: "rate(1h)" }),
    );

    const run = await testLive(["--sweep"], emulatorEnvironment(emu));
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`StopInvocation ${schedule.body!.invokeId} (Scheduled)`);
    expect(run.stdout).toContain(`DeleteCommand ${left.body!.commandId} (left)`);
    expect(run.stdout).toContain("swept: 1 stopped, 1 deleted, 0 refused");

    const status = async (invokeId: string) =>
      (await client.describeInvocations(new $Ecs.DescribeInvocationsRequest({ regionId: "cn-hangzhou", invokeId }))).body!.invocations!.invocation![0]!
        .invocationStatus;
    expect(await status(schedule.body!.invokeId!)).toBe("Stopped");
    expect(await status(untaggedSchedule.body!.invokeId!)).toBe("Scheduled");
    const commands = (await client.describeCommands(new $Ecs.DescribeCommandsRequest({ regionId: "cn-hangzhou" }))).body!.commands!.command!.map((c) => c.name);
    expect(commands).toContain("users-own");
    expect(commands).not.toContain("left");
    // A second sweep finds nothing left.
    expect((await testLive(["--sweep"], emulatorEnvironment(emu))).stdout).toContain("swept: 0 stopped, 0 deleted, 0 refused");
  });
});
