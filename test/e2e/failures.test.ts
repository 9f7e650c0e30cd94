import { emulatorForFile } from "../support/emulator";
import { PulumiProject, SPEC_PROGRAM } from "./harness";
import { calls, invocationStatus, spec, storedInvocation } from "./support";

jest.setTimeout(600_000);

const emu = emulatorForFile();

describe("failures are recorded, explained and retried", () => {
  it.each([
    ["the timeouts input", { timeouts: { create: "2s" } }],
    ["the customTimeouts option", { customTimeouts: { create: "2s" } }],
  ])("a create that outlives %s fails clearly and keeps the invocation in state", async (_name, options) => {
    const project = await PulumiProject.from(SPEC_PROGRAM, "timeout", emu);
    try {
      await project.spec(spec("sleep 60", { slow: options }));
      const up = await project.up();
      expect(up.code).not.toBe(0);
      expect(up.output).toContain("did not reach a final state within the create timeout of 2s (it is Running)");
      const stored = await storedInvocation(project, "slow");
      expect(stored?.id).toMatch(/^t-/);
      expect(stored?.outputs?.["createOutcome"]).toBe("timedOut");
      const destroy = await project.destroy();
      expect(destroy.code).toBe(0);
      // Progress while stopping is shown beside the resource too.
      expect(destroy.output).toMatch(new RegExp(`EcsInvocation slow .*stopping ${stored!.id}: (Stopping|Stopped)`));
      expect(await invocationStatus(emu, stored!.id!)).toBe("Stopped");
    } finally {
      await project.dispose();
    }
  });

  it("a failed command fails up with the instance's output, stays in state, and the next up runs it again", async () => {
    const project = await PulumiProject.from(SPEC_PROGRAM, "failed", emu);
    try {
      await project.spec(spec('echo "checking"; echo "disk /data is 97% full" >&2; exit 3', { check: {} }));
      const before = calls(emu, "InvokeCommand").length;
      const up = await project.up();
      expect(up.code).not.toBe(0);
      expect(up.output).toContain("ended Failed (1 of 1 instances did not succeed)");
      expect(up.output).toContain("i-linux0000000000001: Failed, error ExitCodeNonzero, the command execution exit code is not zero, exit code 3");
      expect(up.output).toContain("disk /data is 97% full");
      const first = await storedInvocation(project, "check");
      expect([first?.id, first?.outputs?.["status"]]).toEqual([expect.stringMatching(/^t-/), "Failed"]);
      const again = await project.up();
      expect(again.code).not.toBe(0);
      const second = await storedInvocation(project, "check");
      expect(second?.id).not.toBe(first?.id);
      expect(calls(emu, "InvokeCommand").length - before).toBe(2);
    } finally {
      await project.dispose();
    }
  });
});
