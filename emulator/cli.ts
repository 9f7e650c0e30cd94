#!/usr/bin/env node
/**
 * ecs-emulator: the ECS Cloud Assistant API emulator in the foreground. `ecs-emulator --help` lists
 * every flag; each is declared once in FLAGS below (parsing, validation and help come from it).
 *
 * Environment: ECS_EMULATOR_ACCESS_KEY_ID / ECS_EMULATOR_ACCESS_KEY_SECRET pin the key pair.
 *
 * Keys: unless pinned (a flag, the environment, or `--keys well-known`), each start accepts a
 * secret of its own, printed at start: the emulator runs commands as real shells, and a secret
 * that is published would let anything that reaches the port run them (see docs/emulator.md).
 */
import { randomInt } from "node:crypto";
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import type { StopRunning } from "./executor/executor";
import type { FaultSettings } from "./faults";
import { DEFAULT_ACCESS_KEY, type EmulatorOptions, startEmulator } from "./index";
import { loadFleetFile } from "./model/fleet";

interface Flag {
  value: string;
  help: string;
}

const FLAGS: Record<string, Flag> = {
  port: { value: "PORT", help: "TCP port, 0-65535 (default 0: a free port; the first output line names it)" },
  host: { value: "HOST", help: "address to listen on (default 127.0.0.1)" },
  "data-dir": { value: "DIR", help: "keep state in DIR/state.json across restarts (default: in memory only)" },
  fleet: { value: "FILE", help: "instances from a JSON file (see examples/emulator-fleet.json; default: the built-in fleet)" },
  "access-key-id": { value: "ID", help: `access key id to accept (default ${DEFAULT_ACCESS_KEY.accessKeyId})` },
  "access-key-secret": { value: "SECRET", help: "its secret (default: a new one each start, printed; see --keys)" },
  keys: { value: "MODE", help: "per-run (default: a new secret each start) or well-known (the documented pair; anyone can sign with it)" },
  faults: { value: "FILE", help: "fault settings, JSON as for PUT /_emulator/faults (default: none)" },
  "delivery-delay-ms": { value: "MS", help: "how long a run stays Pending, in ms (default 50)" },
  "retention-days": { value: "DAYS", help: "days invocation records are kept (default 30)" },
  "daily-invocation-quota": { value: "N", help: "InvokeCommand/RunCommand calls per region per UTC day (default 5000)" },
  "stop-running": { value: "MODE", help: "what StopInvocation does to a started run: terminate (default) or let-finish" },
};

const USAGE = [
  "Usage: ecs-emulator [flags]",
  "",
  "A local ECS Cloud Assistant API for the official Alibaba Cloud SDKs (docs/emulator.md).",
  "",
  ...Object.entries(FLAGS).map(([name, flag]) => `  --${`${name} ${flag.value}`.padEnd(32)} ${flag.help}`),
  `  --${"help".padEnd(32)} print this and exit`,
  "",
].join("\n");

/** A usage error: the message says which flag and what it takes. */
class UsageError extends Error {}

/** The message of anything thrown (Node's own errors may come from another realm under test runners). */
function messageOf(error: unknown): string {
  return typeof (error as { message?: unknown })?.message === "string" ? (error as { message: string }).message : String(error);
}

function wholeNumber(name: string, text: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max) {
    throw new UsageError(`--${name} takes a whole number from ${min}${max < Number.MAX_SAFE_INTEGER ? ` to ${max}` : " up"}, not ${JSON.stringify(text)}`);
  }
  return Number(text);
}

function jsonFile<T>(name: string, path: string): T {
  try {
    return JSON.parse(readFileSync(path, "utf8")) as T;
  } catch (error) {
    throw new UsageError(`--${name} ${path}: ${messageOf(error)}`);
  }
}

