import type { RunningEmulator } from "../../emulator";
import type { EcsApi } from "../../provider/cloud/ecs-api";
import { realTiming } from "../../provider/cloud/timing";
import type { RunContext } from "../../provider/lifecycle/run/run-context";
import { runOnDelete } from "../../provider/lifecycle/run-on-delete";
import { emulator } from "../support/emulator";
import { emulatorApi } from "../support/provider";

let emu: RunningEmulator;
let api: EcsApi;
const warnings: string[] = [];
let ctx: RunContext;
const TARGETS = { instanceIds: ["i-linux0000000000001", "i-linux0000000000002"] };

beforeAll(async () => {
  emu = await emulator();
  api = emulatorApi(emu);
  ctx = { api, timing: realTiming, progress: () => {}, warn: (message) => warnings.push(message) };
});
afterAll(() => emu.close());

const runCommands = () => emu.requestLog.filter((e) => e.action === "RunCommand" && e.code === "OK").length;
const cleanupRuns = (invokeId: string) =>
  Object.values(emu.store.state.regions["cn-hangzhou"]?.invocations ?? {}).filter((i) => i.tags["pulumi-ecs-invocation:cleanup-of"] === invokeId);

describe("onDelete: a cleanup after the invocation, never twice", () => {
  it("runs inline content on every target once; a retried delete finds it succeeded and starts nothing", async () => {
    await runOnDelete(ctx, "t-main0001", TARGETS, { commandContent: "echo cleaned {{ACS::InstanceName}}" });
    expect(cleanupRuns("t-main0001").map((i) => i.instances.map((s) => s.status))).toEqual([["Success", "Success"]]);
    const before = runCommands();
    await runOnDelete(ctx, "t-main0001", TARGETS, { commandContent: "echo cleaned {{ACS::InstanceName}}" });
    expect(runCommands()).toBe(before);
    expect(cleanupRuns("t-main0001")).toHaveLength(1);
  });

  it("fails the delete on a failed cleanup by default, runs it again on the next try, and can continue instead", async () => {
    const failing = { commandContent: "echo broken; exit 4", timeout: "30s" };
    await expect(runOnDelete(ctx, "t-main0002", TARGETS, failing)).rejects.toThrow(
      /^The cleanup command \(onDelete\) t-\w+ failed\.\nInvocation t-\w+ ended Failed[^\n]*\n {2}- i-linux0000000000001: Failed, error ExitCodeNonzero, .*exit code 4\n\s+output: broken[\s\S]*\nThe resource stays in state/,
    );
    await runOnDelete(ctx, "t-main0002", TARGETS, { commandContent: "echo fixed" });
    expect(
      cleanupRuns("t-main0002")
        .map((i) => i.instances[0]!.status)
        .sort(),
    ).toEqual(["Failed", "Success"]);

    await runOnDelete(ctx, "t-main0003", TARGETS, { ...failing, onFailure: "continue" });
    expect(warnings.at(-1)).toMatch(/failed\.[\s\S]*\nThe resource is deleted anyway \(onDelete.onFailure is "continue"\)\.$/);
  });

  it("waits for a cleanup still running from an earlier try instead of starting another", async () => {
    const slow = { commandContent: "sleep 2; echo slow done", timeout: "1s" };
    await expect(runOnDelete(ctx, "t-main0004", TARGETS, slow)).rejects.toThrow(
      "did not finish within onDelete.timeout (1s); it is Running.\nThe resource stays in state.",
    );
    const before = runCommands();
    await runOnDelete(ctx, "t-main0004", TARGETS, { ...slow, timeout: "30s" });
    expect(runCommands()).toBe(before);
    expect(cleanupRuns("t-main0004").map((i) => i.instances.map((s) => s.status))).toEqual([["Success", "Success"]]);
  });

  it("invokes an existing command with parameters on tag-selected targets", async () => {
    const command = await api.createCommand(
      { name: "cleanup", type: "RunShellScript", commandContent: Buffer.from("echo bye {{who}}").toString("base64"), enableParameter: true },
      Date.now() + 10_000,
    );
    await runOnDelete(ctx, "t-main0005", { resourceTags: { role: "web" } }, { commandId: command, parameters: { who: "web" } });
    const [run] = cleanupRuns("t-main0005");
    expect(run!.instances.map((s) => [s.instanceId, Buffer.from(s.outputBase64, "base64").toString()])).toEqual([
      ["i-linux0000000000001", "bye web\n"],
      ["i-linux0000000000002", "bye web\n"],
    ]);
  });
});
