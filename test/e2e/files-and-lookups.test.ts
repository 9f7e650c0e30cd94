import * as $Ecs from "@alicloud/ecs20140526";
import type { RunningEmulator } from "../../emulator";
import { control, emulatorForFile, eventually, sdkClient } from "../support/emulator";
import { matrixProject } from "./combinations/matrix";
import type { PulumiProject } from "./harness";
import { calls, LINUX } from "./support";

jest.setTimeout(900_000);

// Deliveries take a moment here, so a killed `up` is killed while it waits for one.
const emu = emulatorForFile({ deliveryDelayMs: 1500 });
const TYPE = "EcsFile";

/** A file on an emulated instance, or undefined. */
async function fileOn(instanceId: string, path: string): Promise<{ text: string; mode: string } | undefined> {
  try {
    const file = await control<{ content: string; mode: string }>(emu, "GET", `files/${instanceId}${path}`);
    return { text: Buffer.from(file.content, "base64").toString("utf8"), mode: file.mode };
  } catch {
    return undefined;
  }
}

const okSends = (e: RunningEmulator) => calls(e, "SendFile").filter((c) => c.code === "OK");

/** The spec program through one serving path (the combination tests' own). */
const projectFor = (name: string, native: boolean): Promise<PulumiProject> => matrixProject(name, emu, native);

const fileSpec = (args: Record<string, unknown>) => ({
  files: {
    conf: { args: { name: "app.conf", content: "$secret:conf", targetDir: "/root/app", fileMode: "0600", instanceIds: [LINUX[0], LINUX[1]], ...args } },
  },
});

