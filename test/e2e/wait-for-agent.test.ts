import { control, emulatorForFile, eventually } from "../support/emulator";
import { PulumiProject, SPEC_PROGRAM } from "./harness";
import { calls, spec, storedInvocation } from "./support";

jest.setTimeout(300_000);

const emu = emulatorForFile();
const BOOTING = "i-booting000000001";

describe("waitForAgent: a command aimed at instances that are still coming up", () => {
  it("waits until the instance runs with its agent online, then runs the command once", async () => {
    // As an instance the same program just created: booting, agent not up yet.
    await control(emu, "PUT", `fleet/${BOOTING}`, {
      instanceName: "fresh-1",
      status: "Starting",
      agent: { installed: true, running: false, version: "2.2.3.0" },
    });
    const project = await PulumiProject.from(SPEC_PROGRAM, "wait-agent", emu);
    try {
      await project.spec(spec("echo ready on {{ACS::InstanceName}}", { setup: { instanceIds: [BOOTING], waitForAgent: true, timeouts: { create: "3m" } } }));
      const up = project.startUp();
      // The provider is looking at the instance and has not sent the command.
      await eventually(async () => (calls(emu, "DescribeInstances").length >= 2 ? true : undefined), 120_000);
      expect(calls(emu, "InvokeCommand")).toEqual([]);
      await control(emu, "PUT", `fleet/${BOOTING}`, { status: "Running" });
      await eventually(async () => (calls(emu, "DescribeCloudAssistantStatus").length >= 1 ? true : undefined), 60_000);
      expect(calls(emu, "InvokeCommand")).toEqual([]);
      const agentUp = emu.requestLog.length;
      await control(emu, "PUT", `fleet/${BOOTING}`, { agent: { installed: true, running: true, version: "2.2.3.0" } });

      const result = await up.done;
      expect(result.code).toBe(0);
      const invokes = calls(emu, "InvokeCommand");
      expect(invokes).toHaveLength(1);
      expect(emu.requestLog.indexOf(invokes[0]!)).toBeGreaterThanOrEqual(agentUp);
      const stored = await storedInvocation(project, "setup");
      expect(stored?.outputs?.["instances"]).toEqual([expect.objectContaining({ instanceId: BOOTING, status: "Success", output: "ready on fresh-1\n" })]);
    } finally {
      await project.dispose();
    }
  });

  it("fails at the create timeout naming each instance not ready and why; nothing runs, nothing is recorded", async () => {
    const project = await PulumiProject.from(SPEC_PROGRAM, "wait-agent-fail", emu);
    try {
      const before = calls(emu, "InvokeCommand").length;
      await project.spec(
        spec("echo never", {
          setup: { instanceIds: ["i-linux0000000000001", "i-stopped00000000001", "i-noagent00000000001"], waitForAgent: true, timeouts: { create: "4s" } },
        }),
      );
      const up = await project.up();
      expect(up.code).not.toBe(0);
      expect(up.output).toContain("2 of 3 target instances were not ready within the create timeout (waitForAgent), so the command was not run:");
      expect(up.output).toContain("i-stopped00000000001: the instance is Stopped, not Running");
      expect(up.output).toContain("i-noagent00000000001: the Cloud Assistant agent is not installed or not running");
      expect(calls(emu, "InvokeCommand").length).toBe(before);
      expect(await storedInvocation(project, "setup")).toBeUndefined();
    } finally {
      await project.dispose();
    }
  });
});
