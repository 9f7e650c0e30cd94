/**
 * Benchmarks, each reported as a ratio against a baseline measured in the same run on the same
 * machine (absolute numbers vary between machines; ratios are what we track):
 *
 * 1. emulator-describe: DescribeInvocations with output, per call, against DescribeRegions (the
 *    floor of signing + HTTP + JSON through the SDK). Target: ≤ 3×.
 * 2. emulator-memory: heap growth per stored invocation after 2,000 invocations, against the heap
 *    of an idle emulator. Reported; target: 2,000 invocations cost < 1× the idle heap.
 * 3. create-latency: EcsInvocation create (InvokeCommand + adaptive waiting) for a command that
 *    finishes at once, against Terraform's waiting (5 s first delay, then polls). Target: ≤ 0.2×.
 *
 *   npm run bench            # writes bench/results/<time>.json and prints the table
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import * as $Ecs from "@alicloud/ecs20140526";
import { startEmulator } from "../emulator";
import { create } from "../provider/lifecycle/invocation-lifecycle";
import { configureFor } from "../test/support/provider";
import { sdkClient } from "../test/support/emulator";

interface Result {
  name: string;
  measured: number;
  baseline: number;
  unit: string;
  ratio: number;
  target: number;
}

async function timePerCall(calls: number, run: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < 20; i++) await run();
  const start = process.hrtime.bigint();
  for (let i = 0; i < calls; i++) await run();
  return Number(process.hrtime.bigint() - start) / 1e6 / calls;
}

async function main(): Promise<void> {
  const results: Result[] = [];
  const emu = await startEmulator({ deliveryDelayMs: 0 });
  const ecs = sdkClient(emu);
  configureFor(emu);
  const commandId = (await ecs.createCommand(new $Ecs.CreateCommandRequest({ regionId: "cn-hangzhou", name: "bench", type: "RunShellScript", commandContent: Buffer.from("echo bench").toString("base64") }))).body!.commandId!;
  const invokeId = (await ecs.invokeCommand(new $Ecs.InvokeCommandRequest({ regionId: "cn-hangzhou", commandId, instanceId: ["i-linux0000000000001", "i-linux0000000000002"] }))).body!.invokeId!;

  const floor = await timePerCall(300, () => ecs.describeRegions(new $Ecs.DescribeRegionsRequest({})));
  const describe = await timePerCall(300, () => ecs.describeInvocations(new $Ecs.DescribeInvocationsRequest({ regionId: "cn-hangzhou", invokeId, includeOutput: true })));
  results.push({ name: "emulator-describe", measured: describe, baseline: floor, unit: "ms/call", ratio: describe / floor, target: 3 });

  global.gc?.();
  const idleHeap = process.memoryUsage().heapUsed;
  const region = emu.store.region("cn-hangzhou");
  const template = region.invocations[invokeId]!;
  for (let i = 0; i < 2000; i++) {
    const id = `t-bench${i}`;
    region.invocations[id] = { ...structuredClone(template), invokeId: id };
  }
  global.gc?.();
  const grown = process.memoryUsage().heapUsed - idleHeap;
  results.push({ name: "emulator-memory", measured: grown / 1024 / 1024, baseline: idleHeap / 1024 / 1024, unit: "MiB for 2,000 invocations", ratio: grown / idleHeap, target: 1 });
  for (let i = 0; i < 2000; i++) delete region.invocations[`t-bench${i}`];

  const ours: number[] = [];
  for (let i = 0; i < 5; i++) {
    const start = Date.now();
    await create({ commandId, instanceIds: ["i-linux0000000000001"] } as never);
    ours.push(Date.now() - start);
  }
  // Terraform's resource sleeps 5 s before its first poll, so a command that finishes at once is seen after ≥ 5 s.
  const terraformStart = Date.now();
  const terraformId = (await ecs.invokeCommand(new $Ecs.InvokeCommandRequest({ regionId: "cn-hangzhou", commandId, instanceId: ["i-linux0000000000001"] }))).body!.invokeId!;
  await new Promise((resolve) => setTimeout(resolve, 5_000));
  await ecs.describeInvocations(new $Ecs.DescribeInvocationsRequest({ regionId: "cn-hangzhou", invokeId: terraformId }));
  const terraform = Date.now() - terraformStart;
  const median = ours.sort((a, b) => a - b)[2]!;
  results.push({ name: "create-latency", measured: median, baseline: terraform, unit: "ms", ratio: median / terraform, target: 0.2 });

  await emu.close();
  const outDir = join(__dirname, "results");
  mkdirSync(outDir, { recursive: true });
  const file = join(outDir, `${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
  writeFileSync(file, JSON.stringify({ node: process.version, results }, null, 2));
  console.log("benchmark            measured            baseline            ratio   target");
  for (const r of results) {
    const verdict = r.ratio <= r.target ? "ok" : "OVER";
    console.log(`${r.name.padEnd(20)} ${r.measured.toFixed(2).padStart(9)} ${r.unit.padEnd(26)} ${r.baseline.toFixed(2).padStart(9)}          ${r.ratio.toFixed(3).padStart(6)}  ≤ ${r.target} ${verdict}`);
  }
  console.log(`written to ${file}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
