import { tmpdir } from "node:os";
import { join } from "node:path";
import * as $Ecs from "@alicloud/ecs20140526";
import { LocalOss } from "../../emulator/executor/oss-delivery";
import { emulatorForFile, eventually, sdkClient } from "../support/emulator";

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
    expect([instance.ossOutputUri, instance.ossOutputStatus]).toEqual(["", ""]);
  });
});