/** The emulator options a command line asks for; `undefined` when it asks for help. */
export function optionsFrom(argv: string[], env: NodeJS.ProcessEnv = process.env, newSecret: () => string = perRunSecret): EmulatorOptions | undefined {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: argv,
      options: { ...Object.fromEntries(Object.keys(FLAGS).map((name) => [name, { type: "string" as const }])), help: { type: "boolean" } },
      strict: true,
      allowPositionals: false,
    });
  } catch (error) {
    throw new UsageError(messageOf(error));
  }
  const values = parsed.values as Record<string, string | boolean | undefined>;
  if (values["help"]) return undefined;
  const get = (name: string): string | undefined => values[name] as string | undefined;
  const stopRunning = get("stop-running") ?? "terminate";
  if (stopRunning !== "terminate" && stopRunning !== "let-finish")
    throw new UsageError(`--stop-running takes terminate or let-finish, not ${JSON.stringify(stopRunning)}`);
  const keys = get("keys") ?? "per-run";
  if (keys !== "per-run" && keys !== "well-known") throw new UsageError(`--keys takes per-run or well-known, not ${JSON.stringify(keys)}`);
  const pinnedSecret = get("access-key-secret") ?? env["ECS_EMULATOR_ACCESS_KEY_SECRET"];
  if (pinnedSecret !== undefined && get("keys") !== undefined)
    throw new UsageError("--keys and a pinned secret (--access-key-secret, ECS_EMULATOR_ACCESS_KEY_SECRET) exclude each other");
  const fleetPath = get("fleet");
  let fleet: EmulatorOptions["fleet"];
  if (fleetPath !== undefined) {
    try {
      fleet = loadFleetFile(fleetPath);
    } catch (error) {
      throw new UsageError(`--fleet ${messageOf(error)}`);
    }
  }
  const number = (name: string, min: number, max?: number): number | undefined => {
    const text = get(name);
    return text === undefined ? undefined : wholeNumber(name, text, min, max);
  };
  const retentionDays = number("retention-days", 1);
  const quota = number("daily-invocation-quota", 0);
  return {
    port: number("port", 0, 65_535) ?? 0,
    host: get("host"),
    dataDir: get("data-dir"),
    fleet,
    accessKeys: [
      {
        accessKeyId: get("access-key-id") ?? env["ECS_EMULATOR_ACCESS_KEY_ID"] ?? DEFAULT_ACCESS_KEY.accessKeyId,
        accessKeySecret: pinnedSecret ?? (keys === "well-known" ? DEFAULT_ACCESS_KEY.accessKeySecret : newSecret()),
      },
    ],
    faults: get("faults") === undefined ? undefined : jsonFile<FaultSettings>("faults", get("faults")!),
    deliveryDelayMs: number("delivery-delay-ms", 0),
    retentionMs: retentionDays === undefined ? undefined : retentionDays * 86_400_000,
    quotas: quota === undefined ? undefined : { dailyInvocations: quota },
    stopRunning: stopRunning as StopRunning,
  };
}

async function main(): Promise<void> {
  const options = optionsFrom(process.argv.slice(2));
  if (!options) {
    process.stdout.write(USAGE);
    return;
  }
  const emulator = await startEmulator(options);
  const key = emulator.accessKeys[0]!;
  // Printed to the terminal of whoever started it: a page in a browser can never read it.
  process.stdout.write(
    `listening on ${emulator.url}\ndashboard: ${emulator.dashboardUrl}\naccess key id: ${key.accessKeyId}\naccess key secret: ${key.accessKeySecret}\n`,
  );
  const stop = (): void => {
    void emulator.close().then(() => process.exit(0));
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

const SECRET_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/**
 * A secret for this run only, shaped like an Alibaba Cloud AccessKey secret: 30 letters and digits
 * (about 178 random bits). Never a "-" or "_": a secret pasted after `pulumi config set --secret key`
 * that begins with "-" is read as a flag, and the CLI's error shows it.
 */
export function perRunSecret(): string {
  return Array.from({ length: 30 }, () => SECRET_ALPHABET[randomInt(SECRET_ALPHABET.length)]).join("");
}

if (require.main === module) {
  main().catch((error: unknown) => {
    const usage = error instanceof UsageError;
    process.stderr.write(`ecs-emulator: ${messageOf(error)}\n${usage ? "Run ecs-emulator --help for the flags.\n" : ""}`);
    process.exit(2);
  });
}
