import { rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Clock, SystemClock } from "./clock";
import { controlApi } from "./control-api";
import { Executor, type StopRunning } from "./executor/executor";
import { FileCourier } from "./executor/file-courier";
import { LocalOss } from "./executor/oss-delivery";
import { Sandbox } from "./executor/sandbox";
import { removeStaleSandboxes, SANDBOX_PREFIX } from "./executor/stale-sandboxes";
import { FaultInjector, type FaultSettings } from "./faults";
import { apiVersionOf, handlers } from "./handlers";
import type { Quotas } from "./handlers/context";
import { buildInstance, DEFAULT_FLEET, DEFAULT_REGIONS, type InstanceSpec } from "./model/fleet";
import { executionErrors } from "./model/status";
import { Store } from "./model/store";
import type { Instance } from "./model/types";
import { cryptoRandom, type RandomSource } from "./random";
import { Scheduler } from "./schedule/scheduler";
import { type AccessKey, Authenticator, NonceCache } from "./wire/authenticate";
import { createApiServer, DASHBOARD_PATH, type RequestLogEntry } from "./wire/server";

export { ManualClock, SystemClock } from "./clock";
export type { StopRunning } from "./executor/executor";
export type { FaultSettings, ScriptedFault } from "./faults";
export type { InstanceSpec } from "./model/fleet";
export { DEFAULT_FLEET, DEFAULT_REGION, DEFAULT_REGIONS } from "./model/fleet";
export type { AccessKey } from "./wire/authenticate";
export type { RequestLogEntry } from "./wire/server";

/** The access key pair the emulator accepts when none is configured. */
export const DEFAULT_ACCESS_KEY: AccessKey = {
  accessKeyId: "LTAI5tEmulatorAccessKey",
  accessKeySecret: "EmulatorAccessKeySecret0000000000",
};

export interface EmulatorOptions {
  /** TCP port; 0 (default) picks a free one. */
  port?: number;
  host?: string;
  /** Where state.json and instance sandboxes live; state is in memory only without it. */
  dataDir?: string;
  fleet?: InstanceSpec[];
  regions?: string[];
  accessKeys?: AccessKey[];
  clock?: Clock;
  random?: RandomSource;
  faults?: FaultSettings;
  /** Pending → Running delay of each run (default 50 ms). */
  deliveryDelayMs?: number;
  /** Duration of Starting / Stopping for instance state changes (default 200 ms). */
  instanceTransitionMs?: number;
  /** Invocation record retention (default 30 days). */
  retentionMs?: number;
  /**
   * What StopInvocation does to a run that has started: `terminate` (default) kills it per its
   * TerminationMode, `let-finish` lets it run to its end (see docs/emulator.md).
   */
  stopRunning?: StopRunning;
  /**
   * Answer a command that is one plain `echo` without starting a shell (default false: every
   * command runs in /bin/sh). A benchmark setting: the emulator's cost of starting shells, on the
   * same cores as the engine, measured apart from the provider's (docs/performance.md).
   */
  inProcessEcho?: boolean;
  quotas?: Partial<Quotas>;
  accountId?: string;
}

export interface RunningEmulator {
  /** http://host:port */
  readonly url: string;
  /** The dashboard page a person opens in a browser (docs/emulator.md). */
  readonly dashboardUrl: string;
  /** host:port, the form the SDK's `endpoint` setting takes. */
  readonly endpoint: string;
  readonly port: number;
  readonly accessKeys: readonly AccessKey[];
  readonly store: Store;
  readonly faults: FaultInjector;
  readonly requestLog: RequestLogEntry[];
  close(): Promise<void>;
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const clock = options.clock ?? new SystemClock();
  const random = options.random ?? cryptoRandom();
  const accessKeys = options.accessKeys ?? [DEFAULT_ACCESS_KEY];
  const fleet = options.fleet ?? DEFAULT_FLEET;
  const store = new Store(clock, { dataDir: options.dataDir, regions: options.regions ?? DEFAULT_REGIONS, retentionMs: options.retentionMs });
  // Without a data dir the instances' files live in a temp dir of this emulator's own, removed on close.
  const ownSandbox = !options.dataDir;
  if (ownSandbox) removeStaleSandboxes(tmpdir());
  const sandboxRoot = options.dataDir ? join(options.dataDir, "instances") : join(tmpdir(), `${SANDBOX_PREFIX}${process.pid}-${random.hex(8)}`);
  // Delivered output lives beside the instances' directories (instance ids start with "i-").
  const oss = new LocalOss(join(sandboxRoot, ".oss"));
  const sandbox = new Sandbox(sandboxRoot);
  const deliveryDelayMs = options.deliveryDelayMs ?? 50;
  const files = new FileCourier(store, clock, sandbox, deliveryDelayMs);
  const executor = new Executor(
    store,
    clock,
    sandbox,
    {
      deliveryDelayMs,
      accountId: options.accountId ?? "1234567890123456",
      stopRunning: options.stopRunning ?? "terminate",
      inProcessEcho: options.inProcessEcho ?? false,
    },
    oss,
  );
  const scheduler = new Scheduler(store, clock, executor);
  const seedFleet = (): Instance[] => fleet.map((spec) => buildInstance(spec, clock.now()));
  if (store.loadedFromDisk) markInterrupted(store, clock);
  else store.reset(seedFleet());
  scheduler.restore();

  const faults = new FaultInjector(clock, options.faults);
  const log: RequestLogEntry[] = [];
  const context = {
    store,
    clock,
    random,
    executor,
    files,
    scheduler,
    quotas: { dailyInvocations: 5_000, commands: 10_000, ...options.quotas },
    instanceTransitionMs: options.instanceTransitionMs ?? 200,
  };
  const control = controlApi({
    store,
    faults,
    executor,
    scheduler,
    oss,
    sandbox,
    clock,
    log,
    reset: () => {
      executor.shutdown();
      files.shutdown();
      scheduler.shutdown();
      store.reset(seedFleet());
      log.length = 0;
    },
  });
  const server = createApiServer({
    dispatch: handlers,
    authenticator: new Authenticator(() => accessKeys, clock, new NonceCache(clock), apiVersionOf),
    faults,
    context,
    random,
    log,
    control,
    boundHost: options.host,
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = options.host ?? "127.0.0.1";
  return {
    url: `http://${host}:${address.port}`,
    dashboardUrl: `http://${host}:${address.port}${DASHBOARD_PATH}`,
    endpoint: `${host}:${address.port}`,
    port: address.port,
    accessKeys,
    store,
    faults,
    requestLog: log,
    async close() {
      executor.shutdown();
      files.shutdown();
      scheduler.shutdown();
      store.flush();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (ownSandbox) rmSync(sandboxRoot, { recursive: true, force: true });
    },
  };
}

/** Runs cut off by a restart come back as interrupted, never as silently running. */
function markInterrupted(store: Store, clock: Clock): void {
  const [status, info] = executionErrors.ExecutionInterrupted;
  for (const region of Object.values(store.state.regions)) {
    for (const invocation of Object.values(region.invocations)) {
      for (const slot of invocation.instances) {
        if (slot.status === "Running" || slot.status === "Pending" || slot.status === "Stopping") {
          Object.assign(slot, { status, errorCode: "ExecutionInterrupted", errorInfo: info, finishTime: clock.now(), updateTime: clock.now() });
          if (invocation.repeatMode !== "Once") {
            invocation.history.push({ ...slot });
            if (!slot.stopRequested) slot.status = "Scheduled";
          }
        }
      }
    }
  }
  store.flush();
}
