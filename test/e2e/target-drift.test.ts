import { control, emulatorForFile } from "../support/emulator";
import { PulumiProject, SPEC_PROGRAM } from "./harness";
import { calls, spec, storedInvocation } from "./support";

jest.setTimeout(300_000);

const emu = emulatorForFile();
const [WEB1, WEB2, DB1] = ["i-linux0000000000001", "i-linux0000000000002", "i-linux0000000000003"];

describe("fleet targeting that stays true: resourceTags", () => {
  it("records which instances the tags matched, and refresh reports when they match others, re-running nothing", async () => {
    const project = await PulumiProject.from(SPEC_PROGRAM, "target-drift", emu);
    try {
      await project.spec(spec("echo deployed on {{ACS::InstanceName}}", { web: { instanceIds: undefined, resourceTags: { role: "web" } } }));
      expect((await project.up()).code).toBe(0);
      const stored = await storedInvocation(project, "web");
      expect((stored!.outputs!["instances"] as { instanceId: string }[]).map((i) => i.instanceId).sort()).toEqual([WEB1, WEB2]);
      const invokes = calls(emu, "InvokeCommand").length;

      // Unchanged fleet: nothing to report.
      expect((await project.refresh()).code).toBe(0);
      expect((await storedInvocation(project, "web"))!.outputs!["targetDrift"]).toBeUndefined();

      // db-1 joins the web role, web-2 leaves it.
      await control(emu, "PUT", `fleet/${DB1}`, { tags: { env: "demo", role: "web" } });
      await control(emu, "PUT", `fleet/${WEB2}`, { tags: { env: "demo", role: "api" } });
      const refresh = await project.refresh();
      expect(refresh.code).toBe(0);
      expect((await storedInvocation(project, "web"))!.outputs!["targetDrift"]).toEqual({
        ranOn: [WEB1, WEB2],
        matchingNow: [WEB1, DB1],
        added: [DB1],
        removed: [WEB2],
      });
      const note =
        `resourceTags role=web now select 2 instance(s), not the 2 that ${stored!.id} ran on: ${DB1} now carry them but never ran it; ` +
        `${WEB2} ran it but no longer carry them (as of the last refresh).`;
      expect(refresh.output).toContain(note);
      const preview = await project.preview(["--expect-no-changes"]);
      expect(preview.code).toBe(0);
      expect(preview.output).toContain(note);
      expect(calls(emu, "InvokeCommand").length).toBe(invokes);

      // Back as it was: the report goes away.
      await control(emu, "PUT", `fleet/${DB1}`, { tags: { env: "demo", role: "db" } });
      await control(emu, "PUT", `fleet/${WEB2}`, { tags: { env: "demo", role: "web" } });
      expect((await project.refresh()).code).toBe(0);
      expect((await storedInvocation(project, "web"))!.outputs!["targetDrift"]).toBeUndefined();
      expect((await project.preview()).output).not.toContain("now select");
    } finally {
      await project.dispose();
    }
  });
});
