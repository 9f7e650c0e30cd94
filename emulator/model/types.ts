/** The emulator's state model: plain data, JSON-serialisable so it can be persisted as is. */

export type InstanceStatus = "Running" | "Stopped" | "Starting" | "Stopping" | "Pending";
export type OsType = "linux" | "windows";

export interface Container {
  /** 64 hex characters. */
  id: string;
  name: string;
}

export interface Instance {
  instanceId: string;
  instanceName: string;
  regionId: string;
  zoneId: string;
  status: InstanceStatus;
  osType: OsType;
  osName: string;
  instanceType: string;
  hostName: string;
  /** The system time zone (IANA): a cron Frequency without a zone runs in it. */
  timeZone: string;
  resourceGroupId: string;
  tags: Record<string, string>;
  /** OS accounts that exist on the instance; commands may run only as one of these. */
  users: string[];
  containers: Container[];
  /** Cloud Assistant agent: absent or stopped means commands cannot be delivered. */
  agent: { installed: boolean; running: boolean; version: string };
  creationTime: number;
  startTime: number;
  /** Counts RebootInstance calls; reboot-triggered invocations react to it. */
  bootCount: number;
}

export type CommandType = "RunShellScript" | "RunBatScript" | "RunPowerShellScript";

export interface Command {
  commandId: string;
  name: string;
  description: string;
  type: CommandType;
  /** Base64, as stored by the API. */
  content: string;
  workingDir: string;
  timeout: number;
  enableParameter: boolean;
  parameterNames: string[];
  launcher: string;
  resourceGroupId: string;
  tags: Record<string, string>;
  creationTime: number;
  invokeTimes: number;
  /** Set by RunCommand with KeepCommand=false: hidden from DescribeCommands. */
  hidden: boolean;
}

export type RepeatMode = "Once" | "Period" | "NextRebootOnly" | "EveryReboot";

/** Per-instance statuses, as DescribeInvocations documents them. */
export type InstanceInvocationStatus =
  | "Pending"
  | "Scheduled"
  | "Running"
  | "Stopping"
  | "Success"
  | "Failed"
  | "Invalid"
  | "Aborted"
  | "Error"
  | "Timeout"
  | "Cancelled"
  | "Terminated";

export type InvocationStatus = "Pending" | "Scheduled" | "Running" | "Success" | "Failed" | "PartialFailed" | "Stopping" | "Stopped";

/** One execution of the command on one instance. */
export interface Execution {
  instanceId: string;
  status: InstanceInvocationStatus;
  exitCode: number | null;
  errorCode: string;
  errorInfo: string;
  /** stdout and stderr as the bytes the run wrote (at most 24 KB), Base64-encoded. */
  outputBase64: string;
  dropped: number;
  startTime: number | null;
  finishTime: number | null;
  stopTime: number | null;
  /** With OssOutputDelivery: where this run's whole output went, and InProgress / Finished / Failed. */
  ossOutputUri?: string;
  ossOutputStatus?: string;
}

export interface InvocationInstance extends Execution {
  creationTime: number;
  updateTime: number;
  /** How many times the command ran on this instance. */
  repeats: number;
  /** A stop was asked for this instance; no further runs. */
  stopRequested: boolean;
}

export interface Invocation {
  invokeId: string;
  regionId: string;
  commandId: string;
  commandName: string;
  commandType: CommandType;
  commandDescription: string;
  /** Base64 of the command content as invoked. */
  commandContent: string;
  repeatMode: RepeatMode;
  frequency: string;
  timed: boolean;
  parameters: Record<string, string>;
  username: string;
  windowsPasswordName: string;
  timeout: number;
  workingDir: string;
  launcher: string;
  containerId: string;
  containerName: string;
  terminationMode: "Process" | "ProcessTree";
  resourceGroupId: string;
  tags: Record<string, string>;
  ossOutputDelivery: string;
  clientToken: string;
  creationTime: number;
  instances: InvocationInstance[];
  /** Finished executions of periodic and reboot tasks, oldest first (IncludeHistory). */
  history: Execution[];
}

/** Per-instance states of a file delivery, as DescribeSendFileResults documents them. */
export type FileDeliveryStatus = "Pending" | "Invalid" | "Running" | "Aborted" | "Success" | "Failed" | "Error" | "Timeout";

/** One instance's copy of a sent file. */
export interface FileDelivery {
  instanceId: string;
  status: FileDeliveryStatus;
  errorCode: string;
  errorInfo: string;
  creationTime: number;
  startTime: number | null;
  finishTime: number | null;
  updateTime: number;
}

/** A SendFile task: the file, where it goes, and each instance's delivery. */
export interface FileSend {
  /** `f-…`, as the API names file-sending tasks. */
  invokeId: string;
  regionId: string;
  name: string;
  description: string;
  /** The content as sent, in `contentType`'s form. */
  content: string;
  contentType: "PlainText" | "Base64";
  targetDir: string;
  fileMode: string;
  fileOwner: string;
  fileGroup: string;
  overwrite: boolean;
  timeout: number;
  resourceGroupId: string;
  tags: Record<string, string>;
  clientToken: string;
  creationTime: number;
  instances: FileDelivery[];
}

export interface RegionState {
  commands: Record<string, Command>;
  invocations: Record<string, Invocation>;
  /** SendFile tasks by id (absent in state files written before the emulator sent files). */
  fileSends?: Record<string, FileSend>;
  /** ClientToken → the InvokeId (or file-sending task id) it created and a fingerprint of the request. */
  clientTokens: Record<string, { invokeId: string; fingerprint: string }>;
  /** "YYYY-MM-DD" → InvokeCommand/RunCommand calls accepted that day. */
  dailyInvocations: Record<string, number>;
}

export interface EmulatorState {
  instances: Record<string, Instance>;
  regions: Record<string, RegionState>;
  /** Instances released through the control API: id → release time (absent in older state files). */
  released?: Record<string, number>;
}
