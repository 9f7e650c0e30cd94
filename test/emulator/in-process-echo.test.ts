import * as $Ecs from "@alicloud/ecs20140526";
import { emulator, eventually, sdkClient } from "../support/emulator";

const LINUX = "i-linux0000000000001";
// The module object the emulator's shell.ts calls `spawn` on (a namespace import is a frozen copy).
const childProcess = require("node:child_process") as typeof import("node:child_process");

async function run(emu: Awaited<ReturnType<typeof emulator>>, commandContent: string) {
  const client = sdkClient(emu);
  const { body } = await client.runCommand(
    new $Ecs.RunCommandRequest({ regionId: "cn-hangzhou", type: "RunShellScript", commandContent, instanceId: [LINUX] }),
  );
  return eventually(async () => {
    const response = await client.describeInvocations(
      new $Ecs.DescribeInvocationsRequest({ regionId: "cn-hangzhou", invokeId: body!.invokeId!, includeOutput: true }),
    );
    const invocation = response.body!.invocations!.invocation![0]!;
    const instance = invocation.invokeInstances!.invokeInstance![0]!;
    return invocation.invocationStatus === "Success" ? [instance.exitCode, Buffer.from(instance.output!, "base64").toString()] : undefined;
  });
}

describe("the inProcessEcho benchmark setting", () => {
  it("answers a plain echo as /bin/sh would, without starting a process; anything else still runs in a shell", async () => {
    const emu = await emulator({ inProcessEcho: true, deliveryDelayMs: 0 });
    try {
      const spawn = jest.spyOn(childProcess, "spawn");
      expect(await run(emu, "echo ok")).toEqual([0, "ok\n"]);
      expect(spawn).not.toHaveBeenCalled();
      expect(await run(emu, "echo $((1 + 2))")).toEqual([0, "3\n"]);
      expect(spawn).toHaveBeenCalledTimes(1);
    } finally {
      jest.restoreAllMocks();
      await emu.close();
    }
  });

  it("is off by default: the same echo runs in /bin/sh", async () => {
    const emu = await emulator({ deliveryDelayMs: 0 });
    try {
      const spawn = jest.spyOn(childProcess, "spawn");
      expect(await run(emu, "echo ok")).toEqual([0, "ok\n"]);
      expect(spawn).toHaveBeenCalledTimes(1);
    } finally {
      jest.restoreAllMocks();
      await emu.close();
    }
  });
});
