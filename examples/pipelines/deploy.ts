// A deployment pipeline step as a Node script, with Pulumi's Automation API: the same flow as the
// CLI recipe in docs/pipelines.md (preview with the diff, then up, then per-instance results).
//
//   PULUMI_BACKEND_URL="file://$PWD/state?metadata=skip" PULUMI_CONFIG_PASSPHRASE=… \
//   ALICLOUD_REGION=cn-hangzhou ALICLOUD_ACCESS_KEY=… ALICLOUD_SECRET_KEY=… \
//   npx ts-node deploy.ts [--stack ci] [--destroy]
//
// Credentials come from the environment, where the provider reads them on every call: nothing of
// them reaches the stack's configuration or state. The script drives the `pulumi` CLI on PATH.
import { join } from "node:path";
import { parseArgs } from "node:util";
import { LocalWorkspace, PulumiCommand } from "@pulumi/pulumi/automation";

interface InstanceResult {
  instanceId: string;
  status: string;
  exitCode: number;
  output: string;
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { stack: { type: "string", default: "ci" }, destroy: { type: "boolean", default: false } } });
  // Pin the CLI your pipeline installs; the version check is for the Automation API's own minimum.
  const pulumiCommand = await PulumiCommand.get({ skipVersionCheck: true });
  // The program deployed: the basic example (a command and one invocation of it).
  const stack = await LocalWorkspace.createOrSelectStack({ stackName: values.stack!, workDir: join(__dirname, "..", "basic") }, { pulumiCommand });
  const print = (line: string) => process.stdout.write(line);

  if (values.destroy) {
    await stack.destroy({ onOutput: print });
    return 0;
  }
  // On a pull request, this is where a pipeline stops: the diff is the review.
  const preview = await stack.preview({ diff: true, onOutput: print });
  console.log(`preview: ${JSON.stringify(preview.changeSummary)}`);

  // On merge: apply. A failed command fails the update (it throws), with each failing instance's output.
  const up = await stack.up({ onOutput: print });
  console.log(`up: ${up.summary.result}, ${JSON.stringify(up.summary.resourceChanges)}`);

  // Per-instance results, as `pulumi stack output --json` shows them.
  const results = (up.outputs["results"]?.value ?? []) as InstanceResult[];
  for (const r of results) console.log(`${r.instanceId}: ${r.status} (exit ${r.exitCode}) ${r.output}`);
  return results.every((r) => r.status === "Success") ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    // The CLI's own message (stderr of the failed command) says what went wrong and what to do.
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  },
);
