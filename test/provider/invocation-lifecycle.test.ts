import * as $Ecs from "@alicloud/ecs20140526";
import type { RequestLogEntry, RunningEmulator } from "../../emulator";
import { startSession } from "../../provider/cloud/session";
import { create, read, remove } from "../../provider/lifecycle/invocation-lifecycle";
import type { InvocationOutputs } from "../../provider/lifecycle/invocation-state";
import { PartialFailure } from "../../provider/lifecycle/partial-failure";
import { overrideRuntime } from "../../provider/lifecycle/runtime";
import { control, emulator, eventually, sdkClient } from "../support/emulator";
import { configureFor } from "../support/provider";

const LINUX = ["i-linux0000000000001", "i-linux0000000000002"];
let emu: RunningEmulator;
let restore: () => void;
const progress: string[] = [];

async function command(content: string, extra: Partial<$Ecs.CreateCommandRequest> = {}): Promise<string> {
  const response = await sdkClient(emu).createCommand(
    new $Ecs.CreateCommandRequest({
      regionId: "cn-hangzhou",
      name: "test",
      type: "RunShellScript",
      commandContent: Buffer.from(content).toString("base64"),
      ...extra,
    }),
  );
  return response.body!.commandId!;
}

async function requests(action: string): Promise<RequestLogEntry[]> {
  return control<RequestLogEntry[]>(emu, "GET", `requests?action=${action}`);
}

async function rejection(promise: Promise<unknown>): Promise<PartialFailure & Error> {
  try {
    await promise;
  } catch (error) {
    return error as PartialFailure & Error;
  }
  throw new Error("expected a failure");
}

beforeAll(async () => {
  emu = await emulator();
  configureFor(emu);
  restore = overrideRuntime({ progress: (line) => progress.push(line) });
});
afterAll(async () => {
  restore();
  await emu.close();
});
beforeEach(() => control(emu, "PUT", "faults", {}));

