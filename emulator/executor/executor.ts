import type { Clock, TimerHandle } from "../clock";
import { type ExecutionErrorCode, executionErrors } from "../model/status";
import type { Store } from "../model/store";
import type { Execution, Instance, Invocation, InvocationInstance } from "../model/types";
import type { LocalOss } from "./oss-delivery";
import { plainEcho } from "./plain-echo";
import type { Sandbox } from "./sandbox";
import { runShell, type ShellRun } from "./shell";
import { simulateWindowsScript } from "./windows";

/**
 * What StopInvocation does to an execution that has already started. The two official pages
 * disagree: the StopInvocation page says started one-time runs are not interrupted
 * (`let-finish`), while the InvokeCommand page's TerminationMode says how the process is stopped
 * "when a command execution is manually stopped" and the status Terminated exists (`terminate`).
 */
export type StopRunning = "terminate" | "let-finish";

export interface ExecutorOptions {
  /** Time between a run being due and the agent starting it: the window where the status is Pending. */
  deliveryDelayMs: number;
  accountId: string;
  /** Default `terminate`. */
  stopRunning?: StopRunning;
  /** A plain `echo` answered without starting a shell (see plain-echo; benchmark setting). */
  inProcessEcho?: boolean;
}

/** What happens to an instance after a run: a one-off task ends, a scheduled one waits for its next run. */
export type AfterRun = "finish" | "reschedule";

/**
 * Runs invocations on instances: delivery (Pending), execution (Running), and the final or
 * between-runs state, with the documented error codes when an instance cannot run the command.
 */
