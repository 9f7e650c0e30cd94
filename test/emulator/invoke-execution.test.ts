import * as $Ecs from "@alicloud/ecs20140526";
import { ManualClock } from "../../emulator";
import { control, emulator, eventually, sdkClient, sdkError } from "../support/emulator";
import { batCommand, describe1, ecs, finished, invoke, LINUX, paramCommand, useInvokeFixture, WINDOWS } from "./invoke-fixture";

useInvokeFixture();

describe("execution", () => {
  it("runs the script with parameters and built-ins substituted and captures its output", async () => {
    const { body } = await invoke({ commandId: paramCommand, parameters: { greeting: "hello", name: "world" }, instanceId: LINUX });
    const invocation = await finished(body!.invokeId!);
    expect(invocation.invocationStatus).toBe("Success");
    expect(invocation.invokeInstances?.invokeInstance?.map((i) => [i.instanceId, i.invocationStatus, i.exitCode, i.output])).toEqual([
      [LINUX[0], "Success", 0, "hello world\n"],
      [LINUX[1], "Success", 0, "hello world\n"],
    ]);
  });

  it("reports a non-zero exit code as Failed with ExitCodeNonzero", async () => {
    const { body } = await ecs.runCommand(
      new $Ecs.RunCommandRequest({ regionId: "cn-hangzhou", type: "RunShellScript", commandContent: "echo oops >&2; exit 7", instanceId: [LINUX[0]!] }),
    );
    const invocation = await finished(body!.invokeId!);
    const instance = invocation.invokeInstances!.invokeInstance![0]!;
    expect([invocation.invocationStatus, instance.invocationStatus, instance.exitCode, instance.errorCode, instance.output]).toEqual([
      "Failed",
      "Failed",
      7,
      "ExitCodeNonzero",
      "oops\n",
    ]);
  });

  it("derives PartialFailed when one instance fails and another succeeds", async () => {
    const { body } = await ecs.runCommand(
      new $Ecs.RunCommandRequest({
        regionId: "cn-hangzhou",
        type: "RunShellScript",
        commandContent: 'test "{{ACS::InstanceId}}" = i-linux0000000000001',
        instanceId: LINUX,
      }),
    );
    expect((await finished(body!.invokeId!)).invocationStatus).toBe("PartialFailed");
  });

  it("kills a run that outlives its timeout and reports ExecutionTimeout", async () => {
    // Emulator time only moves when the test says so: the 10 s timeout passes without waiting 10 s.
    const clock = new ManualClock(Date.now());
    const timed = await emulator({ clock });
    try {
      const client = sdkClient(timed);
      const { body } = await client.runCommand(
        new $Ecs.RunCommandRequest({ regionId: "cn-hangzhou", type: "RunShellScript", commandContent: "sleep 30", timeout: 10, instanceId: [LINUX[0]!] }),
      );
      clock.advance(10);
      await eventually(async () => {
        const response = await client.describeInvocations(new $Ecs.DescribeInvocationsRequest({ regionId: "cn-hangzhou", invokeId: body!.invokeId! }));
        return response.body!.invocations!.invocation![0]!.invocationStatus === "Running" ? true : undefined;
      });
      await eventually(async () => (timed.store.state.regions["cn-hangzhou"]!.invocations[body!.invokeId!]!.instances[0]!.startTime ? true : undefined));
      clock.advance(10_000);
      const instance = await eventually(async () => {
        const response = await client.describeInvocations(new $Ecs.DescribeInvocationsRequest({ regionId: "cn-hangzhou", invokeId: body!.invokeId! }));
        const result = response.body!.invocations!.invocation![0]!;
        return result.invocationStatus === "Failed" ? result.invokeInstances!.invokeInstance![0]! : undefined;
      });
      expect([instance.invocationStatus, instance.errorCode, instance.errorInfo]).toEqual([
        "Timeout",
        "ExecutionTimeout",
        "the command execution has been timeout",
      ]);
    } finally {
      await timed.close();
    }
  });

  it("caps output at 24 KB and counts the dropped bytes", async () => {
    const { body } = await ecs.runCommand(
      new $Ecs.RunCommandRequest({
        regionId: "cn-hangzhou",
        type: "RunShellScript",
        commandContent: "head -c 30000 /dev/zero | tr '\\0' a",
        instanceId: [LINUX[0]!],
      }),
    );
    const instance = (await finished(body!.invokeId!)).invokeInstances!.invokeInstance![0]!;
    expect([instance.output?.length, instance.dropped]).toEqual([24 * 1024, 30000 - 24 * 1024]);
  });

  it("reports per-instance errors for a stopped instance, a missing agent and an unknown user", async () => {
    const { body } = await invoke({ instanceId: ["i-stopped00000000001", "i-noagent00000000001"] });
    const invocation = await finished(body!.invokeId!);
    expect(invocation.invokeInstances!.invokeInstance!.map((i) => [i.invocationStatus, i.errorCode])).toEqual([
      ["Invalid", "InstanceNotRunning"],
      ["Aborted", "ClientNotRunning"],
    ]);
    const user = await finished((await invoke({ username: "nobody" })).body!.invokeId!);
    expect(user.invokeInstances!.invokeInstance![0]!.errorCode).toBe("AccountNotExists");
  });

  it("reports InstanceReleased for a run delivered after its instance was released", async () => {
    const clock = new ManualClock(Date.now());
    const fleet = await emulator({ clock });
    try {
      const client = sdkClient(fleet);
      const { body } = await client.runCommand(
        new $Ecs.RunCommandRequest({ regionId: "cn-hangzhou", type: "RunShellScript", commandContent: "true", instanceId: [LINUX[1]!] }),
      );
      await control(fleet, "DELETE", `fleet/${LINUX[1]}`);
      clock.advance(1_000);
      const instance = await eventually(async () => {
        const found = (await client.describeInvocations(new $Ecs.DescribeInvocationsRequest({ regionId: "cn-hangzhou", invokeId: body!.invokeId! }))).body!
          .invocations!.invocation![0]!;
        return found.invocationStatus === "Failed" ? found.invokeInstances!.invokeInstance![0]! : undefined;
      });
      expect([instance.invocationStatus, instance.errorCode, instance.errorInfo]).toEqual([
        "Invalid",
        "InstanceReleased",
        "the instance has released when create task",
      ]);
      const listed = (await client.describeInstances(new $Ecs.DescribeInstancesRequest({ regionId: "cn-hangzhou" }))).body!.instances!.instance!.map(
        (i) => i.instanceId,
      );
      expect(listed).not.toContain(LINUX[1]);
    } finally {
      await fleet.close();
    }
  });

  it("simulates Windows scripts and takes the exit code from their last exit line", async () => {
    const { body } = await ecs.invokeCommand(new $Ecs.InvokeCommandRequest({ regionId: "cn-hangzhou", commandId: batCommand, instanceId: [WINDOWS] }));
    const instance = (await finished(body!.invokeId!)).invokeInstances!.invokeInstance![0]!;
    expect([instance.invocationStatus, instance.exitCode]).toEqual(["Failed", 3]);
  });

  it("stops a running invocation: the run is terminated and the invocation Stopped", async () => {
    const { body } = await ecs.runCommand(
      new $Ecs.RunCommandRequest({ regionId: "cn-hangzhou", type: "RunShellScript", commandContent: "sleep 30", instanceId: [LINUX[0]!] }),
    );
    const invokeId = body!.invokeId!;
    await eventually(async () => ((await describe1(invokeId)).invocationStatus === "Running" ? true : undefined));
    await ecs.stopInvocation(new $Ecs.StopInvocationRequest({ regionId: "cn-hangzhou", invokeId }));
    const invocation = await finished(invokeId);
    expect([invocation.invocationStatus, invocation.invokeInstances!.invokeInstance![0]!.invocationStatus]).toEqual(["Stopped", "Terminated"]);
  });

  it("refuses to stop an unknown invocation or an instance it does not include", async () => {
    const unknown = await sdkError(ecs.stopInvocation(new $Ecs.StopInvocationRequest({ regionId: "cn-hangzhou", invokeId: "t-nothere" })));
    expect([unknown.code, unknown.statusCode]).toEqual(["InvalidInvokeId.NotFound", 404]);
    const { body } = await invoke({});
    const other = await sdkError(
      ecs.stopInvocation(new $Ecs.StopInvocationRequest({ regionId: "cn-hangzhou", invokeId: body!.invokeId!, instanceId: [LINUX[1]!] })),
    );
    expect([other.code, other.data?.["Message"]]).toEqual(["InvalidInstanceId.NotFound", "The specified parameter InstanceId does not exist."]);
  });

  it("targets the instances that carry the resource tags", async () => {
    const { body } = await invoke({ instanceId: undefined, resourceTag: [new $Ecs.InvokeCommandRequestResourceTag({ key: "role", value: "web" })] });
    const invocation = await finished(body!.invokeId!);
    expect(invocation.invokeInstances!.invokeInstance!.map((i) => i.instanceId).sort()).toEqual(LINUX);
  });
});
