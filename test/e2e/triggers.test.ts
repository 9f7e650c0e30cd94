import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { emulatorForFile } from "../support/emulator";
import { exampleDir, PulumiProject, SPEC_PROGRAM } from "./harness";
import { calls, spec, storedInvocation } from "./support";

jest.setTimeout(300_000);

const emu = emulatorForFile();

describe("triggers: values whose change runs the command again", () => {
  it("the triggers example re-runs its deploy when the artifact's hash changes, and only then", async () => {
    const project = await PulumiProject.from(exampleDir("triggers"), "triggers", emu);
    try {
      expect((await project.up()).code).toBe(0);
      const first = await project.outputs<{ artifact: string; invokeId: string; results: { output: string }[] }>();
      expect(first.results.map((r) => r.output)).toEqual(["deploy number 1 on web-1", "deploy number 1 on web-2"]);
      expect(calls(emu, "InvokeCommand")).toHaveLength(1);

      // Same artifact: nothing to do, nothing runs.
      expect((await project.preview(["--expect-no-changes"])).code).toBe(0);
      expect((await project.up()).code).toBe(0);
      expect(calls(emu, "InvokeCommand")).toHaveLength(1);

      // A new release: preview says it will replace because of triggers, up runs the command again.
      writeFileSync(join(project.dir, "release.txt"), "release 1.0.1\n");
      const preview = await project.preview();
      expect(preview.code).toBe(0);
      expect(preview.output).toMatch(/\+-\s+pulumi-nodejs:dynamic\/alicloud:EcsInvocation\s+deploy\s+replace\s+\[diff: ~triggers\]/);
      const detailed = await project.preview(["--diff"]);
      expect(detailed.output).toMatch(/~ triggers\s*: \[\s*~ \[0\]: "[0-9a-f]{64}" => "[0-9a-f]{64}"/);
      expect((await project.up()).code).toBe(0);
      const second = await project.outputs<{ artifact: string; invokeId: string; results: { output: string }[] }>();
      expect(second.artifact).not.toBe(first.artifact);
      expect(second.invokeId).not.toBe(first.invokeId);
      expect(second.results.map((r) => r.output)).toEqual(["deploy number 2 on web-1", "deploy number 2 on web-2"]);
      expect(calls(emu, "InvokeCommand")).toHaveLength(2);
      // Triggers never reach the cloud.
      expect(JSON.stringify(calls(emu, "InvokeCommand").map((c) => c.params))).not.toContain(second.artifact);
    } finally {
      await project.dispose();
    }
  });

  it("compares values as JSON: object key order is no change, list order is; a non-list is refused at preview", async () => {
    const project = await PulumiProject.from(SPEC_PROGRAM, "triggers-spec", emu);
    try {
      const before = calls(emu, "InvokeCommand").length;
      await project.spec(spec("echo run", { run: { triggers: [{ a: 1, b: "x" }, 2] } }));
      expect((await project.up()).code).toBe(0);
      await project.spec(spec("echo run", { run: { triggers: [{ b: "x", a: 1 }, 2] } }));
      expect((await project.preview(["--expect-no-changes"])).code).toBe(0);
      await project.spec(spec("echo run", { run: { triggers: [2, { a: 1, b: "x" }] } }));
      expect((await project.up()).code).toBe(0);
      expect(calls(emu, "InvokeCommand").length).toBe(before + 2);
      expect((await storedInvocation(project, "run"))?.outputs?.["triggers"]).toEqual([2, { a: 1, b: "x" }]);
      // Not a list: refused at preview, naming the field and the rule.
      await project.spec(spec("echo run", { run: { triggers: "v2" } }));
      const bad = await project.preview();
      expect(bad.code).not.toBe(0);
      expect(bad.output).toContain("triggers: must be a list of values");
      expect(calls(emu, "InvokeCommand").length).toBe(before + 2);
    } finally {
      await project.spec(spec("echo run", {}));
      await project.dispose();
    }
  });
});