export class Executor {
  private readonly shells = new Map<string, ShellRun>();
  private readonly timers = new Set<TimerHandle>();

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly sandbox: Sandbox,
    private readonly options: ExecutorOptions,
    private readonly oss: LocalOss,
  ) {}

  /** Delivers one run of `invocation` to `instanceId` after the delivery delay. */
  dispatch(invocation: Invocation, instanceId: string, after: AfterRun): void {
    const slot = findSlot(invocation, instanceId);
    if (!slot) return;
    slot.status = "Pending";
    slot.updateTime = this.clock.now();
    this.store.changed();
    const timer = this.clock.setTimer(() => {
      this.timers.delete(timer);
      void this.execute(invocation.regionId, invocation.invokeId, instanceId, after);
    }, this.options.deliveryDelayMs);
    this.timers.add(timer);
  }

  /**
   * Stops pending runs (Cancelled) and schedules no more. Running ones are killed per the
   * TerminationMode (Terminated), or left to finish with `stopRunning: "let-finish"`.
   */
  stop(invocation: Invocation, instanceIds?: readonly string[]): void {
    const now = this.clock.now();
    for (const slot of invocation.instances) {
      if (instanceIds && !instanceIds.includes(slot.instanceId)) continue;
      slot.stopRequested = true;
      slot.updateTime = now;
      if (slot.status === "Pending" || slot.status === "Scheduled") {
        slot.status = "Cancelled";
        slot.stopTime = now;
      } else if (slot.status === "Running" && this.options.stopRunning !== "let-finish") {
        slot.status = "Stopping";
        this.shells.get(key(invocation.invokeId, slot.instanceId))?.kill(invocation.terminationMode);
      }
    }
    this.store.changed();
  }

  shutdown(): void {
    for (const timer of this.timers) this.clock.clearTimer(timer);
    this.timers.clear();
    for (const shell of this.shells.values()) shell.kill("ProcessTree");
    this.shells.clear();
  }

  private async execute(regionId: string, invokeId: string, instanceId: string, after: AfterRun): Promise<void> {
    const invocation = this.store.region(regionId).invocations[invokeId];
    const slot = invocation && findSlot(invocation, instanceId);
    if (!invocation || !slot || slot.stopRequested) return;
    const instance = this.store.instance(instanceId);
    const problem = this.precheck(invocation, instanceId, instance);
    if (problem || !instance) {
      this.record(invocation, slot, failedExecution(slot, problem ?? "InstanceNotRunning", this.clock.now()), "finish");
      return;
    }
    const startTime = this.clock.now();
    slot.status = "Running";
    slot.startTime = startTime;
    slot.finishTime = null;
    // A new run's output starts empty; it grows as the run writes (see runLinux).
    slot.outputBase64 = "";
    slot.dropped = 0;
    slot.updateTime = startTime;
    const delivery = invocation.ossOutputDelivery ? this.oss.objectFor(invocation.ossOutputDelivery, invocation.invokeId, instanceId) : undefined;
    if (delivery) Object.assign(slot, { ossOutputUri: delivery.uri, ossOutputStatus: "InProgress" });
    this.store.changed();

    const content = substitute(Buffer.from(invocation.commandContent, "base64").toString("utf8"), invocation, instance, this.options.accountId);
    const result: RunResult =
      instance.osType === "windows" ? simulateWindowsScript(content, invocation.commandType) : await this.runLinux(invocation, instance, content, !!delivery);
    if (delivery) Object.assign(result, { ossOutputUri: delivery.uri, ossOutputStatus: this.deliver(delivery, result) });

    const finishTime = this.clock.now();
    const current = findSlot(invocation, instanceId) ?? slot;
    let execution: Execution;
    if (current.stopRequested && this.options.stopRunning !== "let-finish") {
      execution = { ...base(current, startTime, finishTime, result), status: "Terminated", stopTime: finishTime };
    } else if (result.timedOut) {
      execution = {
        ...base(current, startTime, finishTime, result),
        status: "Timeout",
        errorCode: "ExecutionTimeout",
        errorInfo: executionErrors.ExecutionTimeout[1],
      };
    } else if (result.exitCode === 0) {
      execution = { ...base(current, startTime, finishTime, result), status: "Success" };
    } else if (result.exitCode === null) {
      execution = {
        ...base(current, startTime, finishTime, result),
        status: "Error",
        errorCode: "ExecutionException",
        errorInfo: executionErrors.ExecutionException[1],
      };
    } else {
      execution = {
        ...base(current, startTime, finishTime, result),
        status: "Failed",
        errorCode: "ExitCodeNonzero",
        errorInfo: executionErrors.ExitCodeNonzero[1],
      };
    }
    this.record(invocation, current, execution, current.stopRequested ? "finish" : after);
  }

  /** Writes the run's whole output to the local OSS; the upload status the run reports. */
  private deliver(delivery: { bucket: string; key: string }, result: RunResult): "Finished" | "Failed" {
    try {
      this.oss.put(delivery.bucket, delivery.key, result.fullOutput ?? Buffer.from(result.outputBase64, "base64"));
      return "Finished";
    } catch {
      return "Failed";
    }
  }

  private async runLinux(invocation: Invocation, instance: Instance, content: string, keepAll: boolean): Promise<RunResult> {
    // The benchmark's in-process echo starts no shell, so it needs no script file either.
    const echo = this.options.inProcessEcho && !invocation.launcher ? plainEcho(content) : undefined;
    const shell = echo ?? this.startShell(invocation, instance, content, keepAll);
    const runKey = key(invocation.invokeId, instance.instanceId);
    this.shells.set(runKey, shell);
    let timedOut = false;
    const timer = this.clock.setTimer(() => {
      timedOut = true;
      shell.kill(invocation.terminationMode);
    }, invocation.timeout * 1000);
    this.timers.add(timer);
    const result = await shell.done;
    this.clock.clearTimer(timer);
    this.timers.delete(timer);
    this.shells.delete(runKey);
    return { ...result, timedOut };
  }

  /** Starts the script in /bin/sh (or the invocation's launcher) in the instance's sandbox. */
  private startShell(invocation: Invocation, instance: Instance, content: string, keepAll: boolean): ShellRun {
    const user = invocation.username || "root";
    const cwd = this.sandbox.resolve(instance, invocation.workingDir || this.sandbox.home(user)) ?? this.sandbox.dirFor(instance);
    // {{ACS::ScriptFileName|Ext(".py")}} names the script file, with the extension the launcher asks for.
    const placeholder = /\{\{ACS::ScriptFileName(?:\|Ext\("([^"]*)"\))?\}\}/g;
    const extension = invocation.launcher ? ([...invocation.launcher.matchAll(placeholder)][0]?.[1] ?? ".sh") : ".sh";
    const script = this.sandbox.writeScript(instance, `${invocation.invokeId}-${Date.now().toString(36)}${extension}`, content);
    const command = invocation.launcher ? invocation.launcher.replace(placeholder, script) : `exec /bin/sh ${JSON.stringify(script)}`;
    const home = this.sandbox.resolve(instance, this.sandbox.home(user)) ?? cwd;
    const live = (kept: Buffer): void => {
      const slot = findSlot(invocation, instance.instanceId);
      if (slot?.status === "Running") slot.outputBase64 = kept.toString("base64");
    };
    return runShell(command, cwd, { PATH: process.env["PATH"] ?? "/usr/bin:/bin", HOME: home, USER: user, LANG: "C.UTF-8" }, keepAll, live);
  }

  /** The per-instance error that prevents a run, checked when the agent would receive it. */
  private precheck(invocation: Invocation, instanceId: string, instance: Instance | undefined): ExecutionErrorCode | undefined {
    if (!instance) return this.store.wasReleased(instanceId) ? "InstanceReleased" : "InstanceNotExists";
    if (instance.status !== "Running") return "InstanceNotRunning";
    if (!instance.agent.installed || !instance.agent.running) return "ClientNotRunning";
    const user = invocation.username || (instance.osType === "windows" ? "System" : "root");
    if (!instance.users.includes(user)) return "AccountNotExists";
    if (instance.osType === "linux" && invocation.workingDir && !this.sandbox.resolve(instance, invocation.workingDir)) {
      return "DirectoryNotExists";
    }
    return undefined;
  }

  private record(invocation: Invocation, slot: InvocationInstance, execution: Execution, after: AfterRun): void {
    Object.assign(slot, execution);
    slot.repeats += 1;
    slot.updateTime = this.clock.now();
    if (invocation.repeatMode !== "Once") invocation.history.push({ ...execution });
    if (after === "reschedule" && !slot.stopRequested) slot.status = "Scheduled";
    this.store.changed();
  }
}

interface RunResult {
  exitCode: number | null;
  outputBase64: string;
  dropped: number;
  timedOut?: boolean;
  fullOutput?: Buffer;
  ossOutputUri?: string;
  ossOutputStatus?: string;
}

function base(slot: InvocationInstance, startTime: number, finishTime: number, result: RunResult): Execution {
  return {
    instanceId: slot.instanceId,
    status: "Success",
    exitCode: result.exitCode,
    errorCode: "",
    errorInfo: "",
    outputBase64: result.outputBase64,
    dropped: result.dropped,
    startTime,
    finishTime,
    stopTime: null,
    ...(result.ossOutputUri ? { ossOutputUri: result.ossOutputUri, ossOutputStatus: result.ossOutputStatus } : {}),
  };
}

function failedExecution(slot: InvocationInstance, code: ExecutionErrorCode, now: number): Execution {
  const [status, info] = executionErrors[code];
  return {
    instanceId: slot.instanceId,
    status,
    exitCode: null,
    errorCode: code,
    errorInfo: info,
    outputBase64: "",
    dropped: 0,
    startTime: null,
    finishTime: now,
    stopTime: null,
  };
}

/** Replaces `{{name}}` custom parameters and the `{{ACS::…}}` built-ins. */
export function substitute(content: string, invocation: Invocation, instance: Instance, accountId: string): string {
  const builtins: Record<string, string> = {
    "acs::regionid": invocation.regionId,
    "acs::accountid": accountId,
    "acs::instanceid": instance.instanceId,
    "acs::instancename": instance.instanceName,
    "acs::invokeid": invocation.invokeId,
    "acs::commandid": invocation.commandId,
  };
  const custom = Object.fromEntries(Object.entries(invocation.parameters).map(([k, v]) => [k.toLowerCase(), v]));
  return content.replace(/\{\{\s*([A-Za-z0-9_:-]+)\s*\}\}/g, (whole, name: string) => {
    const lower = name.toLowerCase();
    return builtins[lower] ?? custom[lower] ?? whole;
  });
}

function findSlot(invocation: Invocation, instanceId: string): InvocationInstance | undefined {
  return invocation.instances.find((slot) => slot.instanceId === instanceId);
}

function key(invokeId: string, instanceId: string): string {
  return `${invokeId}/${instanceId}`;
}
