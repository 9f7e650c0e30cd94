import { execFile } from "node:child_process";
import { join } from "node:path";
import { emulatorForFile } from "../support/emulator";

/**
 * Official Alibaba Cloud SDKs of other languages, unmodified, drive the whole Cloud Assistant flow
 * against the emulator: Python (alibabacloud_ecs20140526, ACS3 signatures) and Go
 * (alibaba-cloud-sdk-go services/ecs, classic HMAC-SHA1 signatures with x-acs-action headers — the
 * client Terraform's alicloud provider uses; with its BssOpenApi account-type check, which
 * QueryAvailableInstances answers). scripts/ensure-conformance-clients installs them.
 */
jest.setTimeout(120_000);

const emu = emulatorForFile();

const clients: [string, () => [string, string[]]][] = [
  ["Python (alibabacloud_ecs20140526)", () => [need("CONFORMANCE_PYTHON"), [join(__dirname, "python", "cloud_assistant_flow.py")]]],
  ["Go (alibaba-cloud-sdk-go)", () => [need("CONFORMANCE_GO_BIN"), []]],
];

function need(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the conformance suite with \`npm test\` (scripts/ensure-conformance-clients installs the clients).`);
  return value;
}

function runFlow(command: string, args: string[]): Promise<Record<string, unknown>> {
  const key = emu.accessKeys[0]!;
  const env = {
    ...process.env,
    ECS_ENDPOINT: emu.endpoint,
    ECS_REGION: "cn-hangzhou",
    ECS_ACCESS_KEY_ID: key.accessKeyId,
    ECS_ACCESS_KEY_SECRET: key.accessKeySecret,
  };
  return new Promise((resolve, reject) => {
    execFile(command, args, { env, timeout: 90_000 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${command} failed: ${error.message}\n${stderr}`));
      else resolve(JSON.parse(stdout) as Record<string, unknown>);
    });
  });
}

describe.each(clients)("the official %s SDK against the emulator", (label, client) => {
  it("lists instances, runs a command with a parameter on two instances, reads results, stops a long run, meets the documented errors, and deletes the command", async () => {
    const [command, args] = client();
    const seen = await runFlow(command, args);
    const word = label.startsWith("Python") ? "python" : "go";
    const linux = ["i-linux0000000000001", "i-linux0000000000002"];
    expect(seen).toEqual({
      instances: { count: 6, linux },
      commandId: expect.stringMatching(/^c-[0-9a-f]+$/),
      invocation: { status: "Success", exitCodes: [0, 0], outputs: linux.map((id) => `hello ${word} on ${id}\n`) },
      results: linux.map((id) => [id, "Success", `hello ${word} on ${id}\n`]),
      stopped: { status: "Stopped", instance: "Terminated" },
      errors: {
        unknownCommand: { code: "InvalidCmdId.NotFound", status: 404 },
        tooManyInstances: { code: "InstanceIds.ExceedLimit", status: 403 },
        unknownInvocation: { code: "InvalidInvokeId.NotFound", status: 404 },
        wrongSecret: { code: "SignatureDoesNotMatch", status: 400 },
      },
      described: [`conformance-${word}`],
      afterDelete: 0,
      ...(word === "go"
        ? {
            accountCheck: { success: true, code: "Success", totalCount: 0, pageSize: 50 },
            wrongSecretRecommend: "InvalidAccessKeySecret: Please check you AccessKeySecret",
            wrongSecretRequestId: true,
          }
        : {}),
    });
    const styles = new Set(emu.requestLog.filter((e) => e.action === "CreateCommand" && e.params["Name"] === `conformance-${word}`).map((e) => e.style));
    expect(styles).toEqual(new Set([word === "python" ? "ACS3" : "RPC"]));
  });
});

describe("where clients look closely", () => {
  it("the legacy Python SDK (aliyun-python-sdk-core) reports InvalidAccessKeySecret for a wrong secret, as against the real gateway", async () => {
    const reported = await runFlow(need("CONFORMANCE_PYTHON"), [join(__dirname, "python", "legacy_wrong_secret.py")]);
    expect(reported).toEqual({ reported: "InvalidAccessKeySecret", status: 400 });
  });

  it("the legacy Java SDK (aliyun-java-sdk-core) reports SDK.InvalidAccessKeySecret for a wrong secret: the string to sign it is quoted is its own", async () => {
    // No hsperfdata_<user> folder left in the temp directory.
    const reported = await runFlow("java", ["-XX:-UsePerfData", "-cp", need("CONFORMANCE_JAVA_CLASSPATH"), "WrongSecret"]);
    expect(reported).toEqual({ reported: "SDK.InvalidAccessKeySecret", requestId: true });
  });
});
