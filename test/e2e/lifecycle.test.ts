import * as $Ecs from "@alicloud/ecs20140526";
import type { RunningEmulator } from "../../emulator";
import { control, emulator, sdkClient } from "../support/emulator";
import { PulumiProject, SPEC_PROGRAM } from "./harness";
import { calls, type InvocationResult, invocationStatus, LINUX, mutations, spec } from "./support";

jest.setTimeout(600_000);

let emu: RunningEmulator;
let project: PulumiProject;
beforeAll(async () => {
  emu = await emulator();
  project = await PulumiProject.from(SPEC_PROGRAM, "lifecycle", emu);
});
afterAll(async () => {
  await project.dispose();
  await emu.close();
});

const results = async () => (await project.outputs<{ invocations: Record<string, InvocationResult> }>()).invocations;

describe("the lifecycle through the real Pulumi CLI", () => {
  const once = { run: {} };

  it("creates on up, and a second up changes nothing and runs nothing", async () => {
    await project.spec(spec("echo first", once));
    const up = await project.up();
    expect(up.code).toBe(0);
    const first = (await results())["run"]!;
    expect([first.status, first.instances[0]!.output]).toEqual(["Success", "first\n"]);
    expect(calls(emu, "InvokeCommand")).toHaveLength(1);
    const again = await project.up();
    expect([again.code, again.output]).toEqual([0, expect.stringContaining("3 unchanged")]);
    expect(calls(emu, "InvokeCommand")).toHaveLength(1);
  });

  it("updates timeouts in place without calling the cloud", async () => {
    const before = mutations(emu).length;
    const describesBefore = emu.requestLog.length;
    await project.spec(spec("echo first", { run: { timeouts: { create: "2m", delete: "30s" } } }));
    const up = await project.up();
    expect([up.code, up.output]).toEqual([0, expect.stringContaining("1 updated")]);
    expect(mutations(emu).length).toBe(before);
    expect(emu.requestLog.length).toBe(describesBefore);
  });

  it("replaces on a cloud input change: a new InvokeId, and the finished one is not stopped", async () => {
    const old = (await results())["run"]!.id;
    await project.spec(spec("echo first", { run: { instanceIds: LINUX } }));
    const up = await project.up();
    expect([up.code, up.output]).toEqual([0, expect.stringContaining("1 replaced")]);
    const now = (await results())["run"]!;
    expect(now.id).not.toBe(old);
    expect(now.instances.map((i) => i.instanceId)).toEqual(LINUX);
    expect(calls(emu, "StopInvocation")).toHaveLength(0);
  });

  it("stops the old invocation when replacing one that is still active", async () => {
    await project.spec(spec("echo first", { run: { instanceIds: LINUX }, every: { frequency: "rate(1h)" } }));
    expect((await project.up()).code).toBe(0);
    const old = (await results())["every"]!;
    expect(old.status).toBe("Scheduled");
    await project.spec(spec("echo first", { run: { instanceIds: LINUX }, every: { frequency: "rate(2h)" } }));
    expect((await project.up()).code).toBe(0);
    expect(calls(emu, "StopInvocation").map((c) => c.params["InvokeId"])).toEqual([old.id]);
    expect(await invocationStatus(emu, old.id)).toBe("Stopped");
    expect((await results())["every"]!.status).toBe("Scheduled");
  });

  it("refresh picks up an invocation stopped behind Pulumi's back", async () => {
    const every = (await results())["every"]!;
    await sdkClient(emu).stopInvocation(new $Ecs.StopInvocationRequest({ regionId: "cn-hangzhou", invokeId: every.id }));
    const refresh = await project.refresh();
    expect(refresh.code).toBe(0);
    const state = await project.exportState();
    const stored = state.deployment.resources.find((r) => r.id === every.id)!;
    expect(stored.outputs!["status"]).toBe("Stopped");
  });

  it("refresh keeps a finished invocation whose record expired, and up does not run it again", async () => {
    const run = (await results())["run"]!;
    await control(emu, "POST", `invocations/${run.id}/expire`);
    expect((await project.refresh()).code).toBe(0);
    const stored = (await project.exportState()).deployment.resources.find((r) => r.id === run.id)!;
    expect([stored.outputs!["recordExpired"], stored.outputs!["status"]]).toEqual([true, "Success"]);
    const invokes = calls(emu, "InvokeCommand").length;
    await project.spec(spec("echo first", { run: { instanceIds: LINUX }, every: { frequency: "rate(2h)" } }));
    const up = await project.up();
    expect(up.code).toBe(0);
    expect(calls(emu, "InvokeCommand")).toHaveLength(invokes);
  });

  it("destroy stops what still runs and succeeds for finished and missing invocations", async () => {
    await project.spec(spec("echo first", { run: { instanceIds: LINUX }, every: { frequency: "rate(2h)" }, fresh: { frequency: "rate(3h)" } }));
    expect((await project.up()).code).toBe(0);
    const fresh = (await results())["fresh"]!;
    const stopsBefore = calls(emu, "StopInvocation").length;
    const destroy = await project.destroy();
    expect([destroy.code, destroy.output]).toEqual([0, expect.stringContaining("deleted")]);
    // Only the still-scheduled invocation needed a StopInvocation: "run" expired, "every" was already stopped.
    expect(
      calls(emu, "StopInvocation")
        .slice(stopsBefore)
        .map((c) => c.params["InvokeId"]),
    ).toEqual([fresh.id]);
    expect(await invocationStatus(emu, fresh.id)).toBe("Stopped");
  });
});
