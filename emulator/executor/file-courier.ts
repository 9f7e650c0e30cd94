import { chmodSync, existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join, posix } from "node:path";
import type { Clock, TimerHandle } from "../clock";
import { fileBytes } from "../model/file-content";
import type { Store } from "../model/store";
import type { FileDelivery, FileSend, Instance } from "../model/types";
import type { Sandbox } from "./sandbox";

/**
 * Per-instance errors of a delivery, with the texts the emulator answers in ErrorInfo. The codes
 * are those DescribeSendFileResults documents for a delivery (docs/cloud-assumptions.md A23).
 */
const DELIVERY_ERRORS = {
  InstanceNotExists: "The instance does not exist.",
  InstanceReleased: "The instance was released while the file was being sent.",
  InstanceNotRunning: "The instance is not running.",
  ClientNotRunning: "The Cloud Assistant agent is not running on the instance.",
  AccountNotExists: "The owner of the file does not exist on the instance.",
  UserGroupNotExists: "The user group of the file does not exist on the instance.",
  FileAlreadyExists: "A file of that name exists in the target directory and Overwrite is false.",
} as const;

type DeliveryError = keyof typeof DELIVERY_ERRORS;

/**
 * Carries sent files to the instances: after the delivery delay each instance's copy is written
 * into its directory (see Sandbox) with the requested mode, or fails with the documented code.
 * Owner and group are checked against the instance's users (a group is named after its user, as
 * useradd makes them); the file itself belongs to the emulator's OS user.
 */
export class FileCourier {
  private readonly timers = new Set<TimerHandle>();

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly sandbox: Sandbox,
    private readonly deliveryDelayMs: number,
  ) {}

  dispatch(send: FileSend): void {
    const timer = this.clock.setTimer(() => {
      this.timers.delete(timer);
      for (const delivery of send.instances) this.deliver(send, delivery);
      this.store.changed();
    }, this.deliveryDelayMs);
    this.timers.add(timer);
  }

  shutdown(): void {
    for (const timer of this.timers) this.clock.clearTimer(timer);
    this.timers.clear();
  }

  private deliver(send: FileSend, delivery: FileDelivery): void {
    const now = this.clock.now();
    Object.assign(delivery, { startTime: now, updateTime: now });
    const instance = this.store.instance(delivery.instanceId);
    const problem = instance ? this.precheck(send, instance) : this.store.wasReleased(delivery.instanceId) ? "InstanceReleased" : "InstanceNotExists";
    if (problem || !instance) {
      Object.assign(delivery, { status: "Failed", errorCode: problem, errorInfo: DELIVERY_ERRORS[problem ?? "InstanceNotExists"], finishTime: now });
      return;
    }
    const path = this.hostPath(instance, send);
    if (existsSync(path) && !send.overwrite) {
      Object.assign(delivery, { status: "Failed", errorCode: "FileAlreadyExists", errorInfo: DELIVERY_ERRORS.FileAlreadyExists, finishTime: now });
      return;
    }
    mkdirSync(join(path, ".."), { recursive: true });
    writeFileSync(path, fileBytes(send));
    // The mode applies on Linux only, as the API says.
    if (instance.osType === "linux") chmodSync(path, Number.parseInt(send.fileMode, 8));
    Object.assign(delivery, { status: "Success", errorCode: "", errorInfo: "", finishTime: now });
  }

  private precheck(send: FileSend, instance: Instance): DeliveryError | undefined {
    if (instance.status !== "Running") return "InstanceNotRunning";
    if (!instance.agent.installed || !instance.agent.running) return "ClientNotRunning";
    if (instance.osType !== "linux") return undefined;
    if (!instance.users.includes(send.fileOwner)) return "AccountNotExists";
    if (!instance.users.includes(send.fileGroup)) return "UserGroupNotExists";
    return undefined;
  }

  /** Where the instance's copy lives on the emulator's host: inside the instance's directory. */
  private hostPath(instance: Instance, send: FileSend): string {
    // A Windows path (C:\dir) is kept under the drive letter's folder.
    const dir = instance.osType === "windows" ? send.targetDir.replace(/^([A-Za-z]):/, "$1").replace(/\\/g, "/") : send.targetDir;
    return join(this.sandbox.dirFor(instance), posix.normalize(posix.join("/", dir, send.name)));
  }
}
