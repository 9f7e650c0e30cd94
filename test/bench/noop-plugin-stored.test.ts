import { likeAnInvocation } from "../../bench/noop-plugin/stored";
import type { RunningEmulator } from "../../emulator";
import { startSession } from "../../provider/cloud/session";
import { create } from "../../provider/lifecycle/invocation-lifecycle";
import { overrideRuntime } from "../../provider/lifecycle/runtime";
import { emulator, shellCommand } from "../support/emulator";
import { jsonShape } from "../support/json-shape";
import { configureFor } from "../support/provider";

let emu: RunningEmulator;
let restore: () => void;
beforeAll(async () => {
  emu = await emulator({ deliveryDelayMs: 0 });
  configureFor(emu);
  restore = overrideRuntime({ progress: () => {} });
});
afterAll(async () => {
  restore();
  await emu.close();
});

describe("the bench's no-op plugin floor storing invocations", () => {
  it("stores what a real create of the benchmark's instant command stores: the same keys, types and lengths", async () => {
    startSession();
    const commandId = await shellCommand(emu, "bench-ok", "echo ok");
    const inputs = { commandId, instanceIds: ["i-linux0000000000001", "i-linux0000000000002"], timeout: 60 };
    const real = await create(inputs as never);
    const floor = likeAnInvocation(inputs);
    expect(real.outs.status).toBe("Success");
    expect(floor.id).toHaveLength(real.id.length);
    expect(jsonShape(floor.outs)).toEqual(jsonShape(real.outs));
  });
});
