import { emulatorForFile } from "../support/emulator";
import { PulumiProject, SPEC_PROGRAM } from "./harness";
import { calls, type InvocationResult, spec } from "./support";

jest.setTimeout(600_000);

const emu = emulatorForFile();

describe("parallel updates", () => {
  it("creates 20 invocations with --parallel 20, each exactly once", async () => {
    const project = await PulumiProject.from(SPEC_PROGRAM, "parallel", emu);
    try {
      await project.spec(spec("echo {{ACS::InvokeId}}", { many: { count: 20 } }));
      const up = await project.up(["--parallel", "20"]);
      expect(up.code).toBe(0);
      const invocations = (await project.outputs<{ invocations: Record<string, InvocationResult> }>()).invocations;
      const ids = Object.values(invocations).map((i) => i.id);
      expect(Object.values(invocations).map((i) => i.status)).toEqual(Array(20).fill("Success"));
      expect(new Set(ids).size).toBe(20);
      const invokes = calls(emu, "InvokeCommand");
      expect(invokes.map((c) => c.code)).toEqual(Array(20).fill("OK"));
      expect(new Set(invokes.map((c) => c.params["ClientToken"])).size).toBe(20);
      expect(Object.keys(emu.store.state.regions["cn-hangzhou"]!.invocations)).toHaveLength(20);

      // A refresh of finished runs reads the stack's listing once, however the engine spreads its
      // reads, and no output (it cannot change); what the state holds stays.
      const stored = JSON.stringify((await project.exportState()).deployment.resources.map((r) => r.outputs?.["instances"]));
      const before = emu.requestLog.length;
      expect((await project.pulumi(["refresh", "--yes", "--skip-preview", "--parallel", "20"])).code).toBe(0);
      const reads = emu.requestLog
        .slice(before)
        .filter((c) => c.action.includes("Invocation")) // the program's EcsCommand is read too
        .map((c) => `${c.action}${c.params["InvokeId"] ? " by id" : ""}`);
      expect(reads).toEqual(["DescribeInvocations"]);
      expect(JSON.stringify((await project.exportState()).deployment.resources.map((r) => r.outputs?.["instances"]))).toBe(stored);

      // Releases share TagResources calls (50 ids a call, one tag set) as the request budget makes
      // them wait: the deletes that come while a release's slot is awaited go in the next call, not
      // one call each. (Unlimited, a release goes at once.) At 1 request/s a call goes each second, so
      // the count tells how many seconds the engine took to hand over its 20 deletes: 2–4 here, about
      // 11 on a loaded CI machine at 5 requests/s, 20 if releases were not shared.
      await project.config("alicloud:maxRequestsPerSecond", "1");
      expect((await project.pulumi(["destroy", "--yes", "--skip-preview", "--parallel", "20"])).code).toBe(0);
      const releases = calls(emu, "TagResources").filter((c) => c.code === "OK");
      const released = releases.flatMap((c) =>
        Object.entries(c.params)
          .filter(([key]) => /^ResourceId\.\d+$/.test(key))
          .map(([, id]) => id),
      );
      expect(new Set(released)).toEqual(new Set(ids));
      expect(releases.length).toBeLessThanOrEqual(10);
    } finally {
      await project.dispose();
    }
  });
});
