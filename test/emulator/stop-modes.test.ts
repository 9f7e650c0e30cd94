import * as $Ecs from "@alicloud/ecs20140526";
import { emulatorForFile, eventually, sdkClient } from "../support/emulator";

const REGION = "cn-hangzhou";
const emu = emulatorForFile({ stopRunning: "let-finish" });

async function view(invokeId: string) {
  const body = (
    await sdkClient(emu).describeInvocations(
      new $Ecs.DescribeInvocationsRequest({ regionId: REGION, invokeId, includeOutput: true, contentEncoding: "PlainText" }),
    )
  ).body!;
  return body.invocations!.invocation![0]!;
}

describe("StopInvocation with stopRunning: let-finish (the StopInvocation page's reading)", () => {
  it("lets a started one-time run finish and records its own result", async () => {
    const ecs = sdkClient(emu);
    const invokeId = (
      await ecs.runCommand(
        new $Ecs.RunCommandRequest({
          regionId: REGION,
          type: "RunShellScript",
          commandContent: "sleep 1; echo finished",
          instanceId: ["i-linux0000000000001"],
        }),
      )
    ).body!.invokeId!;
    await eventually(async () => ((await view(invokeId)).invocationStatus === "Running" ? true : undefined));
    await ecs.stopInvocation(new $Ecs.StopInvocationRequest({ regionId: REGION, invokeId }));
    expect((await view(invokeId)).invocationStatus).toBe("Running");
    const done = await eventually(async () => {
      const current = await view(invokeId);
      return current.invocationStatus === "Running" ? undefined : current;
    });
    expect([done.invocationStatus, done.invokeInstances!.invokeInstance![0]!.output]).toEqual(["Success", "finished\n"]);
  });

  it("still cancels a scheduled task: it gets no further runs", async () => {
    const ecs = sdkClient(emu);
    const invokeId = (
      await ecs.runCommand(
        new $Ecs.RunCommandRequest({
          regionId: REGION,
          type: "RunShellScript",
          commandContent: "true",
          repeatMode: "Period",
          frequency: "rate(1h)",
          instanceId: ["i-linux0000000000001"],
        }),
      )
    ).body!.invokeId!;
    await ecs.stopInvocation(new $Ecs.StopInvocationRequest({ regionId: REGION, invokeId }));
    expect([(await view(invokeId)).invocationStatus, (await view(invokeId)).invokeInstances!.invokeInstance![0]!.invocationStatus]).toEqual([
      "Stopped",
      "Cancelled",
    ]);
  });
});
