import { existsSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type Ecs from "@alicloud/ecs20140526";
import * as $Ecs from "@alicloud/ecs20140526";
import { rpcSignature } from "../../emulator/wire/signature";
import { emulatorForFile, eventually, sdkClient, sdkError } from "../support/emulator";

const REGION = "cn-hangzhou";
const LINUX = ["i-linux0000000000001", "i-linux0000000000002"];
const emu = emulatorForFile();
let ecs: Ecs;
beforeAll(() => {
  ecs = sdkClient(emu);
});

async function settled(invokeId: string) {
  return eventually(async () => {
    const invocation = (
      await ecs.describeInvocations(new $Ecs.DescribeInvocationsRequest({ regionId: REGION, invokeId, includeOutput: true, contentEncoding: "PlainText" }))
    ).body!.invocations!.invocation![0]!;
    return ["Success", "Failed", "PartialFailed", "Stopped"].includes(invocation.invocationStatus ?? "") ? invocation : undefined;
  });
}

describe("execution options", () => {
  it("runs the script through a launcher that names the script file", async () => {
    const { body } = await ecs.runCommand(
      new $Ecs.RunCommandRequest({
        regionId: REGION,
        type: "RunShellScript",
        commandContent: 'echo "from $(basename "$0") with $1"',
        instanceId: [LINUX[0]!],
        launcher: '/bin/sh {{ACS::ScriptFileName|Ext(".py")}} launcher-arg',
      }),
    );
    expect((await settled(body!.invokeId!)).invokeInstances!.invokeInstance![0]!.output).toMatch(/^from t-[0-9a-f]+-\w+\.py with launcher-arg\n$/);
  });

  it("runs in the working directory and as the user asked for", async () => {
    const { body } = await ecs.runCommand(
      new $Ecs.RunCommandRequest({
        regionId: REGION,
        type: "RunShellScript",
        commandContent: 'basename "$PWD"; echo "$USER"',
        instanceId: ["i-linux0000000000003"],
        workingDir: "/tmp",
        username: "postgres",
      }),
    );
    expect((await settled(body!.invokeId!)).invokeInstances!.invokeInstance![0]!.output).toBe("tmp\npostgres\n");
  });

  it("reports a missing working directory as DirectoryNotExists", async () => {
    const { body } = await ecs.runCommand(
      new $Ecs.RunCommandRequest({ regionId: REGION, type: "RunShellScript", commandContent: "true", instanceId: [LINUX[0]!], workingDir: "/opt/nowhere" }),
    );
    const instance = (await settled(body!.invokeId!)).invokeInstances!.invokeInstance![0]!;
    expect([instance.invocationStatus, instance.errorCode]).toEqual(["Invalid", "DirectoryNotExists"]);
  });

  it("stops one instance of an invocation and leaves the other running", async () => {
    const { body } = await ecs.runCommand(
      new $Ecs.RunCommandRequest({ regionId: REGION, type: "RunShellScript", commandContent: "sleep 1; echo done", instanceId: LINUX }),
    );
    const invokeId = body!.invokeId!;
    await ecs.stopInvocation(new $Ecs.StopInvocationRequest({ regionId: REGION, invokeId, instanceId: [LINUX[1]!] }));
    const invocation = await settled(invokeId);
    expect(invocation.invokeInstances!.invokeInstance!.map((i) => i.invocationStatus)).toEqual(["Success", expect.stringMatching(/^(Cancelled|Terminated)$/)]);
    expect(invocation.invocationStatus).toBe("Success");
  });

  it("kills the whole process tree with TerminationMode ProcessTree", async () => {
    const marker = join(tmpdir(), `ptree-${process.pid}`);
    try {
      const { body } = await ecs.runCommand(
        new $Ecs.RunCommandRequest({
          regionId: REGION,
          type: "RunShellScript",
          instanceId: [LINUX[0]!],
          terminationMode: "ProcessTree",
          commandContent: `sleep 300 & echo $! > ${marker}; sleep 30`,
        }),
      );
      const invokeId = body!.invokeId!;
      const child = await eventually(async () =>
        existsSync(marker) && readFileSync(marker, "utf8").trim() ? Number(readFileSync(marker, "utf8")) : undefined,
      );
      expect(isAlive(child)).toBe(true);
      await ecs.stopInvocation(new $Ecs.StopInvocationRequest({ regionId: REGION, invokeId }));
      expect((await settled(invokeId)).invokeInstances!.invokeInstance![0]!.invocationStatus).toBe("Terminated");
      // The background child of the script goes too: waited for as a condition, not a fixed sleep.
      await eventually(async () => (isAlive(child) ? undefined : true));
    } finally {
      rmSync(marker, { force: true });
    }
  }, 15_000);

  it("asks for a password name when a Windows command runs as another user", async () => {
    const commandId = (
      await ecs.createCommand(
        new $Ecs.CreateCommandRequest({ regionId: REGION, name: "win", type: "RunPowerShellScript", commandContent: Buffer.from("whoami").toString("base64") }),
      )
    ).body!.commandId!;
    const error = await sdkError(
      ecs.invokeCommand(new $Ecs.InvokeCommandRequest({ regionId: REGION, commandId, instanceId: ["i-windows00000000001"], username: "Administrator" })),
    );
    expect([error.code, error.statusCode]).toEqual(["WindowsPasswordName.Missed", 403]);
  });

  it("refuses parameter names that repeat, ignoring case (only a raw JSON string can carry them)", async () => {
    const commandId = (
      await ecs.createCommand(
        new $Ecs.CreateCommandRequest({
          regionId: REGION,
          name: "dup",
          type: "RunShellScript",
          enableParameter: true,
          commandContent: Buffer.from("echo {{a}}").toString("base64"),
        }),
      )
    ).body!.commandId!;
    const params: Record<string, string> = {
      Action: "InvokeCommand",
      Version: "2014-05-26",
      AccessKeyId: emu.accessKeys[0]!.accessKeyId,
      SignatureMethod: "HMAC-SHA1",
      SignatureVersion: "1.0",
      SignatureNonce: "dup-nonce",
      Timestamp: new Date().toISOString().replace(/\.\d{3}Z$/, "Z"),
      Format: "JSON",
      RegionId: REGION,
      CommandId: commandId,
      "InstanceId.1": LINUX[0]!,
      Parameters: '{"a":"1","A":"2"}',
    };
    params["Signature"] = rpcSignature("GET", params, emu.accessKeys[0]!.accessKeySecret);
    const response = await fetch(`${emu.url}/?${new URLSearchParams(params)}`);
    const body = (await response.json()) as Record<string, string>;
    expect([response.status, body["Code"], body["Message"]]).toEqual([403, "ParameterKey.Duplicate", "Parameter names cannot be duplicated."]);
  });

  it("accepts classic RPC calls with parameters in a POST form body", async () => {
    const params: Record<string, string> = {
      Action: "DescribeInstances",
      Version: "2014-05-26",
      AccessKeyId: emu.accessKeys[0]!.accessKeyId,
      SignatureMethod: "HMAC-SHA1",
      SignatureVersion: "1.0",
      SignatureNonce: "form-nonce",
      Timestamp: new Date().toISOString().replace(/\.\d{3}Z$/, "Z"),
      Format: "JSON",
      RegionId: REGION,
      InstanceIds: JSON.stringify([LINUX[0]]),
    };
    params["Signature"] = rpcSignature("POST", params, emu.accessKeys[0]!.accessKeySecret);
    const response = await fetch(`${emu.url}/`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(params).toString(),
    });
    const body = (await response.json()) as { Instances: { Instance: { InstanceId: string }[] } };
    expect([response.status, body.Instances.Instance.map((i) => i.InstanceId)]).toEqual([200, [LINUX[0]]]);
  });
});

/** Whether a process still exists (signal 0 tests without sending anything). */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
