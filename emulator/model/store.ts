import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Clock } from "../clock";
import type { EmulatorState, FileSend, Instance, RegionState } from "./types";

const DAY_MS = 24 * 60 * 60 * 1000;
/** DescribeSendFileResults answers for "the last six weeks". */
const FILE_SEND_RETENTION_MS = 42 * DAY_MS;

export interface StoreOptions {
  /** Directory for state.json; without one, state lives in memory only. */
  dataDir?: string;
  /** Regions the emulated account can use. */
  regions: readonly string[];
  /** How long invocation records are kept (the API keeps about 30 days). */
  retentionMs?: number;
}

/**
 * Region-keyed state with atomic persistence: every change is written to a temporary file that
 * then replaces state.json, so a crash never leaves a half-written file behind.
 */
export class Store {
  state: EmulatorState;
  readonly regions: readonly string[];
  readonly retentionMs: number;
  private readonly file?: string;
  private pendingWrite = false;

  constructor(
    private readonly clock: Clock,
    options: StoreOptions,
  ) {
    this.regions = options.regions;
    this.retentionMs = options.retentionMs ?? 30 * DAY_MS;
    if (options.dataDir) {
      mkdirSync(options.dataDir, { recursive: true });
      this.file = join(options.dataDir, "state.json");
    }
    this.state = this.file && existsSync(this.file) ? (JSON.parse(readFileSync(this.file, "utf8")) as EmulatorState) : empty();
  }

  /** True when state.json existed and was loaded, so the caller should not seed a fleet again. */
  get loadedFromDisk(): boolean {
    return Object.keys(this.state.instances).length > 0 || Object.keys(this.state.regions).length > 0;
  }

  hasRegion(regionId: string): boolean {
    return this.regions.includes(regionId);
  }

  region(regionId: string): RegionState {
    let region = this.state.regions[regionId];
    if (!region) {
      region = { commands: {}, invocations: {}, clientTokens: {}, dailyInvocations: {} };
      this.state.regions[regionId] = region;
    }
    return region;
  }

  /** The region's SendFile tasks by id. */
  fileSends(regionId: string): Record<string, FileSend> {
    const region = this.region(regionId);
    region.fileSends ??= {};
    return region.fileSends;
  }

  instance(instanceId: string): Instance | undefined {
    return this.state.instances[instanceId];
  }

  /** Releases an instance: it leaves the fleet, and runs still aimed at it fail with InstanceReleased. */
  release(instanceId: string, at: number): boolean {
    if (!this.state.instances[instanceId]) return false;
    delete this.state.instances[instanceId];
    this.state.released = { ...this.state.released, [instanceId]: at };
    this.changed();
    return true;
  }

  wasReleased(instanceId: string): boolean {
    return this.state.released?.[instanceId] !== undefined;
  }

  instancesIn(regionId: string): Instance[] {
    return Object.values(this.state.instances).filter((i) => i.regionId === regionId);
  }

  /** Drops invocation records older than the retention period, and file-sending records older than six weeks, as the API does. */
  expireRecords(): void {
    const cutoff = this.clock.now() - this.retentionMs;
    for (const region of Object.values(this.state.regions)) {
      for (const [id, invocation] of Object.entries(region.invocations)) {
        if (invocation.creationTime < cutoff) delete region.invocations[id];
      }
      for (const [id, send] of Object.entries(region.fileSends ?? {})) {
        if (send.creationTime < this.clock.now() - FILE_SEND_RETENTION_MS) delete region.fileSends?.[id];
      }
    }
  }

  reset(instances: Instance[]): void {
    this.state = empty();
    for (const instance of instances) this.state.instances[instance.instanceId] = instance;
    this.flush();
  }

  /** Schedules a write at the end of the current tick, coalescing bursts of changes. */
  changed(): void {
    if (!this.file || this.pendingWrite) return;
    this.pendingWrite = true;
    queueMicrotask(() => {
      this.pendingWrite = false;
      this.flush();
    });
  }

  flush(): void {
    if (!this.file) return;
    const tmp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(this.state));
    renameSync(tmp, this.file);
  }
}

function empty(): EmulatorState {
  return { instances: {}, regions: {} };
}

export function dayKey(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
