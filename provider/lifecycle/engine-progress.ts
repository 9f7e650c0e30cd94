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
 * The last message handed to the engine: the next one is sent once it is acknowledged, so this
 * settles once every message sent so far has been (a step waits for it: engineLogsDelivered).
 */
let lastSent: Promise<void> = Promise.resolve();
/** Messages sent and neither acknowledged nor given up on: with none, a step waits for nothing. */
let unacknowledged = 0;

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
  // One at a time, in order: the engine handles concurrent Log calls concurrently, so lines sent
  // together could be shown in another order than printed. Best effort: a lost message never fails the step.
  // One the engine never answers holds the others back at most ACK_WAIT_MS.
  unacknowledged += 1;
  const delivered = lastSent.then(
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
  void delivered.then(() => {
    unacknowledged -= 1;
  });
  lastSent = delivered;
}

/**
 * Waits (at most `maxMs`) until every message sent so far has reached the engine. A step that
 * returns first can end the engine's operation before its warning arrives, and the CLI never
 * shows it (seen: a refresh's drift warning missing under load).
 */
export async function engineLogsDelivered(maxMs = 2_000): Promise<void> {
  // Most steps send nothing: no timer and no race for each of them.
  if (unacknowledged === 0) return;
  let timer: NodeJS.Timeout | undefined;
  const cap = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, maxMs);
  });
  await Promise.race([lastSent, cap]);
  clearTimeout(timer);
}

/** A lifecycle step that returns (or fails) only once the messages it sent have been delivered. */
export function withLogsDelivered<A extends unknown[], R>(step: (...args: A) => Promise<R>): (...args: A) => Promise<R> {
  return async (...args: A): Promise<R> => {
    try {
      return await step(...args);
    } finally {
      await engineLogsDelivered();
    }
  };
}

/** A passing line beside the resource while it waits (replaced by the next one). */
export const engineProgress: ProgressSink = (message, urn) => engineLog("INFO", message, urn, true);

/** A warning that stays in the output: something the user should know about this step. */
export const engineWarning: ProgressSink = (message, urn) => engineLog("WARNING", message, urn, false);
