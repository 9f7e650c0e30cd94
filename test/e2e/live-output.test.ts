import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { emulatorForFile, eventually } from "../support/emulator";
import { PulumiProject, SPEC_PROGRAM } from "./harness";
import { LINUX, spec } from "./support";

jest.setTimeout(300_000);

const emu = emulatorForFile();

describe("live output: what a run prints shows beside the resource while `pulumi up` waits", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "live-output-e2e-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("streams each instance's lines as they arrive, and nothing when turned off or when the output is secret", async () => {
    const project = await PulumiProject.from(SPEC_PROGRAM, "live-output", emu);
    try {
      const gate = join(dir, "gate");
      // The second line is printed only after the CLI has shown the first: the test opens the gate then.
      const script = (tag: string) => `echo ${tag}-migrating; while [ ! -e ${gate} ]; do sleep 0.1; done; echo ${tag}-migrated`;
      await project.spec(spec(script("a"), { migrate: { instanceIds: LINUX } }));
      const up = project.startUp();
      let seen = "";
      await eventually(async () => {
        seen = up.output();
        return seen.includes(`${LINUX[0]}: a-migrating`) && seen.includes(`${LINUX[1]}: a-migrating`) ? true : undefined;
      }, 120_000);
      expect(seen).not.toContain("a-migrated");
      writeFileSync(gate, "");
      const done = await up.done;
      expect(done.code).toBe(0);
      expect(done.output).toContain(`${LINUX[0]}: a-migrated`);

      // Off: no lines. Secret output: no lines either.
      rmSync(gate);
      writeFileSync(gate, "");
      await project.spec(spec(script("b"), { migrate: { instanceIds: LINUX, liveOutput: false } }));
      const off = await project.up();
      expect([off.code, off.output]).toEqual([0, expect.not.stringContaining(": b-migrating")]);
      await project.spec(spec(script("c"), { migrate: { instanceIds: LINUX, secretOutput: true } }));
      const secret = await project.up();
      expect([secret.code, secret.output]).toEqual([0, expect.not.stringContaining(": c-migrating")]);
    } finally {
      await project.dispose();
    }
  });
});
