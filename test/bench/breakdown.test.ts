import { breakdownNote, type Sampled } from "../../bench/breakdown";
import type { CpuBreakdown } from "../../bench/cpu-sampler";
import { OPERATIONS, type Operation } from "../../bench/engine-overhead";

/** A run whose every operation took `wallMs` and whose processes used `cpu` (ms). */
function run(wallMs: number, cpu: { provider: number; emulator: number; shells: number }): Sampled {
  const breakdown: CpuBreakdown = {
    tree: { engine: 500, "language host": 0, program: 900, provider: cpu.provider, other: 0 },
    emulator: cpu.emulator,
    shells: cpu.shells,
  };
  const all = <T>(value: T) => Object.fromEntries(OPERATIONS.map((op) => [op, value])) as Record<Operation, T>;
  return { wall: all(wallMs), cpu: all(breakdown) };
}

describe("the bench's P1 breakdown", () => {
  it("gives the CPU of the run its figure measures (no shells), and the shells run's apart", () => {
    const note = breakdownNote("create", {
      withShells: run(4_000, { provider: 700, emulator: 900, shells: 600 }),
      noShells: run(3_000, { provider: 500, emulator: 200, shells: 0 }),
      base: run(2_500, { provider: 100, emulator: 50, shells: 0 }),
    });
    expect(note).toContain("CPU: engine 0.50 s, program 0.90 s, provider 0.50 s, emulator 0.20 s;");
    expect(note).toContain("floor's CPU: engine 0.50 s, program 0.90 s, provider 0.10 s, emulator 0.05 s;");
    expect(note).toContain("with the emulator's shells 4.00 s (+1.00 s; emulator 0.90 s, shells and rest 0.60 s)");
    expect(note).not.toContain("the floor storing");
  });

  it("gives the floor of the resource's shape beside, when measured", () => {
    const runs = {
      withShells: run(4_000, { provider: 700, emulator: 900, shells: 600 }),
      noShells: run(3_000, { provider: 500, emulator: 200, shells: 0 }),
      base: run(2_500, { provider: 100, emulator: 50, shells: 0 }),
    };
    const note = breakdownNote("destroy", {
      ...runs,
      shapedBase: { label: "the floor storing what an invocation stores", sampled: run(2_700, { provider: 120, emulator: 50, shells: 0 }) },
    });
    expect(note).toMatch(/; the floor storing what an invocation stores 2\.70 s \(CPU: engine 0\.50 s, program 0\.90 s, provider 0\.12 s, emulator 0\.05 s\)$/);
  });
});
