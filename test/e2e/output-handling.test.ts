import { emulatorForFile } from "../support/emulator";
import { PulumiProject, SPEC_PROGRAM } from "./harness";
import { calls, LINUX, spec, storedInvocation } from "./support";

jest.setTimeout(300_000);

const emu = emulatorForFile();
const KEPT_BY_API = 24 * 1024;
const CHATTY = "head -c 24500 /dev/zero | tr '\\0' x; echo MIDDLE; head -c 6000 /dev/zero | tr '\\0' y; echo END";
// What the command prints, and the part of it the API keeps (the first 24 KB).
const FULL = `${"x".repeat(24_500)}MIDDLE\n${"y".repeat(6000)}END\n`;
const TOTAL = FULL.length;
const KEPT = FULL.slice(0, KEPT_BY_API);

interface Instance {
  output: string;
  dropped: number;
  outputOmitted?: number;
  ossOutputUri?: string;
  ossOutputStatus?: string;
}

describe("output beyond what state should hold: OSS delivery and outputTailBytes", () => {
  it("delivers the whole output to OSS, keeps only its tail in state, and cuts further in place", async () => {
    const project = await PulumiProject.from(SPEC_PROGRAM, "output-handling", emu);
    try {
      await project.spec(spec(CHATTY, { logs: { ossOutputDelivery: "oss://build-logs/app", outputTailBytes: 100 } }));
      expect((await project.up()).code).toBe(0);
      const stored = await storedInvocation(project, "logs");
      const invokeId = stored!.id!;
      const [instance] = stored!.outputs!["instances"] as Instance[];
      expect(instance).toEqual(
        expect.objectContaining({
          ossOutputUri: `oss://build-logs/app/${invokeId}/${LINUX[0]}`,
          ossOutputStatus: "Finished",
          dropped: TOTAL - KEPT_BY_API,
          outputOmitted: KEPT_BY_API - 100,
        }),
      );
      expect(instance!.output).toBe(KEPT.slice(-100));
      expect(project.rawState()).not.toContain("x".repeat(200));
      // The whole output is where the URI says.
      const object = await fetch(`${emu.url}/_emulator/oss/build-logs/app/${invokeId}/${LINUX[0]}`);
      expect(await object.text()).toBe(FULL);

      // A smaller tail is an update in place: nothing runs again.
      const invokes = calls(emu, "InvokeCommand").length;
      await project.spec(spec(CHATTY, { logs: { ossOutputDelivery: "oss://build-logs/app", outputTailBytes: 10 } }));
      const preview = await project.preview();
      expect(preview.output).toMatch(/~\s+pulumi-nodejs:dynamic\/alicloud:EcsInvocation\s+logs\s+update\s+\[diff: ~outputTailBytes\]/);
      expect((await project.up()).code).toBe(0);
      expect(calls(emu, "InvokeCommand").length).toBe(invokes);
      const [cut] = (await storedInvocation(project, "logs"))!.outputs!["instances"] as Instance[];
      expect([cut!.output, cut!.outputOmitted]).toEqual([KEPT.slice(-10), KEPT_BY_API - 10]);
    } finally {
      await project.dispose();
    }
  });

  it("an output cut inside a character keeps whole characters, counting the cut bytes as omitted: on create, refresh and failure", async () => {
    // 24,575 ASCII bytes, then "é" (2 bytes): the 24 KB cut lands between its two bytes.
    const SPLIT = "head -c 24575 /dev/zero | tr '\\0' a; printf '\\303\\251 and more'; exit 4";
    const printed = 24_575 + Buffer.byteLength("é and more");
    const project = await PulumiProject.from(SPEC_PROGRAM, "output-split", emu);
    try {
      await project.spec(spec(SPLIT, { cut: {} }));
      const up = await project.up();
      expect(up.code).not.toBe(0); // exit 4: the failure report shows the same whole characters
      expect(up.output).toContain("exit code 4");
      expect(up.output).not.toContain("\uFFFD");
      const check = (instance: Instance): void => {
        expect(instance.output).toBe("a".repeat(24_575));
        expect(instance.outputOmitted).toBe(1);
        expect(Buffer.byteLength(instance.output) + instance.outputOmitted! + instance.dropped).toBe(printed);
      };
      check(((await storedInvocation(project, "cut"))!.outputs!["instances"] as Instance[])[0]!);
      expect((await project.refresh()).code).toBe(0);
      check(((await storedInvocation(project, "cut"))!.outputs!["instances"] as Instance[])[0]!);
      expect(project.rawState()).not.toContain("\uFFFD");
    } finally {
      await project.dispose();
    }
  });
});
