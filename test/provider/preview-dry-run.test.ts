import * as $Ecs from "@alicloud/ecs20140526";
import type { RunningEmulator } from "../../emulator";
import type { EcsApi } from "../../provider/cloud/ecs-api";
import { dryRunFailures, wantsDryRun } from "../../provider/lifecycle/run/preview-dry-run";
import { emulator, sdkClient } from "../support/emulator";
import { emulatorApi } from "../support/provider";

let emu: RunningEmulator;
let api: EcsApi;
let commandId: string;
const SECRET = "dry-run-secret-value";
const FAR = Date.now() + 3_600_000;

beforeAll(async () => {
  emu = await emulator();
  api = emulatorApi(emu);
  const created = await sdkClient(emu).createCommand(
    new $Ecs.CreateCommandRequest({
      regionId: "cn-hangzhou",
      name: "greet",
      type: "RunShellScript",
      commandContent: Buffer.from("echo {{name}}").toString("base64"),
      enableParameter: true,
    }),
  );
  commandId = created.body!.commandId!;
});
afterAll(() => emu.close());

const invocationsStored = () => Object.keys(emu.store.state.regions["cn-hangzhou"]?.invocations ?? {}).length;

describe("previewDryRun", () => {
  it("asks only for an invocation that would be created or replaced, once every cloud input is known", () => {
    const args = { commandId: "c-1", instanceIds: ["i-a"], previewDryRun: true };
    expect(wantsDryRun({}, args)).toBe(true);
    expect(wantsDryRun(args, args)).toBe(false);
    expect(wantsDryRun(args, { ...args, instanceIds: ["i-b"] })).toBe(true);
    expect(wantsDryRun(args, { ...args, timeouts: { create: "5m" } })).toBe(false);
    expect(wantsDryRun({}, { ...args, previewDryRun: false })).toBe(false);
    expect(wantsDryRun({}, { ...args, commandId: "04da6b54-80e4-46f7-96ec-b56ff0331ba9" })).toBe(false);
    expect(wantsDryRun({}, { ...args, adoptInvokeId: "t-1" })).toBe(false);
  });

  it("passes a run that would work, running and recording nothing", async () => {
    const before = invocationsStored();
    const failures = await dryRunFailures(api, { commandId, instanceIds: ["i-linux0000000000001"], parameters: { name: SECRET } }, FAR);
    expect(failures).toEqual([]);
    expect(invocationsStored()).toBe(before);
    const sent = emu.requestLog.filter((e) => e.action === "InvokeCommand").at(-1)!;
    expect(sent.params["RepeatMode"]).toBe("DryRun");
    expect(sent.params["ClientToken"]).toBeUndefined();
  });

  it("puts each problem on its argument with the cloud's code and RequestId, never a secret value", async () => {
    const missing = await dryRunFailures(api, { commandId: "c-doesnotexist0001", instanceIds: ["i-linux0000000000001"] }, FAR);
    expect(missing).toEqual([
      {
        property: "commandId",
        reason: expect.stringMatching(
          /^commandId: the API refused a dry run of this invocation: InvokeCommand failed: InvalidCmdId\.NotFound: .*\(RequestId: [0-9A-F-]+\)/,
        ),
      },
    ]);
    const params = await dryRunFailures(api, { commandId, instanceIds: ["i-linux0000000000001"], parameters: { name: SECRET, extra: SECRET } }, FAR);
    expect(params).toEqual([
      { property: "", reason: expect.stringContaining("parameters: the API refused a dry run of this invocation: InvokeCommand failed: Parameter.NotMatched") },
    ]);
    expect(JSON.stringify(params)).not.toContain(SECRET);
    const targets = await dryRunFailures(api, { commandId, instanceIds: ["i-stopped00000000001", "i-noagent00000000001"], parameters: { name: "x" } }, FAR);
    expect(targets).toEqual([
      // Each names its place; a short list is printed beside it by the engine.
      { property: "instanceIds", reason: "instanceIds[0]: i-stopped00000000001: the instance is Stopped, not Running (previewDryRun)" },
      { property: "instanceIds", reason: "instanceIds[1]: i-noagent00000000001: the Cloud Assistant agent is not installed or not running (previewDryRun)" },
    ]);
    const windows = await dryRunFailures(api, { commandId, instanceIds: ["i-windows00000000001"], parameters: { name: "x" } }, FAR);
    expect(windows).toEqual([{ property: "instanceIds", reason: expect.stringContaining("InvalidInstance.NotMatch") }]);
    const tags = await dryRunFailures(api, { commandId, resourceTags: { role: "nobody" }, parameters: { name: "x" } }, FAR);
    expect(tags.map((f) => f.property)).toEqual(["resourceTags", "resourceTags"]);
    expect(tags[1]!.reason).toBe("resourceTags: no instance carries these tags now (previewDryRun)");
  });
});