describe("create", () => {
  it("runs the command, waits for the result and returns each instance's output", async () => {
    const commandId = await command("echo out-{{ACS::InstanceId}}");
    const { id, outs } = await create({ commandId, instanceIds: LINUX, __provider: "shim" } as never);
    expect(id).toMatch(/^t-/);
    expect([outs.status, outs.createOutcome, outs.invokeId, outs.resolvedRegionId]).toEqual(["Success", "completed", id, "cn-hangzhou"]);
    expect(outs.instances.map((i) => [i.instanceId, i.status, i.exitCode, i.output])).toEqual([
      [LINUX[0], "Success", 0, `out-${LINUX[0]}\n`],
      [LINUX[1], "Success", 0, `out-${LINUX[1]}\n`],
    ]);
    expect(outs.usedClientToken).toMatch(/^pulumi-/);
    expect(progress.some((line) => line.includes(`${id}: Success, 2/2 instances finished`))).toBe(true);
  });

  it("records a failed run in state and reports each failing instance's exit code and output", async () => {
    const commandId = await command('if [ "{{ACS::InstanceId}}" = i-linux0000000000002 ]; then echo "disk full" >&2; exit 4; fi; echo fine');
    const error = await rejection(create({ commandId, instanceIds: LINUX, __provider: "shim" } as never));
    expect(error).toBeInstanceOf(PartialFailure);
    expect(error.id).toMatch(/^t-/);
    expect(error.properties).toEqual(expect.objectContaining({ status: "PartialFailed", createOutcome: "failed", __provider: "shim" }));
    expect(error.message).toContain("ended PartialFailed (1 of 2 instances did not succeed)");
    expect(error.message).toContain("i-linux0000000000002: Failed, error ExitCodeNonzero, the command execution exit code is not zero, exit code 4");
    expect(error.message).toContain("output: disk full");
    expect(error.message).not.toContain("i-linux0000000000001:");
  });

  it("records an invocation that outlives the create timeout, with a message that says what to do", async () => {
    const commandId = await command("sleep 20");
    const error = await rejection(create({ commandId, instanceIds: [LINUX[0]], timeouts: { create: "1s" }, __provider: "shim" } as never));
    expect(error).toBeInstanceOf(PartialFailure);
    expect(error.properties).toEqual(expect.objectContaining({ status: "Running", createOutcome: "timedOut" }));
    expect(error.message).toContain("did not reach a final state within the create timeout of 1s (it is Running)");
    expect(error.message).toContain("Raise timeouts.create or the customTimeouts option");
    await remove(error.id, error.properties as unknown as InvocationOutputs);
  });

  it("waits only until a scheduled invocation is Scheduled", async () => {
    const commandId = await command("true");
    const { id, outs } = await create({ commandId, instanceIds: [LINUX[0]], frequency: "rate(1h)", __provider: "shim" } as never);
    expect([outs.status, outs.createOutcome]).toEqual(["Scheduled", "completed"]);
    await remove(id, outs);
    const stopped = (await sdkClient(emu).describeInvocations(new $Ecs.DescribeInvocationsRequest({ regionId: "cn-hangzhou", invokeId: id }))).body!;
    expect(stopped.invocations!.invocation![0]!.invocationStatus).toBe("Stopped");
  });

  it("returns right after InvokeCommand when told not to wait", async () => {
    const commandId = await command("sleep 5");
    const { id, outs } = await create({ commandId, instanceIds: [LINUX[0]], waitForCompletion: false, __provider: "shim" } as never);
    expect(["Pending", "Running"]).toContain(outs.status);
    expect(outs.createOutcome).toBe("notWaited");
    await remove(id, outs);
  });

  it("runs the command once although the InvokeCommand response was lost, by retrying with the same ClientToken", async () => {
    const commandId = await command("true");
    await control(emu, "PUT", "faults", { script: [{ fault: "lose-response", action: "InvokeCommand" }] });
    const before = (await requests("InvokeCommand")).length;
    const { id } = await create({ commandId, instanceIds: [LINUX[0]], __provider: "shim" } as never);
    const calls = (await requests("InvokeCommand")).slice(before);
    expect(calls.map((c) => c.code)).toEqual(["ResponseLost", "OK"]);
    expect(new Set(calls.map((c) => c.params["ClientToken"])).size).toBe(1);
    const all = (await sdkClient(emu).describeInvocations(new $Ecs.DescribeInvocationsRequest({ regionId: "cn-hangzhou", commandId }))).body!;
    expect(all.invocations!.invocation!.map((i) => i.invokeId)).toEqual([id]);
  });

  it("says the command may be running when no InvokeCommand attempt got an answer, and the next create records it instead of running it again", async () => {
    const commandId = await command("true");
    const inputs = {
      commandId,
      instanceIds: [LINUX[0]],
      timeouts: { create: "2s" },
      __provider: "shim",
      __urn: "urn:pulumi:s::p::pulumi-nodejs:dynamic/alicloud:EcsInvocation::lost",
    };
    await control(emu, "PUT", "faults", { script: [{ fault: "lose-response", action: "InvokeCommand", count: 100 }] });
    const error = await rejection(create(inputs as never));
    await control(emu, "PUT", "faults", {});
    expect(error).not.toBeInstanceOf(PartialFailure);
    expect(error.message).toMatch(/^InvokeCommand after \d+ attempts over [\d.]+s failed: /);
    expect(error.message).toMatch(
      new RegExp(
        `an invocation of ${commandId} in region cn-hangzhou, sent with ClientToken pulumi-[0-9a-f-]+\\). The next \`pulumi up\` finds such an invocation`,
      ),
    );
    const created = (await sdkClient(emu).describeInvocations(new $Ecs.DescribeInvocationsRequest({ regionId: "cn-hangzhou", commandId }))).body!;
    expect(created.invocations!.invocation).toHaveLength(1);
    const invokes = (await requests("InvokeCommand")).length;
    startSession(); // the next `pulumi up` runs in a new provider process
    const { id, outs } = await create(inputs as never);
    expect([id, outs.status]).toEqual([created.invocations!.invocation![0]!.invokeId, "Success"]);
    expect(await requests("InvokeCommand")).toHaveLength(invokes);
  });

  it("does not resume a run of the same resource that was released, nor one of another resource", async () => {
    const commandId = await command("true");
    const urn = "urn:pulumi:s::p::pulumi-nodejs:dynamic/alicloud:EcsInvocation::released";
    const first = await create({ commandId, instanceIds: [LINUX[0]], __provider: "shim", __urn: urn } as never);
    await remove(first.id, first.outs as never);
    const again = await create({ commandId, instanceIds: [LINUX[0]], __provider: "shim", __urn: urn } as never);
    const other = await create({ commandId, instanceIds: [LINUX[0]], __provider: "shim", __urn: `${urn}-other` } as never);
    expect(new Set([first.id, again.id, other.id]).size).toBe(3);
  });

  it("stops a run an interrupted create left with other inputs before it starts the new one", async () => {
    const commandId = await command("sleep 30");
    const urn = "urn:pulumi:s::p::pulumi-nodejs:dynamic/alicloud:EcsInvocation::changed";
    await control(emu, "PUT", "faults", { script: [{ fault: "lose-response", action: "InvokeCommand", count: 100 }] });
    await rejection(create({ commandId, instanceIds: [LINUX[0]], timeouts: { create: "1s" }, __provider: "shim", __urn: urn } as never));
    await control(emu, "PUT", "faults", {});
    const orphan = (await sdkClient(emu).describeInvocations(new $Ecs.DescribeInvocationsRequest({ regionId: "cn-hangzhou", commandId }))).body!.invocations!
      .invocation![0]!;
    startSession(); // the next `pulumi up` runs in a new provider process
    const next = await create({ commandId, instanceIds: LINUX, waitForCompletion: false, __provider: "shim", __urn: urn } as never);
    expect(next.id).not.toBe(orphan.invokeId);
    const stops = (await requests("StopInvocation")).map((c) => c.params["InvokeId"]);
    expect(stops).toContain(orphan.invokeId);
    const status = (await sdkClient(emu).describeInvocations(new $Ecs.DescribeInvocationsRequest({ regionId: "cn-hangzhou", invokeId: orphan.invokeId }))).body!
      .invocations!.invocation![0]!;
    expect(status.invocationStatus).toBe("Stopped");
    await remove(next.id, next.outs as never);
  });

  it("retries throttling and server errors, then succeeds", async () => {
    const commandId = await command("true");
    await control(emu, "PUT", "faults", {
      script: [
        { fault: "throttle", action: "InvokeCommand" },
        { fault: "unavailable", action: "InvokeCommand" },
      ],
    });
    overrideRuntime({ timing: { now: () => Date.now(), sleep: () => Promise.resolve(), random: () => 0.5 } });
    try {
      const { outs } = await create({ commandId, instanceIds: [LINUX[0]], __provider: "shim" } as never);
      expect(outs.status).toBe("Success");
      const served = (await requests("InvokeCommand")).filter((c) => c.params["CommandId"] === commandId).map((c) => c.code);
      expect(served).toEqual(["Throttling.User", "ServiceUnavailable", "OK"]);
    } finally {
      overrideRuntime({ timing: { now: () => Date.now(), sleep: (ms) => new Promise((r) => setTimeout(r, ms)), random: Math.random } });
    }
  });

  it("fails without recording anything when InvokeCommand is rejected, naming the code, the RequestId and what to do", async () => {
    const error = await rejection(create({ commandId: "c-missing", instanceIds: [LINUX[0]], __provider: "shim" } as never));
    expect(error).not.toBeInstanceOf(PartialFailure);
    expect(error.message).toMatch(
      /^InvokeCommand failed: InvalidCmdId\.NotFound: The specified command ID does not exist\. \(RequestId: [0-9A-F-]{36}\)\nCommand c-missing does not exist in region cn-hangzhou/,
    );
  });

  it("passes a DryRun through without creating an invocation", async () => {
    const commandId = await command("true");
    const { id, outs } = await create({ commandId, instanceIds: [LINUX[0]], repeatMode: "DryRun", __provider: "shim" } as never);
    expect([id.startsWith("dryrun-"), outs.status, outs.createOutcome]).toEqual([true, "DryRunPassed", "dryRun"]);
  });
});

