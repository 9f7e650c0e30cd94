import * as $Ecs from "@alicloud/ecs20140526";
import { ManualClock } from "../../emulator";
import { emulator, eventually, sdkClient, sdkError } from "../support/emulator";

const REGION = "cn-hangzhou";

describe("ModifyInvocationAttribute", () => {
  it("changes what a scheduled task runs next: content, parameters, frequency and instances", async () => {
    const clock = new ManualClock(Date.now());
    const emu = await emulator({ clock });
    try {
      const ecs = sdkClient(emu);
      const commandId = (
        await ecs.createCommand(
          new $Ecs.CreateCommandRequest({
            regionId: REGION,
            name: "tick",
            type: "RunShellScript",
            enableParameter: true,
            commandContent: Buffer.from("echo old {{who}}").toString("base64"),
          }),
        )
      ).body!.commandId!;
      const invokeId = (
        await ecs.invokeCommand(
          new $Ecs.InvokeCommandRequest({
            regionId: REGION,
            commandId,
            instanceId: ["i-linux0000000000001"],
            frequency: "rate(1h)",
            parameters: { who: "a" },
          }),
        )
      ).body!.invokeId!;
      await ecs.modifyInvocationAttribute(
        new $Ecs.ModifyInvocationAttributeRequest({
          regionId: REGION,
          invokeId,
          commandContent: "echo new {{who}}",
          enableParameter: true,
          parameters: { who: "b" },
          frequency: "rate(2h)",
          instanceId: ["i-linux0000000000002"],
        }),
      );
      const view = (await ecs.describeInvocations(new $Ecs.DescribeInvocationsRequest({ regionId: REGION, invokeId, contentEncoding: "PlainText" }))).body!
        .invocations!.invocation![0]!;
      expect([view.frequency, view.commandContent, view.invokeInstances!.invokeInstance!.map((i) => [i.instanceId, i.invocationStatus])]).toEqual([
        "rate(2h)",
        "echo new {{who}}",
        [
          ["i-linux0000000000001", "Scheduled"],
          ["i-linux0000000000002", "Scheduled"],
        ],
      ]);
      clock.advance(2 * 3_600_000);
      clock.advance(100);
      // Two hours on, signed requests would fall outside the timestamp window: read the store.
      const slots = () => emu.store.state.regions[REGION]!.invocations[invokeId]!.instances;
      const ran = await eventually(async () => (slots().every((i) => i.repeats === 1 && i.status === "Scheduled") ? slots() : undefined));
      expect(ran.map((i) => Buffer.from(i.outputBase64, "base64").toString("utf8"))).toEqual(["new b\n", "new b\n"]);
    } finally {
      await emu.close();
    }
  });

  it.each<[string, Partial<$Ecs.ModifyInvocationAttributeRequest>, string, number]>([
    ["an unknown invocation", { invokeId: "t-nothere" }, "InvalidInvokeId.NotFound", 404],
    ["a parameter the content does not define", { parameters: { other: "x" }, enableParameter: true }, "Parameter.NotMatched", 403],
    ["a bad frequency", { frequency: "rate(5s)" }, "InvalidParam.Frequency", 400],
    ["an unknown instance", { instanceId: ["i-nothere"] }, "InvalidInstance.NotFound", 404],
    ["content over 24 KB", { commandContent: "#".repeat(25 * 1024) }, "CmdContent.ExceedLimit", 403],
  ])("refuses %s", async (_case, change, code, status) => {
    const emu = await emulator();
    try {
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
      const error = await sdkError(ecs.modifyInvocationAttribute(new $Ecs.ModifyInvocationAttributeRequest({ regionId: REGION, invokeId, ...change })));
      expect([error.code, error.statusCode]).toEqual([code, status]);
    } finally {
      await emu.close();
    }
  });

  it("refuses to modify a one-time invocation", async () => {
    const emu = await emulator();
    try {
      const ecs = sdkClient(emu);
      const invokeId = (
        await ecs.runCommand(
          new $Ecs.RunCommandRequest({ regionId: REGION, type: "RunShellScript", commandContent: "true", instanceId: ["i-linux0000000000001"] }),
        )
      ).body!.invokeId!;
      const error = await sdkError(
        ecs.modifyInvocationAttribute(new $Ecs.ModifyInvocationAttributeRequest({ regionId: REGION, invokeId, frequency: "rate(1h)" })),
      );
      expect([error.code, error.statusCode]).toEqual(["Operation.Forbidden", 403]);
    } finally {
      await emu.close();
    }
  });
});
