import { createServer } from "node:net";
import { emulatorForFile } from "../support/emulator";
import { PulumiProject, SPEC_PROGRAM } from "./harness";
import { calls, LINUX, spec } from "./support";

jest.setTimeout(300_000);

const emu = emulatorForFile();
const GREET = "echo hello {{name}}";
const realRuns = () => calls(emu, "InvokeCommand").filter((c) => c.params["RepeatMode"] !== "DryRun");
const dryRuns = () => calls(emu, "InvokeCommand").filter((c) => c.params["RepeatMode"] === "DryRun");

describe("previewDryRun: a preview that asks the cloud, running nothing", () => {
  it("reports the cloud's objections at preview, on the arguments concerned; once fixed, up runs once", async () => {
    const project = await PulumiProject.from(SPEC_PROGRAM, "preview-dry-run", emu);
    try {
      await project.config("name", "dry-run-secret-name", true);
      // The command exists first, so the invocation's inputs are all known at the next preview.
      await project.spec(spec(GREET, {}, { enableParameter: true }));
      expect((await project.up()).code).toBe(0);

      const broken = { instanceIds: ["i-stopped00000000001"], parameters: { name: "$secret:name", extra: "x" }, previewDryRun: true };
      await project.spec(spec(GREET, { greet: broken }, { enableParameter: true }));
      const preview = await project.preview();
      expect(preview.code).not.toBe(0);
      expect(preview.output).toContain("parameters: the API refused a dry run of this invocation: InvokeCommand failed: Parameter.NotMatched");
      expect(preview.output).toMatch(/RequestId: [0-9A-F-]{36}/);
      expect(preview.output).toContain("instanceIds[0]: i-stopped00000000001: the instance is Stopped, not Running (previewDryRun)");
      expect(realRuns()).toEqual([]);
      expect(dryRuns().length).toBeGreaterThanOrEqual(1);

      await project.spec(spec(GREET, { greet: { ...broken, instanceIds: [LINUX[0]], parameters: { name: "$secret:name" } } }, { enableParameter: true }));
      expect((await project.preview()).code).toBe(0);
      expect(realRuns()).toEqual([]);
      expect((await project.up()).code).toBe(0);
      expect(realRuns()).toHaveLength(1);
      // Unchanged: nothing to ask the cloud about.
      const asked = dryRuns().length;
      expect((await project.preview(["--expect-no-changes"])).code).toBe(0);
      expect(dryRuns()).toHaveLength(asked);
    } finally {
      await project.dispose();
    }
  });

  it("an endpoint that does not answer is said to be unreachable, not to have refused the dry run", async () => {
    const project = await PulumiProject.from(SPEC_PROGRAM, "preview-dry-run-offline", emu);
    try {
      await project.spec(spec(GREET, {}, { enableParameter: true }));
      expect((await project.up()).code).toBe(0);
      await project.config("alicloud:ecsEndpoint", `http://127.0.0.1:${await closedPort()}`);
      await project.spec(spec(GREET, { greet: { parameters: { name: "x" }, previewDryRun: true } }, { enableParameter: true }));
      const preview = await project.preview();
      expect(preview.code).not.toBe(0);
      expect(preview.output).toContain("previewDryRun: the cloud could not be reached, so this invocation was not checked");
      expect(preview.output).toContain("ECONNREFUSED");
      expect(preview.output).not.toContain("refused a dry run");
      await project.config("alicloud:ecsEndpoint", emu.url);
    } finally {
      await project.dispose();
    }
  });
});

/** A loopback port nothing listens on (taken from the system, then released). */
function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
