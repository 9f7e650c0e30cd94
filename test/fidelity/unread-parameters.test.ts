/**
 * Every parameter the provider sends, the emulator reads. The provider's own code paths (the run
 * request built from every InvokeCommand / RunCommand field, every EcsApi call, SendFile with every
 * field, both lookups with every filter) call an emulator; its request log then says, per request,
 * which parameters the action consulted. A parameter sent and never consulted fails here, naming
 * the action and the parameter: a new provider field costs one emulator file and cannot be forgotten.
 */

import type { RunningEmulator } from "../../emulator";
import { startEmulator } from "../../emulator";
import { describeFileSend, findFileSends, sendFile } from "../../provider/cloud/file-api";
import { runRequest } from "../../provider/lifecycle/run/run-request";
import { startRun } from "../../provider/lifecycle/run/start-run";
import { runLookup } from "../../provider/lookups/lookups";
import { FUNCTION_TOKENS } from "../../provider/package/identity";
import type { InvocationInputs } from "../../provider/schema/invocation-schema";
import { eventually } from "../support/emulator";
import { configureFor, emulatorApi } from "../support/provider";

jest.setTimeout(60_000);

const WEB = "i-linux0000000000001";
const DEADLINE = () => Date.now() + 30_000;

/** `Tag.2.Key` → `Tag`, `InstanceId.1` → `InstanceId`: the names the emulator records as consulted. */
const baseName = (param: string): string => param.replace(/\.\d+(\.(Key|Value))?$/, "");

/** Parameters of answered requests that the action never consulted (a refused one stops reading at the refusal). */
function unread(emu: RunningEmulator): string[] {
  return emu.requestLog
    .filter((entry) => entry.code === "OK")
    .flatMap((entry) =>
      Object.keys(entry.params)
        .map(baseName)
        .filter((name) => !(entry.consulted ?? []).includes(name))
        .map((name) => `${entry.action} ${name} (answered ${entry.code})`),
    );
}

describe("the emulator reads every parameter the provider sends", () => {
  let emu: RunningEmulator;
  beforeAll(async () => {
    emu = await startEmulator({ deliveryDelayMs: 5, instanceTransitionMs: 10 });
    configureFor(emu);
  });
  afterAll(() => emu.close());

  it("for runs, reads, tags, commands, files and lookups", async () => {
    const api = emulatorApi(emu);
    const commandId = await api.createCommand(
      {
        name: "fidelity-params",
        commandContent: Buffer.from("echo {{name}}").toString("base64"),
        type: "RunShellScript",
        description: "every field",
        enableParameter: true,
        timeout: 60,
        workingDir: "/root",
        launcher: "",
        resourceGroupId: "rg-abc",
        tags: { team: "fidelity" },
      },
      DEADLINE(),
    );
    const every: InvocationInputs = {
      commandId,
      instanceIds: [WEB],
      repeatMode: "Period",
      timed: true,
      frequency: "rate(5m)",
      parameters: { name: "x" },
      username: "root",
      windowsPasswordName: "password-name",
      resourceGroupId: "rg-abc",
      containerName: "nginx",
      timeout: 60,
      tags: { team: "fidelity" },
      terminationMode: "ProcessTree",
      launcher: "bash {{ACS::ScriptFileName}}",
      workingDir: "/root",
      ossOutputDelivery: "oss://bucket-name/prefix",
      clientToken: "fidelity-every-field",
    };
    // Dry runs: every field of InvokeCommand, then the alternatives (tags instead of ids, a container id), then RunCommand's.
    await api.dryRun("InvokeCommand", runRequest(every).query, DEADLINE());
    await api.dryRun(
      "InvokeCommand",
      runRequest({ ...every, instanceIds: undefined, resourceTags: { role: "web" }, containerName: undefined, containerId: "a".repeat(64) }).query,
      DEADLINE(),
    );
    const inline = {
      ...every,
      commandId: undefined,
      commandContent: "echo {{name}}",
      type: "RunShellScript",
      contentEncoding: "PlainText",
      enableParameter: true,
      scriptName: "inline",
      scriptDescription: "inline run",
      keepCommand: false,
    } as const;
    await api.dryRun("RunCommand", runRequest(inline).query, DEADLINE());
    // Real runs, then every read and write the lifecycle makes of them.
    const invokeId = await startRun(
      api,
      { ...every, repeatMode: "Once", frequency: undefined, timed: undefined, containerName: undefined, ossOutputDelivery: undefined },
      "fidelity-token-1",
      { owner: "fidelity" },
      DEADLINE(),
    );
    await startRun(
      api,
      { ...inline, repeatMode: "Once", frequency: undefined, timed: undefined, containerName: undefined, ossOutputDelivery: undefined },
      "fidelity-token-2",
      undefined,
      DEADLINE(),
    );
    await eventually(async () => ((await api.describeInvocation(invokeId, DEADLINE()))?.status === "Success" ? true : undefined));
    await api.findInvocations({ owner: "fidelity" }, DEADLINE());
    await api.listInvocationResults({ tags: { owner: "fidelity" } }, DEADLINE());
    // History is for scheduled runs: a one-time run's is refused, after its parameters were read.
    await expect(api.runHistory(invokeId, DEADLINE())).rejects.toThrow(/IncludeHistory/);
    await api.stopInvocation(invokeId, DEADLINE());
    await api.tagInvocations([invokeId], { released: "yes" }, DEADLINE());
    await api.describeInstances({ instanceIds: [WEB] }, DEADLINE());
    await api.describeInstances({ tags: { env: "demo" } }, DEADLINE());
    await api.describeAgents([WEB], DEADLINE());
    await api.describeCommand(commandId, DEADLINE());
    // Files.
    const fileId = await sendFile(
      api,
      {
        name: "every.conf",
        content: Buffer.from("x=1").toString("base64"),
        contentType: "Base64",
        targetDir: "/root/app",
        fileMode: "0600",
        fileOwner: "root",
        fileGroup: "root",
        overwrite: true,
        instanceIds: [WEB],
        description: "every field",
        timeout: 30,
        resourceGroupId: "rg-abc",
        tags: { owner: "fidelity" },
        clientToken: "fidelity-file-token",
      },
      DEADLINE(),
    );
    await describeFileSend(api, fileId, DEADLINE());
    await findFileSends(api, { owner: "fidelity" }, DEADLINE());
    // Lookups, every filter.
    await runLookup(FUNCTION_TOKENS.commands, {
      ids: [commandId],
      name: "fidelity-*",
      nameRegex: ".",
      type: "RunShellScript",
      description: "every*",
      contentEncoding: "PlainText",
      tags: { team: "fidelity" },
      resourceGroupId: "rg-abc",
    });
    await runLookup(FUNCTION_TOKENS.commands, { commandProvider: "AlibabaCloud", latest: true });
    await runLookup(FUNCTION_TOKENS.invocations, {
      ids: [invokeId],
      commandId,
      commandName: "fidelity-params",
      commandType: "RunShellScript",
      status: "Stopped",
      repeatMode: "Once",
      instanceId: WEB,
      tags: { team: "fidelity" },
    });
    await api.deleteCommand(commandId, DEADLINE());

    const refused = emu.requestLog.filter((entry) => entry.code !== "OK").map((entry) => `${entry.action} ${entry.code}`);
    expect(refused).toEqual(["DescribeInvocationResults InvalidParameter"]);
    expect(unread(emu)).toEqual([]);
  });
});