describe("adoption (import)", () => {
  it("adopts an existing invocation without running anything", async () => {
    const commandId = await command("true");
    const existing = (await sdkClient(emu).invokeCommand(new $Ecs.InvokeCommandRequest({ regionId: "cn-hangzhou", commandId, instanceId: [LINUX[0]!] }))).body!
      .invokeId!;
    const before = (await requests("InvokeCommand")).length;
    const { id, outs } = await create({ commandId, instanceIds: [LINUX[0]], adoptInvokeId: existing, __provider: "shim" } as never);
    expect([id, outs.createOutcome]).toEqual([existing, "adopted"]);
    expect((await requests("InvokeCommand")).length).toBe(before);
  });

  it("refuses to adopt an invocation that differs from the declaration, listing every difference", async () => {
    const commandId = await command("true");
    const existing = (await sdkClient(emu).invokeCommand(new $Ecs.InvokeCommandRequest({ regionId: "cn-hangzhou", commandId, instanceId: [LINUX[0]!] }))).body!
      .invokeId!;
    const error = await rejection(create({ commandId: "c-other", instanceIds: LINUX, adoptInvokeId: existing, __provider: "shim" } as never));
    expect(error.message).toContain(`Cannot import invocation ${existing}: the program declares different inputs:`);
    expect(error.message).toContain(`commandId: declared "c-other", actual "${commandId}"`);
    expect(error.message).toContain(`instanceIds: declared ${JSON.stringify(LINUX)}, actual ["${LINUX[0]}"]`);
  });
});

