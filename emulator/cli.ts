#!/usr/bin/env node
/**
 * ecs-emulator: the ECS Cloud Assistant API emulator in the foreground.
 *
 *   ecs-emulator [--port 8080] [--host 127.0.0.1] [--data-dir DIR] [--fleet fleet.json]
 *                [--access-key-id ID --access-key-secret SECRET] [--faults faults.json]
 *                [--delivery-delay-ms 50] [--retention-days 30] [--daily-invocation-quota 5000]
 *                [--stop-running terminate|let-finish]
 *
 * Environment: ECS_EMULATOR_ACCESS_KEY_ID / ECS_EMULATOR_ACCESS_KEY_SECRET override the default pair.
 */
import { readFileSync } from "node:fs";
import { DEFAULT_ACCESS_KEY, startEmulator } from "./index";
import { loadFleetFile } from "./model/fleet";

function flags(argv: string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? "";
    if (!arg.startsWith("--")) throw new Error(`unexpected argument ${arg}`);
    const [name, inline] = arg.slice(2).split("=", 2);
    const value = inline ?? argv[++i];
    if (value === undefined) throw new Error(`--${name} needs a value`);
    out.set(name ?? "", value);
  }
  return out;
}

async function main(): Promise<void> {
  const args = flags(process.argv.slice(2));
  const known = new Set(["port", "host", "data-dir", "fleet", "access-key-id", "access-key-secret", "faults", "delivery-delay-ms", "retention-days", "daily-invocation-quota", "stop-running"]);
  for (const name of args.keys()) if (!known.has(name)) throw new Error(`unknown flag --${name}`);
  const accessKey = {
    accessKeyId: args.get("access-key-id") ?? process.env["ECS_EMULATOR_ACCESS_KEY_ID"] ?? DEFAULT_ACCESS_KEY.accessKeyId,
    accessKeySecret: args.get("access-key-secret") ?? process.env["ECS_EMULATOR_ACCESS_KEY_SECRET"] ?? DEFAULT_ACCESS_KEY.accessKeySecret,
  };
  const stopRunning = args.get("stop-running") ?? "terminate";
  if (stopRunning !== "terminate" && stopRunning !== "let-finish") throw new Error(`--stop-running takes terminate or let-finish, not ${JSON.stringify(stopRunning)}`);
  const emulator = await startEmulator({
    stopRunning,
    port: Number(args.get("port") ?? 0),
    host: args.get("host"),
    dataDir: args.get("data-dir"),
    fleet: args.has("fleet") ? loadFleetFile(args.get("fleet") ?? "") : undefined,
    accessKeys: [accessKey],
    faults: args.has("faults") ? JSON.parse(readFileSync(args.get("faults") ?? "", "utf8")) : undefined,
    deliveryDelayMs: args.has("delivery-delay-ms") ? Number(args.get("delivery-delay-ms")) : undefined,
    retentionMs: args.has("retention-days") ? Number(args.get("retention-days")) * 86_400_000 : undefined,
    quotas: args.has("daily-invocation-quota") ? { dailyInvocations: Number(args.get("daily-invocation-quota")) } : undefined,
  });
  process.stdout.write(`listening on ${emulator.url}\n`);
  const stop = (): void => {
    void emulator.close().then(() => process.exit(0));
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`ecs-emulator: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(2);
});
