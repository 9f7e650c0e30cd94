import { fileBytes } from "../model/file-content";
import { invocationStatus } from "../model/status";
import type { Store } from "../model/store";
import type { FileSend, Instance, Invocation, InvocationInstance } from "../model/types";
import { fileSendStatus } from "../responses/file-bodies";
import type { Scheduler } from "../schedule/scheduler";
import type { RequestLogEntry } from "../wire/server";

/** How much of each run's output the page shows: the tail, as a terminal would leave it in view. */
const OUTPUT_TAIL_BYTES = 4096;
/** The newest requests the page lists. */
const REQUEST_ROWS = 200;

/** Everything the dashboard draws, in one JSON document the page polls. */
export interface DashboardSnapshot {
  /** Emulator time (ISO 8601): what "next run" and ages are measured from. */
  now: string;
  fleet: FleetRow[];
  commands: CommandRow[];
  /** Newest first. */
  invocations: InvocationRow[];
  /** SendFile tasks, newest first. */
  files: FileRow[];
  /** Newest first; at most the last 200. */
  requests: RequestRow[];
  /** Requests logged since start (the list above is only the tail). */
  requestCount: number;
}

export interface FleetRow {
  instanceId: string;
  name: string;
  regionId: string;
  zoneId: string;
  status: string;
  osType: string;
  osName: string;
  timeZone: string;
  /** `online`, `stopped` (agent installed but not running) or `not installed`. */
  agent: "online" | "stopped" | "not installed";
  agentVersion: string;
  tags: Record<string, string>;
}

export interface CommandRow {
  commandId: string;
  regionId: string;
  name: string;
  type: string;
  timeout: number;
  invokeTimes: number;
  creationTime: string;
}

export interface InvocationRow {
  invokeId: string;
  regionId: string;
  commandId: string;
  commandName: string;
  repeatMode: string;
  frequency: string;
  status: string;
  creationTime: string;
  /** Next armed run of a Period task; absent when none is armed. */
  nextRun?: string;
  instances: InstanceRunRow[];
  /** Finished runs of periodic and reboot tasks (history), per instance. */
  pastRuns: number;
}

export interface InstanceRunRow {
  instanceId: string;
  status: string;
  exitCode: number | null;
  errorCode: string;
  repeats: number;
  /** The output's last 4 KB as text (invalid UTF-8 shown as U+FFFD). */
  output: string;
  /** True when the output shown is a tail of a longer one. */
  truncated: boolean;
}

export interface FileRow {
  invokeId: string;
  regionId: string;
  /** Where the file goes: the target dir and the name. */
  path: string;
  fileMode: string;
  /** The content's size in bytes (the content itself is not shown: it may be secret). */
  bytes: number;
  status: string;
  creationTime: string;
  instances: { instanceId: string; status: string; errorCode: string }[];
}

export interface RequestRow {
  time: string;
  requestId: string;
  action: string;
  style: string;
  /** `OK` or the error code answered. */
  code: string;
  status: number;
  /** The ids the request named (InvokeId, CommandId, InstanceId.N), for reading the log at a glance. */
  subject: string;
}

export interface SnapshotSources {
  store: Store;
  scheduler: Scheduler;
  log: readonly RequestLogEntry[];
  now: number;
}

export function dashboardSnapshot({ store, scheduler, log, now }: SnapshotSources): DashboardSnapshot {
  const regions = Object.entries(store.state.regions);
  const invocations = regions
    .flatMap(([, region]) => Object.values(region.invocations))
    .sort((a, b) => b.creationTime - a.creationTime || b.invokeId.localeCompare(a.invokeId));
  return {
    now: iso(now),
    fleet: Object.values(store.state.instances)
      .sort((a, b) => a.instanceId.localeCompare(b.instanceId))
      .map(fleetRow),
    commands: regions
      .flatMap(([regionId, region]) =>
        Object.values(region.commands)
          .filter((command) => !command.hidden)
          .map((command) => ({
            commandId: command.commandId,
            regionId,
            name: command.name,
            type: command.type,
            timeout: command.timeout,
            invokeTimes: command.invokeTimes,
            creationTime: iso(command.creationTime),
          })),
      )
      .sort((a, b) => b.creationTime.localeCompare(a.creationTime)),
    invocations: invocations.map((invocation) => invocationRow(invocation, scheduler.nextRun(invocation.invokeId))),
    files: regions
      .flatMap(([, region]) => Object.values(region.fileSends ?? {}))
      .sort((a, b) => b.creationTime - a.creationTime || b.invokeId.localeCompare(a.invokeId))
      .map(fileRow),
    requests: log.slice(-REQUEST_ROWS).reverse().map(requestRow),
    requestCount: log.length,
  };
}

function fleetRow(instance: Instance): FleetRow {
  const { installed, running, version } = instance.agent;
  return {
    instanceId: instance.instanceId,
    name: instance.instanceName,
    regionId: instance.regionId,
    zoneId: instance.zoneId,
    status: instance.status,
    osType: instance.osType,
    osName: instance.osName,
    timeZone: instance.timeZone,
    agent: !installed ? "not installed" : running ? "online" : "stopped",
    agentVersion: installed ? version : "",
    tags: instance.tags,
  };
}

function invocationRow(invocation: Invocation, nextRun: number | undefined): InvocationRow {
  return {
    invokeId: invocation.invokeId,
    regionId: invocation.regionId,
    commandId: invocation.commandId,
    commandName: invocation.commandName,
    repeatMode: invocation.repeatMode,
    frequency: invocation.frequency,
    status: invocationStatus(invocation),
    creationTime: iso(invocation.creationTime),
    ...(nextRun === undefined ? {} : { nextRun: iso(nextRun) }),
    instances: invocation.instances.map(runRow),
    pastRuns: invocation.history.length,
  };
}

function fileRow(send: FileSend): FileRow {
  const separator = send.targetDir.includes("\\") ? "\\" : "/";
  return {
    invokeId: send.invokeId,
    regionId: send.regionId,
    path: `${send.targetDir.replace(/[\\/]$/, "")}${separator}${send.name}`,
    fileMode: send.fileMode,
    bytes: fileBytes(send).length,
    status: fileSendStatus(send),
    creationTime: iso(send.creationTime),
    instances: send.instances.map((d) => ({ instanceId: d.instanceId, status: d.status, errorCode: d.errorCode })),
  };
}

function runRow(slot: InvocationInstance): InstanceRunRow {
  const bytes = Buffer.from(slot.outputBase64, "base64");
  const tail = bytes.subarray(Math.max(0, bytes.length - OUTPUT_TAIL_BYTES));
  return {
    instanceId: slot.instanceId,
    status: slot.status,
    exitCode: slot.exitCode,
    errorCode: slot.errorCode,
    repeats: slot.repeats,
    output: tail.toString("utf8"),
    truncated: tail.length < bytes.length || slot.dropped > 0,
  };
}

const SUBJECT_PARAMS = /^(InvokeId|CommandId|InstanceId(\.\d+)?|ResourceId\.\d+)$/;

function requestRow(entry: RequestLogEntry): RequestRow {
  const subject = Object.entries(entry.params)
    .filter(([key]) => SUBJECT_PARAMS.test(key))
    .map(([, value]) => value)
    .join(" ");
  return {
    time: entry.time,
    requestId: entry.requestId,
    action: entry.action || "(unknown)",
    style: entry.style,
    code: entry.code,
    status: entry.status,
    subject,
  };
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
