import { grpcModule } from "./pulumi-modules";

/**
 * Progress lines ("t-…: Running, 2/5 instances finished") sent to the Pulumi engine as ephemeral
 * info messages, which the CLI shows beside the resource while it waits. Dynamic providers get no
 * logger, but their process is started with the engine's address as its first argument (the
 * provider plugin passes the one it was given: `useEngineAddress`); this speaks the engine's Log
 * RPC with the gRPC stubs shipped in @pulumi/pulumi.
 */
export type ProgressSink = (message: string, urn?: string) => void;

interface LogClient {
  log(request: unknown, callback: () => void): void;
}

let client: LogClient | undefined | null;
let engineAddress: string | undefined;
/** How long a message may go unacknowledged before the next one is sent anyway. */
const ACK_WAIT_MS = 2_000;

/**
 * The messages of one resource (by URN; "" for those that name none), sent one at a time: the
 * engine handles concurrent Log calls concurrently, so lines of one resource sent together could
 * be shown in another order than printed. The resources' channels go side by side: a step waits
 * for its own messages, not for every line the other resources' steps sent before them (at 50
 * creates, 8 at a time, a step waited about 12 ms for a queue of others' lines; docs/performance.md).
 */
interface Channel {
  /** Settles once every message sent so far on this channel was acknowledged (or given up on). */
  last: Promise<void>;
  /** Messages sent and neither acknowledged nor given up on: with none, the channel is gone. */
  pending: number;
}
const channels = new Map<string, Channel>();

/** A log client other than the engine's (tests). */
export function useLogClient(replacement: LogClient): void {
  client = replacement;
}

/** The engine this process reports to, when it is not the dynamic provider host (the plugin). */
export function useEngineAddress(address: string): void {
  engineAddress = address;
  client = undefined;
}

function engineClient(): LogClient | undefined {
  if (client !== undefined) return client ?? undefined;
  client = null;
  const address = engineAddress ?? (/dynamic-provider/.test(process.argv[1] ?? "") ? process.argv[2] : undefined);
  if (!address || !/^[\w.-]+:\d+$/.test(address)) return undefined;
  try {
    // @grpc/grpc-js is @pulumi/pulumi's dependency: resolved from there, as the SDK itself does.
    const grpc = grpcModule();
    const { EngineClient } = require("@pulumi/pulumi/proto/engine_grpc_pb") as { EngineClient: new (address: string, credentials: unknown) => LogClient };
    client = new EngineClient(address, grpc.credentials.createInsecure());
  } catch {
    client = null;
  }
  return client ?? undefined;
}

function engineLog(severity: "INFO" | "WARNING", message: string, urn: string | undefined, ephemeral: boolean): void {
  const engine = engineClient();
  if (!engine) return;
  const proto = require("@pulumi/pulumi/proto/engine_pb") as {
    LogRequest: new () => { setSeverity(s: number): unknown; setMessage(m: string): unknown; setUrn(u: string): unknown; setEphemeral(e: boolean): unknown };
    LogSeverity: { INFO: number; WARNING: number };
  };
  const request = new proto.LogRequest();
  request.setSeverity(proto.LogSeverity[severity]);
  request.setMessage(message);
  if (urn) request.setUrn(urn);
  request.setEphemeral(ephemeral);
  // Best effort: a lost message never fails the step; one the engine never answers holds the
  // resource's next ones back at most ACK_WAIT_MS.
  const key = urn ?? "";
  const channel = channels.get(key) ?? { last: Promise.resolve(), pending: 0 };
  channels.set(key, channel);
  channel.pending += 1;
  channel.last = channel.last.then(
    () =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, ACK_WAIT_MS);
        timer.unref?.();
        engine.log(request, () => {
          clearTimeout(timer);
          resolve();
        });
      }),
  );
  void channel.last.then(() => {
    channel.pending -= 1;
    if (channel.pending === 0 && channels.get(key) === channel) channels.delete(key);
  });
}

/**
 * Waits (at most `maxMs`) until the messages sent so far about the resource `urn` — and those that
 * name no resource — have reached the engine; without `urn`, every message sent so far. A step
 * that returns first can end the engine's operation before its warning arrives, and the CLI never
 * shows it (seen: a refresh's drift warning missing under load).
 */
export async function engineLogsDelivered(urn?: string, maxMs = 2_000): Promise<void> {
  const waited = [...channels].filter(([key]) => urn === undefined || key === urn || key === "").map(([, channel]) => channel.last);
  // Most steps sent nothing: no timer and no race for each of them.
  if (waited.length === 0) return;
  let timer: NodeJS.Timeout | undefined;
  const cap = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, maxMs);
  });
  await Promise.race([Promise.all(waited), cap]);
  clearTimeout(timer);
}

/** A lifecycle step's arguments: its context, which names the resource, first. */
export type StepArguments = [{ readonly urn: string | undefined }, ...unknown[]];

/**
 * A lifecycle step that returns (or fails) only once the messages it sent have been delivered:
 * those about its resource (its context's URN).
 */
export function withLogsDelivered<A extends StepArguments, R>(step: (...args: A) => Promise<R>): (...args: A) => Promise<R> {
  return async (...args: A): Promise<R> => {
    try {
      return await step(...args);
    } finally {
      await engineLogsDelivered(args[0].urn);
    }
  };
}

/** A passing line beside the resource while it waits (replaced by the next one). */
export const engineProgress: ProgressSink = (message, urn) => engineLog("INFO", message, urn, true);

/** A warning that stays in the output: something the user should know about this step. */
export const engineWarning: ProgressSink = (message, urn) => engineLog("WARNING", message, urn, false);
