import { tmpdir } from "node:os";
import { join } from "node:path";
import * as $Ecs from "@alicloud/ecs20140526";
import { LocalOss } from "../../emulator/executor/oss-delivery";
import { emulatorForFile, eventually, sdkClient, sdkError } from "../support/emulator";

const emu = emulatorForFile();
const BIG = 30_000;

describe("OssOutputDelivery", () => {
  it("delivers each run's whole output, beyond the 24 KB the API keeps, and reports where and how", async () => {
    const ecs = sdkClient(emu);
    const { body } = await ecs.runCommand(
      new $Ecs.RunCommandRequest({
        regionId: "cn-hangzhou",
        type: "RunShellScript",
        commandContent: `head -c ${BIG} /dev/zero | tr '\\0' x`,
        instanceId: ["i-linux0000000000001"],
        ossOutputDelivery: "oss://build-logs/nightly/",
        timeout: 30,
      }),
    );
    const invokeId = body!.invokeId!;
    const instance = await eventually(async () => {
      const described = await ecs.describeInvocations(
        new $Ecs.DescribeInvocationsRequest({ regionId: "cn-hangzhou", invokeId, includeOutput: true, contentEncoding: "PlainText" }),
      );
      const first = described.body!.invocations!.invocation![0]!.invokeInstances!.invokeInstance![0]!;
      return first.invocationStatus === "Success" ? first : undefined;
    });
    const uri = `oss://build-logs/nightly/${invokeId}/i-linux0000000000001`;
    expect([instance.ossOutputUri, instance.ossOutputStatus, instance.output!.length, instance.dropped]).toEqual([uri, "Finished", 24 * 1024, BIG - 24 * 1024]);
    const results = await ecs.describeInvocationResults(new $Ecs.DescribeInvocationResultsRequest({ regionId: "cn-hangzhou", invokeId }));
    const result = results.body!.invocation!.invocationResults!.invocationResult![0]!;
    expect([result.ossOutputUri, result.ossOutputStatus]).toEqual([uri, "Finished"]);

    const object = await fetch(`${emu.url}/_emulator/oss/build-logs/nightly/${invokeId}/i-linux0000000000001`);
    expect(object.status).toBe(200);
    expect(Buffer.from(await object.arrayBuffer()).toString()).toBe("x".repeat(BIG));
    expect((await fetch(`${emu.url}/_emulator/oss/build-logs/nightly/${invokeId}/i-other`)).status).toBe(404);
  });

  it("keeps every object inside its bucket's folder", () => {
    const oss = new LocalOss(join(tmpdir(), "never-created-oss-root"));
    expect(() => oss.put("logs", "../../escape", Buffer.from("x"))).toThrow("leaves its bucket");
    expect(oss.get("logs", "../../../etc/passwd")).toBeUndefined();
    expect(oss.objectFor("oss://logs", "t-1", "i-1")).toEqual({ uri: "oss://logs/t-1/i-1", bucket: "logs", key: "t-1/i-1" });
  });

  it("leaves the OSS fields empty for an invocation without delivery", async () => {
    const ecs = sdkClient(emu);
    const { body } = await ecs.runCommand(
      new $Ecs.RunCommandRequest({
        regionId: "cn-hangzhou",
        type: "RunShellScript",
        commandContent: "echo hi",
        instanceId: ["i-linux0000000000001"],
        timeout: 30,
      }),
    );
    const instance = await eventually(async () => {
      const described = await ecs.describeInvocations(new $Ecs.DescribeInvocationsRequest({ regionId: "cn-hangzhou", invokeId: body!.invokeId! }));
      const first = described.body!.invocations!.invocation![0]!.invokeInstances!.invokeInstance![0]!;
      return first.invocationStatus === "Success" ? first : undefined;
    });
    expect([instance.ossOutputUri, instance.ossOutputStatus, instance.ossOutputErrorCode, instance.ossOutputErrorInfo]).toEqual(["", "", "", ""]);
  });

  it("refuses a key prefix OSS would not take: a leading /, a .. segment, a backslash", async () => {
    const ecs = sdkClient(emu);
    for (const delivery of ["oss://build-logs//nightly", "oss://build-logs/a/../b", "oss://build-logs/a\\b"]) {
      const error = await sdkError(
        ecs.runCommand(
          new $Ecs.RunCommandRequest({
            regionId: "cn-hangzhou",
            type: "RunShellScript",
            commandContent: "echo",
            instanceId: ["i-linux0000000000001"],
            ossOutputDelivery: delivery,
          }),
        ),
      );
      expect([delivery, error.code, error.statusCode]).toEqual([delivery, "InvalidOssOutputDelivery.KeyPrefixMalformed", 400]);
    }
  });

  it("reports a failed upload with its error code and text, in both views", async () => {
    const ecs = sdkClient(emu);
    const run = async (delivery: string) => {
      const { body } = await ecs.runCommand(
        new $Ecs.RunCommandRequest({
          regionId: "cn-hangzhou",
          type: "RunShellScript",
          commandContent: "echo x",
          instanceId: ["i-linux0000000000001"],
          ossOutputDelivery: delivery,
        }),
      );
      const invokeId = body!.invokeId!;
      return eventually(async () => {
        const results = await ecs.describeInvocationResults(new $Ecs.DescribeInvocationResultsRequest({ regionId: "cn-hangzhou", invokeId }));
        const result = results.body!.invocation!.invocationResults!.invocationResult![0];
        return result?.ossOutputStatus === "Finished" || result?.ossOutputStatus === "Failed" ? { invokeId, result } : undefined;
      });
    };
    const first = await run("oss://clash/p");
    // The next run's object would need the first one's object (a file) as its folder: the upload fails.
    const second = await run(`oss://clash/p/${first.invokeId}/i-linux0000000000001`);
    const uri = `oss://clash/p/${first.invokeId}/i-linux0000000000001/${second.invokeId}/i-linux0000000000001`;
    expect([second.result.ossOutputStatus, second.result.ossOutputErrorCode, second.result.ossOutputErrorInfo]).toEqual([
      "Failed",
      "OssOutputUploadFailed",
      `The output could not be uploaded to ${uri}.`,
    ]);
    const described = await ecs.describeInvocations(new $Ecs.DescribeInvocationsRequest({ regionId: "cn-hangzhou", invokeId: second.invokeId }));
    expect(described.body!.invocations!.invocation![0]!.invokeInstances!.invokeInstance![0]!.ossOutputErrorCode).toBe("OssOutputUploadFailed");
    expect(first.result.ossOutputErrorCode).toBe("");
  });
});
