/**
 * Entry of the `pulumi-resource-alicloud-ecs-invocation` plugin: the engine starts it with its own
 * address as the first argument and reads the port to call from the first line of stdout.
 */
import { join } from "node:path";
import { useEngineAddress } from "../lifecycle/engine-progress";
import { serve } from "./provider-server";

async function main(): Promise<void> {
  const engine = process.argv[2];
  if (engine) useEngineAddress(engine);
  const { version } = require(join(__dirname, "..", "..", "..", "package.json")) as { version: string };
  const port = await serve(version);
  process.stdout.write(`${port}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`pulumi-resource-alicloud-ecs-invocation: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
