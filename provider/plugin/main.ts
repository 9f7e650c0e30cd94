/**
 * Entry of the `pulumi-resource-alicloud-ecs-invocation` plugin: the engine starts it with its own
 * address as the first argument and reads the port to call from the first line of stdout.
 */
import { useEngineAddress } from "../lifecycle/engine-progress";
import { packageFiles } from "./package-files";
import { serve } from "./provider-server";
import { PACKAGE } from "./resource-steps";

/** How often the plugin looks whether the engine that started it is still there. */
const ENGINE_CHECK_MS = 1_000;

async function main(): Promise<void> {
  const engine = process.argv[2];
  if (engine) useEngineAddress(engine);
  const { version, schema } = packageFiles();
  const port = await serve(version, schema, PACKAGE);
  process.stdout.write(`${port}\n`);
  exitWithEngine();
}

/**
 * The engine ends its plugins when it ends; when it is killed (a CI runner's -9), nobody does, and
 * nothing will ever call again. The plugin then exits by itself: its parent is gone when it has
 * been handed to another one. A run it was waiting for goes on in the cloud; the next `up` finds it
 * by its tags and records it (lifecycle/run).
 */
function exitWithEngine(): void {
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) process.exit(0);
  }, ENGINE_CHECK_MS).unref();
}

main().catch((error: unknown) => {
  process.stderr.write(`pulumi-resource-alicloud-ecs-invocation: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
