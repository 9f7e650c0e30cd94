/**
 * Entry of the `pulumi-resource-alicloud-ecs-invocation` plugin: the engine starts it with its own
 * address as the first argument and reads the port to call from the first line of stdout.
 */
import { useEngineAddress } from "../lifecycle/engine-progress";
import { exitWithEngine } from "./engine-watch";
import { packageFiles } from "./package-files";
import { serve } from "./provider-server";
import { PACKAGE } from "./resource-steps";

async function main(): Promise<void> {
  const engine = process.argv[2];
  if (engine) useEngineAddress(engine);
  const { version, schema } = packageFiles();
  const port = await serve(version, schema, PACKAGE);
  process.stdout.write(`${port}\n`);
  exitWithEngine();
}

main().catch((error: unknown) => {
  process.stderr.write(`pulumi-resource-alicloud-ecs-invocation: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