describe.each([
  ["dynamic provider", false],
  ["provider package", true],
])("EcsFile and the lookups through the real CLI (%s)", (_path, native) => {
  const tag = native ? "pkg" : "dyn";

  it("sends a file to two instances once: not again on reorder or a killed-then-rerun up, again on a content change; content never plain", async () => {
    const project = await projectFor(`files-${tag}`, native);
    try {
      const before = okSends(emu).length;
      await project.config("conf", `token=${tag}-first-s3cret\n`, true);
      await project.spec(fileSpec({}));
      expect((await project.up()).code).toBe(0);
      expect(okSends(emu).length - before).toBe(1);
      for (const id of LINUX) expect(await fileOn(id, "/root/app/app.conf")).toEqual({ text: `token=${tag}-first-s3cret\n`, mode: "0600" });
      const [stored] = (await project.exportState()).deployment.resources.filter((r) => r.type.endsWith(TYPE));
      expect(stored!.outputs!["status"]).toBe("Success");
      expect(JSON.stringify(stored!.outputs!["content"])).toContain("ciphertext");
      expect(JSON.stringify(stored!.inputs!["content"])).toContain("ciphertext");

      // instanceIds is a set: reordering changes nothing.
      await project.spec(fileSpec({ instanceIds: [LINUX[1], LINUX[0]] }));
      expect((await project.preview(["--expect-no-changes"])).code).toBe(0);

      // A new content replaces: killed while the new file is on its way, the next up takes the task over.
      await project.config("conf", `token=${tag}-second-s3cret\n`, true);
      const preview = await project.preview();
      expect(preview.output).toMatch(new RegExp(`\\+-\\s+\\S+${TYPE}\\s+conf\\s+replace`));
      const killed = project.startUp();
      await eventually(async () => (okSends(emu).length - before >= 2 ? true : undefined), 120_000);
      killed.kill();
      await killed.done;
      await project.pulumi(["cancel", "--yes"]);
      const resumed = await project.up();
      expect({ code: resumed.code, output: resumed.code === 0 ? "" : resumed.output }).toEqual({ code: 0, output: "" });
      expect(okSends(emu).length - before).toBe(2);
      for (const id of LINUX) expect((await fileOn(id, "/root/app/app.conf"))?.text).toBe(`token=${tag}-second-s3cret\n`);
      expect((await project.preview(["--expect-no-changes"])).code).toBe(0);
      expect((await project.refresh()).code).toBe(0);
      expect((await project.preview(["--expect-no-changes"])).code).toBe(0);

      // Destroy leaves the file (no onDelete) and releases the task.
      expect((await project.destroy()).code).toBe(0);
      expect((await fileOn(LINUX[0]!, "/root/app/app.conf"))?.text).toBe(`token=${tag}-second-s3cret\n`);
    } finally {
      await project.dispose();
    }
  });

  it("refuses bad files at preview naming the field, and removes the file on destroy with onDelete", async () => {
    const project = await projectFor(`files-bad-${tag}`, native);
    try {
      await project.config("conf", `${tag}-bad-files-secret-content`, true);
      const bad = async (args: Record<string, unknown>, reason: RegExp) => {
        await project.spec(fileSpec(args));
        const preview = await project.preview();
        expect(preview.code).not.toBe(0);
        expect(preview.output).toMatch(reason);
      };
      await project.spec({ files: { big: { args: { name: "big", content: "a".repeat(24_577), targetDir: "/root", instanceIds: [LINUX[0]] } } } });
      const big = await project.preview();
      expect(big.code).not.toBe(0);
      expect(big.output).toContain("content: must be at most 32 KB once Base64-encoded (24576 bytes of content); it is 24577 bytes, 32772 encoded");
      await project.spec({ files: { big: { args: { name: "big", content: "a".repeat(24_576), targetDir: "/root", instanceIds: [LINUX[0]] } } } });
      expect((await project.preview()).code).toBe(0);
      await bad({ targetDir: "root/app" }, /targetDir: must be an absolute directory/);
      await bad({ targetDir: "" }, /targetDir: must not be empty/);
      await bad({ fileMode: "0999" }, /fileMode: must be an octal mode/);
      expect(okSends(emu).filter((c) => c.params["Name"] === "big")).toEqual([]);

      await project.spec(fileSpec({ onDelete: { commandContent: "rm -f app/app.conf" } }));
      const up = await project.up();
      expect({ code: up.code, output: up.code === 0 ? "" : up.output }).toEqual({ code: 0, output: "" });
      expect(await fileOn(LINUX[0]!, "/root/app/app.conf")).toBeDefined();
      expect((await project.destroy()).code).toBe(0);
      for (const id of LINUX) expect(await fileOn(id, "/root/app/app.conf")).toBeUndefined();
    } finally {
      await project.dispose();
    }
  });

  it("getEcsCommands and getEcsInvocations find what exists by each filter; nothing found is an empty list; parameters keep output secret", async () => {
    const ecs = sdkClient(emu);
    const command = (
      await ecs.createCommand(
        new $Ecs.CreateCommandRequest({
          regionId: "cn-hangzhou",
          name: `lookup-${tag}-greet`,
          type: "RunShellScript",
          commandContent: Buffer.from("echo hi {{who}}").toString("base64"),
          enableParameter: true,
          tag: [new $Ecs.CreateCommandRequestTag({ key: "suite", value: tag })],
        }),
      )
    ).body!.commandId!;
    const secretWho = `who-${tag}-s3cret`;
    const invokeId = (
      await ecs.invokeCommand(
        new $Ecs.InvokeCommandRequest({
          regionId: "cn-hangzhou",
          commandId: command,
          instanceId: [LINUX[0]!],
          parameters: { who: secretWho },
          tag: [new $Ecs.InvokeCommandRequestTag({ key: "suite", value: tag })],
        }),
      )
    ).body!.invokeId!;
    const project = await projectFor(`lookups-${tag}`, native);
    try {
      await project.config("who", secretWho, true);
      await project.spec({
        lookups: {
          commands: { nameRegex: `^lookup-${tag}-`, tags: { suite: tag }, contentEncoding: "PlainText" },
          invocations: { commandId: command, tags: { suite: tag } },
          plain: true,
        },
      });
      await eventually(async () => {
        const view = await ecs.describeInvocations(new $Ecs.DescribeInvocationsRequest({ regionId: "cn-hangzhou", invokeId }));
        return view.body!.invocations!.invocation![0]!.invocationStatus === "Success" ? true : undefined;
      }, 60_000);
      expect((await project.up()).code).toBe(0);
      const outputs = await project.outputs<{
        foundCommands: { ids: string[]; commands: { commandContent: string; parameterNames: string[] }[] };
        foundCommandsPlain: string[];
        foundInvocations: { ids: string[]; invocations: { hasParameters: boolean; instances: { output: string }[] }[] };
      }>();
      expect(outputs.foundCommands.ids).toEqual([command]);
      expect(outputs.foundCommands.commands[0]).toMatchObject({ commandContent: "echo hi {{who}}", parameterNames: ["who"] });
      expect(outputs.foundCommandsPlain).toEqual([`lookup-${tag}-greet`]);
      expect(outputs.foundInvocations.ids).toEqual([invokeId]);
      expect(outputs.foundInvocations.invocations[0]!.instances[0]!.output).toBe(`hi ${secretWho}\n`);
      // The output printed a parameter: secret in state (the harness fails on any plain-text hit).
      const stack = (await project.exportState()).deployment.resources.find((r) => r.type === "pulumi:pulumi:Stack")!;
      expect(JSON.stringify(stack.outputs!["foundInvocations"])).toContain("ciphertext");

      // Nothing found: empty lists, no failure.
      await project.spec({ lookups: { commands: { name: "no-such-command" }, invocations: { commandId: "c-nosuchcommand" } } });
      expect((await project.up()).code).toBe(0);
      const empty = await project.outputs<{ foundCommands: { ids: string[] }; foundInvocations: { ids: string[] } }>();
      expect([empty.foundCommands.ids, empty.foundInvocations.ids]).toEqual([[], []]);

      // A bad filter fails naming the function, the field and the value.
      await project.spec({ lookups: { commands: { nameRegex: "(" } } });
      const bad = await project.preview();
      expect(bad.code).not.toBe(0);
      expect(bad.output).toContain('getEcsCommands: nameRegex: is not a valid regular expression (got "(")');
      await project.spec({});
    } finally {
      await project.dispose();
    }
  });
});
