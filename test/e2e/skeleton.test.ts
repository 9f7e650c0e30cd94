import { emulatorForFile } from "../support/emulator";
import { exampleDir, PulumiProject } from "./harness";

jest.setTimeout(300_000);

const emu = emulatorForFile();

describe("walking skeleton: the basic example through the real Pulumi CLI", () => {
  it("runs pulumi up, shows each instance's output, then destroys and removes the stack", async () => {
    const project = await PulumiProject.from(exampleDir("basic"), "basic", emu);
    const up = await project.up();
    expect(up).toEqual(expect.objectContaining({ code: 0 }));
    expect(up.output).toContain("created");
    // Progress while waiting is shown beside the resource.
    expect(up.output).toMatch(/EcsInvocation hello .*t-[0-9a-f]+: Success, 2\/2 instances finished/);
    const outputs = await project.outputs<{
      status: string;
      invokeId: string;
      results: { instanceId: string; status: string; exitCode: number; output: string }[];
    }>();
    expect(outputs.status).toBe("Success");
    expect(outputs.invokeId).toMatch(/^t-/);
    expect(outputs.results).toEqual([
      {
        instanceId: "i-linux0000000000001",
        status: "Success",
        exitCode: 0,
        output: expect.stringMatching(/^hello from web-1 \(i-linux0000000000001\) as \S+$/),
      },
      {
        instanceId: "i-linux0000000000002",
        status: "Success",
        exitCode: 0,
        output: expect.stringMatching(/^hello from web-2 \(i-linux0000000000002\) as \S+$/),
      },
    ]);
    const destroy = await project.destroy();
    expect(destroy.code).toBe(0);
    expect(destroy.output).toContain("deleted");
    const rm = await project.pulumi(["stack", "rm", "--yes"]);
    expect(rm.code).toBe(0);
    const list = await project.pulumi(["stack", "ls", "--json"]);
    expect(JSON.parse(list.stdout)).toEqual([]);
    await project.dispose();
  });
});
