import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { control, emulatorForFile } from "../support/emulator";
import { exampleDir, PulumiProject, ROOT } from "./harness";
import { calls, invocationStatus, storedInvocation } from "./support";

jest.setTimeout(600_000);

const emu = emulatorForFile();

describe("examples run as documented", () => {
  it("parameters: fills the placeholders from a secret, keeps it out of the outputs, dry-runs first", async () => {
    const project = await PulumiProject.from(exampleDir("parameters"), "parameters", emu);
    try {
      await project.config("dbPassword", "example-db-password", true);
      const dryRuns = () => calls(emu, "InvokeCommand").filter((c) => c.params["RepeatMode"] === "DryRun").length;
      const before = dryRuns();
      expect((await project.up()).code).toBe(0);
      // previewDryRun: the cloud was asked once, before the run.
      expect(dryRuns()).toBe(before + 1);
      expect(await project.outputs()).toEqual({ status: "Success", outputs: ["i-linux0000000000001: wrote ~/app/env for app (2 lines)"] });
      expect(project.rawState()).not.toContain("example-db-password");
    } finally {
      await project.dispose();
    }
  });

  it("files: puts app.conf on two instances once, a check reads it, the lookups find the public command and the run; destroy removes it", async () => {
    const project = await PulumiProject.from(exampleDir("files"), "files-example", emu);
    try {
      await project.config("apiToken", "example-file-api-token", true);
      const sends = () => calls(emu, "SendFile").filter((c) => c.code === "OK").length;
      const before = sends();
      expect((await project.up()).code).toBe(0);
      expect(sends() - before).toBe(1);
      const outputs = await project.outputs<{ delivered: string[]; checked: string[]; publicCommand: string; ranStatus: string[] }>();
      expect(outputs).toMatchObject({
        delivered: ["i-linux0000000000001: Success", "i-linux0000000000002: Success"],
        checked: ["600\n2", "600\n2"],
        publicCommand: "ACS-ECS-UpdateAgent-Linux",
        ranStatus: ["Success"],
      });
      expect((await project.preview(["--expect-no-changes"])).code).toBe(0);
      expect((await project.destroy()).code).toBe(0);
      expect(await control(emu, "GET", "files/i-linux0000000000001/root/app/app.conf").catch(() => "gone")).toBe("gone");
    } finally {
      await project.dispose();
    }
  });

  it("rollout: restarts the web role one half at a time, each batch one run", async () => {
    const project = await PulumiProject.from(exampleDir("rollout"), "rollout-example", emu);
    try {
      const before = calls(emu, "InvokeCommand").length;
      expect((await project.up()).code).toBe(0);
      const outputs = await project.outputs<{ status: string; batches: { instanceIds: string[]; status: string }[] }>();
      expect(outputs.status).toBe("Success");
      expect(outputs.batches.map((b) => [b.instanceIds, b.status])).toEqual([
        [["i-linux0000000000001"], "Success"],
        [["i-linux0000000000002"], "Success"],
      ]);
      expect(calls(emu, "InvokeCommand").length - before).toBe(2);
    } finally {
      await project.dispose();
    }
  });

  it("inline: runs a script with RunCommand, no command declared", async () => {
    const project = await PulumiProject.from(exampleDir("inline"), "inline-example", emu);
    try {
      const before = calls(emu, "RunCommand").length;
      expect((await project.up()).code).toBe(0);
      expect(await project.outputs()).toEqual({ status: "Success", output: ["migrating to 1.4.2\ndone"] });
      expect(calls(emu, "RunCommand").length - before).toBe(1);
    } finally {
      await project.dispose();
    }
  });

  it("bootstrap: waits for the agents (all online here), then runs once on each instance", async () => {
    const project = await PulumiProject.from(exampleDir("bootstrap"), "bootstrap", emu);
    try {
      const before = calls(emu, "DescribeCloudAssistantStatus").length;
      expect((await project.up()).code).toBe(0);
      expect(await project.outputs()).toEqual({
        status: "Success",
        results: ["i-linux0000000000001: web-1 bootstrapped", "i-linux0000000000002: web-2 bootstrapped"],
      });
      expect(calls(emu, "DescribeCloudAssistantStatus").length).toBe(before + 1);
    } finally {
      await project.dispose();
    }
  });

  it("large-output: the whole log goes to OSS, state keeps its last 256 bytes", async () => {
    const project = await PulumiProject.from(exampleDir("large-output"), "large-output", emu);
    try {
      expect((await project.up()).code).toBe(0);
      const { logs } = await project.outputs<{ logs: { instanceId: string; fullLog: string; upload: string; lastLine: string; bytesNotInState: number }[] }>();
      expect(logs.map((l) => [l.instanceId, l.upload, l.lastLine])).toEqual([
        ["i-linux0000000000001", "Finished", "build finished on web-1"],
        ["i-linux0000000000002", "Finished", "build finished on web-2"],
      ]);
      const log = await (await fetch(logs[0]!.fullLog.replace("oss://", `${emu.url}/_emulator/oss/`))).text();
      expect(log.split("\n")).toHaveLength(602);
      expect(logs[0]!.bytesNotInState).toBe(Buffer.byteLength(log) - 256);
    } finally {
      await project.dispose();
    }
  });

  it("fleet: runs on every instance with the tag and says which", async () => {
    const project = await PulumiProject.from(exampleDir("fleet"), "fleet", emu);
    try {
      expect((await project.up()).code).toBe(0);
      expect(await project.outputs()).toEqual({ ranOn: ["i-linux0000000000001", "i-linux0000000000002"] });
    } finally {
      await project.dispose();
    }
  });

  it("cleanup: a new version runs the cleanup before installing it; destroy runs it last", async () => {
    const project = await PulumiProject.from(exampleDir("cleanup"), "cleanup", emu);
    try {
      expect((await project.up()).code).toBe(0);
      expect(await project.outputs()).toEqual({
        installed: ["i-linux0000000000001: exporter 1.4.2 installed on web-1", "i-linux0000000000002: exporter 1.4.2 installed on web-2"],
      });
      const before = emu.requestLog.length;
      await project.config("version", "1.5.0");
      expect((await project.up()).code).toBe(0);
      const ran = () =>
        emu.requestLog
          .slice(before)
          .filter((e) => ["RunCommand", "InvokeCommand"].includes(e.action) && e.code === "OK")
          .map((e) => e.action);
      expect(ran()).toEqual(["RunCommand", "InvokeCommand"]);
      expect((await project.destroy()).code).toBe(0);
      expect(ran()).toEqual(["RunCommand", "InvokeCommand", "RunCommand"]);
    } finally {
      await project.dispose();
    }
  });

  it("scheduled: up leaves both schedules Scheduled and destroy stops them", async () => {
    const project = await PulumiProject.from(exampleDir("scheduled"), "scheduled", emu);
    try {
      expect((await project.up()).code).toBe(0);
      expect(await project.outputs()).toEqual({ hourlyStatus: "Scheduled", nightlyStatus: "Scheduled" });
      // Refresh reads what the schedules did so far: nothing yet, the hourly one's next run known.
      expect((await project.refresh()).code).toBe(0);
      const hourly = await storedInvocation(project, "rotate-logs-hourly");
      const created = Date.parse(String(hourly!.outputs!["creationTime"]));
      expect(hourly!.outputs!["schedule"]).toEqual({ runs: 0, failedRuns: 0, nextRunTime: new Date(created + 3_600_000).toISOString() });
      // A cron with a zone has a next run too; it is at 03:30 Shanghai time.
      const nightly = (await storedInvocation(project, "rotate-logs-nightly"))!.outputs!["schedule"] as { nextRunTime: string };
      expect(new Date(nightly.nextRunTime).toISOString().slice(11)).toBe("19:30:00.000Z");
      const ids = (await project.exportState()).deployment.resources.filter((r) => r.type.endsWith("EcsInvocation")).map((r) => r.id!);
      expect((await project.destroy()).code).toBe(0);
      expect(await Promise.all(ids.map((id) => invocationStatus(emu, id)))).toEqual(["Stopped", "Stopped"]);
    } finally {
      await project.dispose();
    }
  });

  it("failure: up fails with the failing instance's output, and the next up runs the command again", async () => {
    const project = await PulumiProject.from(exampleDir("failure"), "failure", emu);
    try {
      const failed = await project.up();
      expect(failed.code).not.toBe(0);
      expect(failed.output).toContain("i-linux0000000000002: Failed, error ExitCodeNonzero, the command execution exit code is not zero, exit code 3");
      expect(failed.output).toContain("disk /data is 97% full");
      const invokes = calls(emu, "InvokeCommand").length;
      await project.config("brokenInstance", "none");
      const fixed = await project.up();
      expect(fixed.code).toBe(0);
      expect(await project.outputs()).toEqual({ status: "Success" });
      expect(calls(emu, "InvokeCommand").length).toBe(invokes + 1);
    } finally {
      await project.dispose();
    }
  });
});

