import * as $Ecs from "@alicloud/ecs20140526";
import type { RequestLogEntry, RunningEmulator } from "../../emulator";
import { eventually, sdkClient } from "../support/emulator";
import { type PulumiProject, runEcsImportWith } from "./harness";

export const LINUX = ["i-linux0000000000001", "i-linux0000000000002"];

/** Calls of one action the emulator answered, oldest first. */
export function calls(emu: RunningEmulator, action: string): RequestLogEntry[] {
  return emu.requestLog.filter((entry) => entry.action === action);
}

/** Calls that change something in the cloud. */
export function mutations(emu: RunningEmulator): RequestLogEntry[] {
  return emu.requestLog.filter((entry) => !/^Describe/.test(entry.action));
}

export async function invocationStatus(emu: RunningEmulator, invokeId: string): Promise<string | undefined> {
  const body = (await sdkClient(emu).describeInvocations(new $Ecs.DescribeInvocationsRequest({ regionId: "cn-hangzhou", invokeId }))).body!;
  return body.invocations!.invocation![0]?.invocationStatus;
}

export interface InvocationResult {
  id: string;
  status: string;
  instances: { instanceId: string; status: string; exitCode: number; output: string }[];
}

/** A command and invocations of it, in the form test/e2e/programs/spec reads. */
export function spec(content: string, invocations: Record<string, Record<string, unknown>>, command: Record<string, unknown> = {}) {
  return {
    commands: { cmd: { name: "e2e", type: "RunShellScript", commandContent: content, ...command } },
    invocations: Object.fromEntries(
      Object.entries(invocations).map(([name, entry]) => {
        const { customTimeouts, import: importId, count, ...args } = entry;
        return [name, { args: { commandId: "$cmd", instanceIds: [LINUX[0]], ...args }, customTimeouts, import: importId, count }];
      }),
    ),
  };
}

/** An inline script run with RunCommand (outside Pulumi) on the second Linux instance, once it has succeeded. */
export async function finishedInlineRun(emu: RunningEmulator, script: string): Promise<string> {
  const invokeId = (
    await sdkClient(emu).runCommand(
      new $Ecs.RunCommandRequest({
        regionId: "cn-hangzhou",
        type: "RunShellScript",
        commandContent: script,
        contentEncoding: "PlainText",
        instanceId: [LINUX[1]!],
      }),
    )
  ).body!.invokeId!;
  await eventually(async () => ((await invocationStatus(emu, invokeId)) === "Success" ? true : undefined));
  return invokeId;
}

/** The EcsInvocation `name` as the stack's state holds it. */
export async function storedInvocation(project: PulumiProject, name: string) {
  const state = await project.exportState();
  return (state.deployment.resources ?? []).find((r) => r.urn.endsWith(`EcsInvocation::${name}`));
}

/** Runs the built `ecs-import` against an emulator, with its key pair in the environment. */
export function runEcsImport(emu: RunningEmulator, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const key = emu.accessKeys[0]!;
  return runEcsImportWith({ ...process.env, ALICLOUD_ACCESS_KEY: key.accessKeyId, ALICLOUD_SECRET_KEY: key.accessKeySecret }, args);
}
