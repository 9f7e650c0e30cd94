import * as $Ecs from "@alicloud/ecs20140526";
import { create } from "../../provider/lifecycle/invocation-lifecycle";
import { overrideRuntime } from "../../provider/lifecycle/runtime";
import { emulatorForFile, sdkClient } from "../support/emulator";
import { configureFor } from "../support/provider";

jest.setTimeout(60_000);

// Throttled like a busy account: 15 calls a second for this access key, across all actions.
const emu = emulatorForFile({ faults: { throttleRps: 15 } });
let restore: () => void;
beforeAll(() => {
  // Told the account's limit (with a margin for network jitter), the provider never meets throttling.
  configureFor(emu, { "alicloud:maxRequestsPerSecond": "14" });
  restore = overrideRuntime({ progress: () => undefined, warn: () => undefined });
});
afterAll(() => restore());

const calls = (action: string) => emu.requestLog.filter((entry) => entry.action === action);

describe("many invocations waiting in one provider process", () => {
  it("share their searches and status reads, and stay under the account's rate limit", async () => {
    const ecs = sdkClient(emu);
    const commandId = (
      await ecs.createCommand(
        new $Ecs.CreateCommandRequest({
          regionId: "cn-hangzhou",
          name: "fleet",
          type: "RunShellScript",
          commandContent: Buffer.from("sleep 1; echo done").toString("base64"),
        }),
      )
    ).body!.commandId!;
    emu.requestLog.length = 0;
    const count = 40;
    const results = await Promise.all(
      Array.from({ length: count }, (_, i) =>
        create({
          commandId,
          instanceIds: ["i-linux0000000000001"],
          __provider: "shim",
          __urn: `urn:pulumi:fleet::p::pulumi-nodejs:dynamic/alicloud:EcsInvocation::run-${i}`,
        } as never),
      ),
    );
    expect(results.map((r) => r.outs.status)).toEqual(Array(count).fill("Success"));
    expect(results.every((r) => r.outs.instances?.[0]?.output === "done\n")).toBe(true);
    expect(calls("InvokeCommand").filter((c) => c.code === "OK")).toHaveLength(count);
    // Each create alone would search once, poll several times and read its output once: 4+ calls each.
    const describes = calls("DescribeInvocations").filter((c) => c.code === "OK");
    expect(describes.length).toBeLessThan(count / 2);
    expect(calls("DescribeInvocationResults").length).toBeLessThan(count / 4);
    expect(emu.requestLog.filter((c) => c.code === "Throttling.User")).toEqual([]);
  });
});
