import type Ecs from "@alicloud/ecs20140526";
import * as $Ecs from "@alicloud/ecs20140526";
import type { RunningEmulator } from "../../emulator";
import { emulator, eventually, sdkClient } from "../support/emulator";

/**
 * One emulator and three commands for the InvokeCommand test files (rules, execution). The
 * bindings below are assigned in beforeAll; importers read them live, inside tests.
 */
export const LINUX = ["i-linux0000000000001", "i-linux0000000000002"];
export const WINDOWS = "i-windows00000000001";
export let emu: RunningEmulator;
export let ecs: Ecs;
export let shellCommand: string;
export let paramCommand: string;
export let batCommand: string;

export function useInvokeFixture(): void {
  beforeAll(async () => {
    // A Timeout ceiling only when one is set: the API documents InvalidTimeout.ExceedLimit, not the limit.
    emu = await emulator({ quotas: { dailyInvocations: 1000, maxTimeoutSeconds: 86_400 } });
    ecs = sdkClient(emu);
    const create = async (request: Partial<$Ecs.CreateCommandRequest>) =>
      (await ecs.createCommand(new $Ecs.CreateCommandRequest({ regionId: "cn-hangzhou", type: "RunShellScript", ...request }))).body!.commandId!;
    shellCommand = await create({ name: "plain", commandContent: Buffer.from("echo plain").toString("base64") });
    paramCommand = await create({ name: "param", commandContent: Buffer.from("echo {{greeting}} {{name}}").toString("base64"), enableParameter: true });
    batCommand = await create({ name: "bat", type: "RunBatScript", commandContent: Buffer.from("echo hi\r\nexit /b 3").toString("base64") });
  });
  afterAll(() => emu.close());
}

export function invoke(request: Partial<$Ecs.InvokeCommandRequest>) {
  return ecs.invokeCommand(new $Ecs.InvokeCommandRequest({ regionId: "cn-hangzhou", commandId: shellCommand, instanceId: [LINUX[0]!], ...request }));
}

export async function describe1(invokeId: string) {
  const response = await ecs.describeInvocations(
    new $Ecs.DescribeInvocationsRequest({ regionId: "cn-hangzhou", invokeId, includeOutput: true, contentEncoding: "PlainText" }),
  );
  return response.body!.invocations!.invocation![0]!;
}

export async function finished(invokeId: string) {
  return eventually(async () => {
    const invocation = await describe1(invokeId);
    return ["Success", "Failed", "PartialFailed", "Stopped"].includes(invocation.invocationStatus ?? "") ? invocation : undefined;
  });
}
