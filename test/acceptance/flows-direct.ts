/**
 * The acceptance flows that start from the cloud: an invocation made outside Pulumi, imported; and
 * the API answers the provider relies on, asked directly (and recorded with `--record`).
 */

import { expect } from "expect";
import { runEcsImportWith } from "../e2e/harness";
import { tagList, type Wire } from "./cloud-view";
import { expectCode, type Flow, type FlowContext } from "./flow-context";
import { suiteTags } from "./target";

const INVOCATION_TYPE = "alicloud-ecs-invocation:index:EcsInvocation";

/** A command and a finished run of it, made with the suite's own client (tagged like everything else). */
async function existingRun(ctx: FlowContext, key: string, clientToken?: string): Promise<{ commandId: string; invokeId: string }> {
  const created = await ctx.recorder.call(ctx.view, "CreateCommand", "CreateCommand", {
    Name: `acceptance-${key}-${ctx.target.runId}`,
    Type: "RunShellScript",
    CommandContent: Buffer.from(`echo acceptance-${key}`).toString("base64"),
    Tag: tagList(suiteTags(ctx.target)),
  });
  const commandId = String((created.body as Wire)["CommandId"]);
  const invoked = await ctx.recorder.call(ctx.view, "InvokeCommand", "InvokeCommand", {
    CommandId: commandId,
    InstanceId: [ctx.target.instanceIds[0]!],
    Tag: tagList(suiteTags(ctx.target)),
    ClientToken: clientToken,
  });
  const invokeId = String((invoked.body as Wire)["InvokeId"]);
  await ctx.view.finished(invokeId);
  return { commandId, invokeId };
}

const importExisting: Flow = {
  title: "an existing invocation: pulumi import, then ecs-import",
  calls: [
    "suite: CreateCommand, InvokeCommand (tagged)",
    "pulumi import: DescribeInvocations, DescribeCommands",
    "ecs-import: DescribeInvocations, DescribeCommands",
    "destroy: nothing to stop (finished)",
  ],
  async run(ctx) {
    const { commandId, invokeId } = await existingRun(ctx, "import");
    const project = await ctx.project("import", { native: true });
    await project.spec({});
    const imported = await project.pulumi(["import", INVOCATION_TYPE, "adopted", invokeId, "--yes", "--protect=false"]);
    expectCode(imported, "success", `pulumi import of ${invokeId}`);
    await ctx.assume("A19", async () => {
      const state = await project.exportState();
      const resource = state.deployment.resources.find((r) => r.type === INVOCATION_TYPE);
      expect([resource?.id, resource?.outputs?.["commandId"], resource?.outputs?.["status"]]).toEqual([invokeId, commandId, "Success"]);
    });
    const program = await runEcsImportWith(ctx.target.env, ["--region", ctx.target.connection.region, invokeId]);
    expectCode({ code: program.code, output: `${program.stdout}\n${program.stderr}` }, "success", "ecs-import");
    expect(program.stdout).toMatch(new RegExp(`new EcsInvocation\\([^]*\\{ import: "${invokeId}" \\}\\)`));
  },
};