describe("read and delete", () => {
  async function created(content = "true"): Promise<{ id: string; outs: InvocationOutputs }> {
    return create({ commandId: await command(content), instanceIds: [LINUX[0]], __provider: "shim" } as never);
  }

  it("refreshes the status of an invocation stopped behind Pulumi's back", async () => {
    const { id, outs } = await create({ commandId: await command("sleep 20"), instanceIds: [LINUX[0]], waitForCompletion: false, __provider: "shim" } as never);
    await sdkClient(emu).stopInvocation(new $Ecs.StopInvocationRequest({ regionId: "cn-hangzhou", invokeId: id }));
    await eventually(async () => {
      const body = (await sdkClient(emu).describeInvocations(new $Ecs.DescribeInvocationsRequest({ regionId: "cn-hangzhou", invokeId: id }))).body!;
      return body.invocations!.invocation![0]!.invocationStatus === "Stopped" ? true : undefined;
    });
    const result = await read(id, outs);
    expect([result.id, result.props?.status, result.props?.createOutcome]).toEqual([id, "Stopped", "failed"]);
  });

  it("keeps a finished invocation whose record expired, so it never runs again", async () => {
    const { id, outs } = await created();
    await control(emu, "POST", `invocations/${id}/expire`);
    const result = await read(id, outs);
    expect([result.id, result.props?.recordExpired, result.props?.status]).toEqual([id, true, "Success"]);
    expect(result.inputs).toEqual(expect.objectContaining({ commandId: outs.commandId, instanceIds: outs.instanceIds }));
  });

  it("reports an unfinished invocation that disappeared as gone", async () => {
    const { id, outs } = await create({ commandId: await command("sleep 20"), instanceIds: [LINUX[0]], waitForCompletion: false, __provider: "shim" } as never);
    await control(emu, "POST", `invocations/${id}/expire`);
    expect(await read(id, outs)).toEqual({ id: "" });
  });

  it("does not stop a finished invocation on delete, and succeeds when it is gone", async () => {
    const { id, outs } = await created();
    const before = (await requests("StopInvocation")).length;
    await remove(id, outs);
    expect((await requests("StopInvocation")).length).toBe(before);
    await control(emu, "POST", `invocations/${id}/expire`);
    await expect(remove(id, outs)).resolves.toBeUndefined();
  });

  it("stops a running invocation on delete and waits until it has stopped", async () => {
    const { id, outs } = await create({ commandId: await command("sleep 20"), instanceIds: [LINUX[0]], waitForCompletion: false, __provider: "shim" } as never);
    await remove(id, outs);
    const after = (await sdkClient(emu).describeInvocations(new $Ecs.DescribeInvocationsRequest({ regionId: "cn-hangzhou", invokeId: id }))).body!;
    expect(after.invocations!.invocation![0]!.invocationStatus).toBe("Stopped");
  });
});
