/**
 * What a resource of the no-op plugin floor (main.ts) stores: its inputs alone, or what an
 * invocation of the benchmark's instant command stores (test/bench/noop-plugin-stored checks the
 * second against a real create).
 */
import { randomBytes, randomUUID } from "node:crypto";
import { isoSeconds } from "../../emulator/clock";
import type { InvocationView } from "../../provider/cloud/ecs-api";
import type { InvocationInputs } from "../../provider/schema/invocation-schema";

export type Values = Record<string, unknown>;

let created = 0;

/** What a resource of the floor stores: its inputs alone, or an invocation's outputs too. */
export type Stored = (values: Values) => { id: string; outs: Values };

export const inputsOnly: Stored = (values) => ({ id: `noop-${process.pid}-${++created}`, outs: values });

/**
 * The outputs of a finished run of `echo ok` on each instance, as the real plugin stores them (the
 * builders loaded on first use: the floor that stores its inputs alone loads nothing more).
 */
export const likeAnInvocation: Stored = (values) => {
  const { fromView, invocationOutputs } =
    require("../../provider/lifecycle/invocation-outputs") as typeof import("../../provider/lifecycle/invocation-outputs");
  const invokeId = `t-${randomBytes(12).toString("hex")}`;
  // Times as the cloud (here the emulator) writes them.
  const now = isoSeconds(Date.now());
  const instanceIds = (values["instanceIds"] as string[] | undefined) ?? [];
  const view = {
    invokeId,
    commandName: "bench-ok",
    commandType: "RunShellScript",
    status: "Success",
    creationTime: now,
    instances: instanceIds.map((instanceId) => ({
      instanceId,
      status: "Success",
      exitCode: 0,
      errorCode: "",
      errorInfo: "",
      output: "ok\n",
      dropped: 0,
      repeats: 1,
      startTime: now,
      finishTime: now,
    })),
  } as Partial<InvocationView> as InvocationView;
  const outs = invocationOutputs(values as unknown as InvocationInputs, "cn-hangzhou", invokeId, `pulumi-${randomUUID()}`, "completed", fromView(view));
  return { id: invokeId, outs: outs as unknown as Values };
};
