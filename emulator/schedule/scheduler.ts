import type { Clock, TimerHandle } from "../clock";
import type { Executor } from "../executor/executor";
import type { Store } from "../model/store";
import type { Invocation } from "../model/types";
import { nextRun, parseFrequency } from "./frequency";

/**
 * Runs scheduled invocations for real: Period tasks on their rate/at/cron schedule, NextRebootOnly
 * and EveryReboot tasks when RebootInstance restarts one of their instances.
 */
export class Scheduler {
  /** One armed run per invocation and time zone, with when it fires (the dashboard's "next run"). */
  private readonly timers = new Map<string, { timer: TimerHandle; due: number }>();

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly executor: Executor,
  ) {}

  /** Starts an invocation that was just created. */
  start(invocation: Invocation): void {
    const now = this.clock.now();
    for (const slot of invocation.instances) {
      slot.status = "Scheduled";
      slot.updateTime = now;
    }
    if (invocation.repeatMode === "Period") this.arm(invocation, now);
    this.store.changed();
  }

  /** Re-arms a live Period task whose schedule or instances changed (ModifyInvocationAttribute). */
  rearm(invocation: Invocation): void {
    if (invocation.repeatMode === "Period" && invocation.instances.some((s) => s.status === "Scheduled")) this.arm(invocation, this.clock.now());
  }

  /** Re-arms every live Period task, e.g. after the emulator restarted. */
  restore(): void {
    const now = this.clock.now();
    for (const region of Object.values(this.store.state.regions)) {
      for (const invocation of Object.values(region.invocations)) {
        if (invocation.repeatMode === "Period" && invocation.instances.some((s) => s.status === "Scheduled")) {
          this.arm(invocation, now);
        }
      }
    }
  }

  cancel(invokeId: string): void {
    for (const [key, { timer }] of this.timers) {
      if (!key.startsWith(`${invokeId}/`)) continue;
      this.clock.clearTimer(timer);
      this.timers.delete(key);
    }
  }

  /** The earliest armed run of a Period task (epoch ms), or undefined when none is armed. */
  nextRun(invokeId: string): number | undefined {
    let next: number | undefined;
    for (const [key, { due }] of this.timers) {
      if (key.startsWith(`${invokeId}/`) && (next === undefined || due < next)) next = due;
    }
    return next;
  }

  /** RebootInstance finished booting `instanceId`: run the reboot-triggered tasks waiting for it. */
  onBoot(instanceId: string): void {
    for (const region of Object.values(this.store.state.regions)) {
      for (const invocation of Object.values(region.invocations)) {
        if (invocation.repeatMode !== "NextRebootOnly" && invocation.repeatMode !== "EveryReboot") continue;
        const slot = invocation.instances.find((s) => s.instanceId === instanceId);
        if (slot?.status !== "Scheduled" || slot.stopRequested) continue;
        this.executor.dispatch(invocation, instanceId, invocation.repeatMode === "EveryReboot" ? "reschedule" : "finish");
      }
    }
  }

  shutdown(): void {
    for (const { timer } of this.timers.values()) this.clock.clearTimer(timer);
    this.timers.clear();
  }

  /**
   * One timer per time zone the invocation's instances live in: a cron without a zone fires at
   * each instance's own local time (for rate(), at() and zoned crons every group agrees).
   */
  private arm(invocation: Invocation, after: number): void {
    this.cancel(invocation.invokeId);
    for (const zone of new Set(invocation.instances.map((slot) => this.zoneOf(slot.instanceId)))) this.armZone(invocation, zone, after);
  }

  private armZone(invocation: Invocation, zone: string, after: number): void {
    const due = this.nextDue(invocation, zone, after);
    if (due === undefined) return;
    const key = `${invocation.invokeId}/${zone}`;
    const timer = this.clock.setTimer(() => this.fire(invocation.regionId, invocation.invokeId, zone, due), due - this.clock.now());
    this.timers.set(key, { timer, due });
  }

  /** An instance's system time zone; UTC for one released or from an older state file. */
  private zoneOf(instanceId: string): string {
    return this.store.instance(instanceId)?.timeZone ?? "UTC";
  }

  /** The next run after `after`; an `at(...)` whose time has passed has none. */
  private nextDue(invocation: Invocation, zone: string, after: number): number | undefined {
    try {
      const frequency = parseFrequency(invocation.frequency, invocation.timeout, after - 1, zone);
      return nextRun(frequency, after, invocation.creationTime);
    } catch {
      return undefined;
    }
  }

  private fire(regionId: string, invokeId: string, zone: string, due: number): void {
    this.timers.delete(`${invokeId}/${zone}`);
    const invocation = this.store.region(regionId).invocations[invokeId];
    if (!invocation) return;
    const more = this.nextDue(invocation, zone, due) !== undefined;
    for (const slot of invocation.instances) {
      // A run still going when the next one is due is skipped, as the agent does.
      if (slot.status !== "Scheduled" || slot.stopRequested || this.zoneOf(slot.instanceId) !== zone) continue;
      this.executor.dispatch(invocation, slot.instanceId, more ? "reschedule" : "finish");
    }
    if (more) this.armZone(invocation, zone, due);
  }
}
