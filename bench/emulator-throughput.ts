/**
 * The emulator on its own: DescribeInvocations per call against DescribeRegions (the floor of
 * signing + HTTP + JSON through the SDK), its request throughput with 16 clients at once, and the
 * memory 2,000 stored invocations take.
 */
import * as $Ecs from "@alicloud/ecs20140526";
import type { RunningEmulator } from "../emulator";
import { sdkClient } from "../test/support/emulator";
import { measured, type Row } from "./stats";

async function perCall(calls: number, run: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < 20; i++) await run();
  const start = process.hrtime.bigint();
  for (let i = 0; i < calls; i++) await run();
  return Number(process.hrtime.bigint() - start) / 1e6 / calls;
}

/** Requests per second answered while `clients` loops call `run` for `ms`. */
async function throughput(clients: number, ms: number, run: () => Promise<unknown>): Promise<number> {
  let done = 0;
  const until = Date.now() + ms;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (Date.now() < until) {
        await run();
        done += 1;
      }
    }),
  );
  return done / (ms / 1000);
}

export async function emulatorFigures(emu: RunningEmulator, reps: number): Promise<Row[]> {
  const ecs = sdkClient(emu);
  const commandId = (
    await ecs.createCommand(
      new $Ecs.CreateCommandRequest({
        regionId: "cn-hangzhou",
        name: "bench",
        type: "RunShellScript",
        commandContent: Buffer.from("echo bench").toString("base64"),
      }),
    )
  ).body!.commandId!;
  const invokeId = (
    await ecs.invokeCommand(new $Ecs.InvokeCommandRequest({ regionId: "cn-hangzhou", commandId, instanceId: ["i-linux0000000000001", "i-linux0000000000002"] }))
  ).body!.invokeId!;
  const describe = () => ecs.describeInvocations(new $Ecs.DescribeInvocationsRequest({ regionId: "cn-hangzhou", invokeId, includeOutput: true }));
  const regions = () => ecs.describeRegions(new $Ecs.DescribeRegionsRequest({}));

  const floors: number[] = [];
  const describes: number[] = [];
  const rates: number[] = [];
  const floorRates: number[] = [];
  for (let rep = 0; rep < reps; rep++) {
    floors.push(await perCall(200, regions));
    describes.push(await perCall(200, describe));
    floorRates.push(await throughput(16, 2_000, regions));
    rates.push(await throughput(16, 2_000, describe));
  }
  const rows: Row[] = [];
  const call = measured(describes);
  const floor = measured(floors);
  rows.push({
    group: "Emulator",
    name: "DescribeInvocations with output, per call",
    value: call,
    unit: "ms",
    baseline: floor,
    ratio: call.median / floor.median,
    target: "≤ 3×",
    met: call.median / floor.median <= 3,
    note: "baseline: DescribeRegions",
  });
  const rate = measured(rates);
  const floorRate = measured(floorRates);
  rows.push({
    group: "Emulator",
    name: "DescribeInvocations throughput, 16 clients",
    value: rate,
    unit: "req/s",
    baseline: floorRate,
    ratio: rate.median / floorRate.median,
    note: "baseline: DescribeRegions throughput",
  });

  global.gc?.();
  const idleHeap = process.memoryUsage().heapUsed;
  const region = emu.store.region("cn-hangzhou");
  const template = region.invocations[invokeId]!;
  for (let i = 0; i < 2000; i++) region.invocations[`t-bench${i}`] = { ...structuredClone(template), invokeId: `t-bench${i}` };
  global.gc?.();
  const grown = process.memoryUsage().heapUsed - idleHeap;
  for (let i = 0; i < 2000; i++) delete region.invocations[`t-bench${i}`];
  rows.push({
    group: "Emulator",
    name: "heap for 2,000 stored invocations",
    value: measured([grown / 1024 / 1024]),
    unit: "MiB",
    baseline: measured([idleHeap / 1024 / 1024]),
    ratio: grown / idleHeap,
    target: "≤ 1× the idle heap",
    met: grown / idleHeap <= 1,
  });
  return rows;
}
