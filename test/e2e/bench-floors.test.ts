/**
 * The bench's dynamic floor storing invocations (bench/programs/noop-stored) holds each path's
 * bar for P1 (docs/performance.md): it must store what an invocation stores through the dynamic
 * provider — the same inputs, the same outputs, each of the same type and length — or the bar
 * would measure something else — and its serialized provider must be no heavier than the
 * package's. One resource of each through the real CLI, their state compared.
 */
import { buildStoredBundle, kinds } from "../../bench/engine-overhead";
import type { RunningEmulator } from "../../emulator";
import { emulator } from "../support/emulator";
import { jsonShape } from "../support/json-shape";
import { PulumiProject } from "./harness";

// The URN holds the project's and the type's names; `__provider` is each provider's own code.
const named = (path: string) => /\.(__urn|__provider)$/.test(path);

jest.setTimeout(300_000);

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await emulator({ deliveryDelayMs: 0 });
  await buildStoredBundle();
});
afterAll(async () => {
  await emu.close();
});

async function storedResource(name: "invocations" | "no-op storing invocations") {
  const kind = kinds.find((k) => k.name === name)!;
  const project = await PulumiProject.from(kind.program, `floor-${name.replace(/\W+/g, "-")}`, emu);
  try {
    await kind.start(project, 1, emu);
    const up = await project.up();
    expect(up.code).toBe(0);
    const state = await project.exportState();
    const resource = state.deployment.resources.find((r) => r.type.startsWith("pulumi-nodejs:dynamic/"))!;
    const provider = String(resource.outputs?.["__provider"]);
    return { id: resource.id!, provider, inputs: jsonShape(resource.inputs, named), outputs: jsonShape(resource.outputs, named) };
  } finally {
    await project.dispose();
  }
}

describe("the bench's dynamic floor storing invocations", () => {
  it("stores what an EcsInvocation of the benchmark's instant command stores through the dynamic provider", async () => {
    const real = await storedResource("invocations");
    const floor = await storedResource("no-op storing invocations");
    expect(real.outputs).toContain(".status: string of 9");
    expect(floor.id).toHaveLength(real.id.length);
    expect(floor.inputs).toEqual(real.inputs);
    expect(floor.outputs).toEqual(real.outputs);
    // Its serialized provider is one `require` of a module too, no heavier than the package's.
    expect(floor.provider).toMatch(/require\("\.cache\/pulumi-ecs-invocation-bench\/noop-stored-provider\.js"\)/);
    expect(floor.provider.length).toBeLessThanOrEqual(real.provider.length);
  });
});