/** The direct calls the recorded answers (test/snapshots) are made by. */
export const API_ANSWERS_FLOW: Flow = {
  title: "API answers the provider relies on",
  calls: [
    "CreateCommand, InvokeCommand twice with one ClientToken (tagged)",
    "DescribeInvocations of an unknown InvokeId",
    "StopInvocation of the finished run, and of an unknown one",
    "InvokeCommand RepeatMode=DryRun with a two-day Timeout",
    "DescribeCommands Tag.N (this run's tags, and a value no run has)",
    "TagResources past 20 tags (refused)",
    "CreateCommand with a control character in its name (refused)",
    "DescribeCloudAssistantStatus, DescribeInvocationResults, DescribeCommands of the run",
    "DescribeRegions signed with a wrong secret (static keys only)",
  ],
  async run(ctx) {
    const { view, recorder, target } = ctx;
    const token = `acceptance-${target.runId}`;
    const { commandId, invokeId } = await existingRun(ctx, "answers", token);
    await ctx.assume("A4", async () => {
      const replay = await recorder.call(view, "InvokeCommand.same-client-token", "InvokeCommand", {
        CommandId: commandId,
        InstanceId: [target.instanceIds[0]!],
        Tag: tagList(suiteTags(target)),
        ClientToken: token,
      });
      expect([replay.status, (replay.body as Wire)["InvokeId"]]).toEqual([200, invokeId]);
    });
    await recorder.call(view, "DescribeInvocations", "DescribeInvocations", { InvokeId: invokeId });
    await recorder.call(view, "DescribeInvocationResults", "DescribeInvocationResults", { InvokeId: invokeId });
    await recorder.call(view, "DescribeCommands", "DescribeCommands", { CommandId: commandId });
    await recorder.call(view, "DescribeCloudAssistantStatus", "DescribeCloudAssistantStatus", { InstanceId: [target.instanceIds[0]!] });
    await ctx.assume("A11", async () => {
      const unknown = await recorder.call(view, "DescribeInvocations.unknown-invoke-id", "DescribeInvocations", { InvokeId: "t-acceptance0unknown0" });
      expect([unknown.status, ((unknown.body as Wire)["Invocations"] as Wire)["Invocation"]]).toEqual([200, []]);
    });
    await ctx.assume("A12", async () => {
      const stop = await recorder.call(view, "StopInvocation.finished", "StopInvocation", { InvokeId: invokeId });
      expect(stop.status).toBe(200);
      expect((await view.invocation(invokeId))?.["InvocationStatus"]).toBe("Success");
    });
    const unknownStop = await recorder.call(view, "StopInvocation.unknown-invoke-id", "StopInvocation", { InvokeId: "t-acceptance0unknown0" });
    expect([unknownStop.status, (unknownStop.body as Wire)["Code"]]).toEqual([404, "InvalidInvokeId.NotFound"]);
    await ctx.assume("A8", async () => {
      const dryRun = await recorder.call(view, "InvokeCommand.dry-run-two-day-timeout", "InvokeCommand", {
        CommandId: commandId,
        InstanceId: [target.instanceIds[0]!],
        RepeatMode: "DryRun",
        Timeout: 172_800,
      });
      expect([dryRun.status, (dryRun.body as Wire)["Code"]]).toEqual([200, undefined]);
      expect(await view.invocationsOf(commandId)).toHaveLength(1);
    });
    await ctx.assume("A14", async () => {
      expect((await view.commandsTagged(suiteTags(target))).map((c) => c["CommandId"])).toContain(commandId);
      expect(await view.commandsTagged({ ...suiteTags(target), [Object.keys(suiteTags(target))[1]!]: "no-such-run" })).toEqual([]);
    });
    await ctx.assume("A15", async () => {
      const many = Object.fromEntries(Array.from({ length: 19 }, (_, i) => [`acceptance-extra-${i}`, "x"]));
      const refused = await recorder.call(view, "TagResources.past-20-tags", "TagResources", {
        ResourceType: "command",
        ResourceId: [commandId],
        Tag: tagList(many),
      });
      expect([refused.status, (refused.body as Wire)["Code"]]).toEqual([400, "InvalidTagCount"]);
    });
    await ctx.assume("A20", async () => {
      const refused = await recorder.call(view, "CreateCommand.control-character-in-name", "CreateCommand", {
        Name: `acceptance-\u0001-${target.runId}`,
        Type: "RunShellScript",
        CommandContent: Buffer.from("echo").toString("base64"),
        Tag: tagList(suiteTags(target)),
      });
      expect([refused.status, (refused.body as Wire)["Code"]]).toEqual([403, "InvalidParameterCharacter.CommandName"]);
    });
    const { accessKeyId } = target.connection;
    if (!accessKeyId) {
      ctx.log("not checked: a wrong secret's answer (the suite signs with a profile, not a key pair)");
      return;
    }
    await ctx.assume("A16", async () => {
      const { CloudView } = await import("./cloud-view");
      const wrong = new CloudView({
        connection: target.connection,
        env: { ...target.env, ALICLOUD_ACCESS_KEY: accessKeyId, ALICLOUD_SECRET_KEY: "acceptance-wrong-secret" },
      });
      const refused = await recorder.call(wrong, "DescribeRegions.wrong-secret", "DescribeRegions", {});
      expect([refused.status, (refused.body as Wire)["Code"], typeof (refused.body as Wire)["RequestId"]]).toEqual([400, "SignatureDoesNotMatch", "string"]);
    });
  },
};

export const DIRECT_FLOWS: Flow[] = [importExisting, API_ANSWERS_FLOW];