describe("npm run demo", () => {
  it("starts the emulator, runs the root program, prints each instance's output and cleans up", async () => {
    // A secret that begins with a dash, pinned (docs/emulator.md#keys): the demo hands it to
    // `pulumi config set`, which once read it as a flag. A per-run secret could begin so too.
    const secret = `-${randomBytes(12).toString("hex")}`;
    const output = await new Promise<string>((resolve, reject) => {
      execFile(
        "bash",
        ["scripts/demo"],
        {
          cwd: ROOT,
          env: { ...process.env, PULUMI_ECS_SKIP_BUILD: "1", ECS_EMULATOR_ACCESS_KEY_SECRET: secret },
          maxBuffer: 64 * 1024 * 1024,
          timeout: 500_000,
        },
        (error, stdout, stderr) => (error ? reject(new Error(`${error.message}\n${stdout}\n${stderr}`)) : resolve(`${stdout}\n${stderr}`)),
      );
    });
    expect(output).toMatch(/invocation t-[0-9a-f]+: Success/);
    expect(output).toContain("- i-linux0000000000001: Success (exit code 0)");
    expect(output).toContain("checking nginx on web-2 (i-linux0000000000002)");
    expect(output).toContain("done: stack destroyed, emulator stopped");
    expect(output).not.toContain(secret);
    expect(existsSync(join(ROOT, "Pulumi.demo.yaml"))).toBe(false);
  });
});
