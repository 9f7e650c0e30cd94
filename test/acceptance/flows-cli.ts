/**
 * The acceptance flows that go through `pulumi up` / `refresh` / `destroy`: each checks, through the
 * suite's own reads of the cloud, what the provider did there.
 */
import { expect } from "expect";
import { RELEASED_TAGS } from "../../provider/lifecycle/run/run-identity";
import { CLEANUP_TAG } from "../../provider/lifecycle/run-on-delete";
import { eventually } from "../support/eventually";
import { POLL_INTERVAL_MS, type Wire } from "./cloud-view";
import { command, expectCode, type Flow, type FlowContext, invocation, type SpecOutputs } from "./flow-context";
import { suiteTags } from "./target";

const PROVIDER_RUN = "CreateCommand, InvokeCommand (tagged), DescribeInvocations/DescribeInvocationResults polls";

/** The run's results on each instance, once it has ended. */
async function finishedResults(ctx: FlowContext, invokeId: string): Promise<Wire[]> {
  await ctx.view.finished(invokeId);
  return ctx.view.results(invokeId);
}

const lifecycle: Flow = {
  title: "command + invocation: create, refresh, destroy",
  calls: [
    PROVIDER_RUN,
    "refresh: DescribeCommands, DescribeInvocations",
    "destroy: DeleteCommand",
    "suite: DescribeInvocations, DescribeInvocationResults (MaxResults=1 pages)",
  ],
  async run(ctx) {
    const project = await ctx.project("lifecycle");
    const targets = ctx.target.instanceIds.slice(0, 2);
    await project.spec({
      commands: { cmd: command(ctx, "lifecycle", `echo acceptance-${ctx.target.runId}`) },
      invocations: { run: invocation(ctx, { instanceIds: targets }) },
    });
    expectCode(await project.up(), "success", "pulumi up");
    const { commandIds, invocations } = await project.outputs<SpecOutputs>();
    const invokeId = invocations["run"]!.id;
    expect((await ctx.view.invocationsOf(commandIds["cmd"]!)).map((i) => i["InvokeId"])).toEqual([invokeId]);
    const results = await finishedResults(ctx, invokeId);
    expect(results.map((r) => [r["InstanceId"], r["InvocationStatus"], String(r["Output"]).trim()]).sort()).toEqual(
      targets.map((id) => [id, "Success", `acceptance-${ctx.target.runId}`]).sort(),
    );
    await ctx.assume("A5", async () => {
      const first = await ctx.view.call("DescribeInvocationResults", { InvokeId: invokeId, MaxResults: 1 });
      const page = first["Invocation"] as Wire;
      expect(((page["InvocationResults"] as Wire)["InvocationResult"] as Wire[]).length).toBe(1);
      if (targets.length > 1) {
        expect(page["NextToken"]).toEqual(expect.any(String));
        const second = await ctx.view.call("DescribeInvocationResults", { InvokeId: invokeId, MaxResults: 1, NextToken: String(page["NextToken"]) });
        expect((((second["Invocation"] as Wire)["InvocationResults"] as Wire)["InvocationResult"] as Wire[]).length).toBe(1);
      }
    });
    expectCode(await project.refresh(), "success", "pulumi refresh");
    expectCode(await project.preview(["--expect-no-changes"]), "success", "pulumi preview --expect-no-changes after refresh");
    expectCode(await project.destroy(), "success", "pulumi destroy");
    expect(await ctx.view.command(commandIds["cmd"]!)).toBeUndefined();
    expect((await ctx.view.invocation(invokeId))?.["InvocationStatus"]).toBe("Success");
    await ctx.assume("A22", async () => {
      const released = await ctx.view.invocationsTagged({ ...suiteTags(ctx.target), ...RELEASED_TAGS });
      // Other flows' released runs carry the suite tags too.
      expect(released.map((i) => i["InvokeId"])).toContain(invokeId);
    });
  },
};

const failing: Flow = {
  title: "a failing command fails the up with its exit code and output",
  calls: [PROVIDER_RUN, "destroy: DeleteCommand"],
  async run(ctx) {
    const project = await ctx.project("failing");
    await project.spec({ commands: { cmd: command(ctx, "failing", "echo acceptance-failure-output; exit 3") }, invocations: { run: invocation(ctx) } });
    const up = await project.up();
    expectCode(up, "failure", "pulumi up of a command that exits 3");
    expect(up.output).toContain("ExitCodeNonzero");
    expect(up.output).toContain("exit code 3");
    expect(up.output).toContain("acceptance-failure-output");
    const state = await project.exportState();
    const recorded = state.deployment.resources.find((r) => r.type.endsWith("EcsInvocation"));
    expect(recorded?.id).toMatch(/^t-/);
    expect((await ctx.view.invocation(recorded!.id!))?.["InvocationStatus"]).toBe("Failed");
    expectCode(await project.destroy(), "success", "pulumi destroy");
  },
};

const createTimeout: Flow = {
  title: "a create timeout, then up: the first run settles before the next starts",
  calls: [PROVIDER_RUN, "next up: StopInvocation of the timed-out run, then InvokeCommand", "suite: DescribeInvocationResults of both runs"],
  async run(ctx) {
    const project = await ctx.project("timeout");
    const mark = `/tmp/acceptance-timeout-${ctx.target.runId}`;
    // Slow the first time (it outlives the create timeout), quick once it has left its mark.
    const script = `if [ -e ${mark} ]; then rm -f ${mark}; echo second; else touch ${mark}; sleep 12; echo first; fi`;
    await project.spec({ commands: { cmd: command(ctx, "timeout", script) }, invocations: { slow: invocation(ctx, { timeouts: { create: "5s" } }) } });
    const first = await project.up();
    expectCode(first, "failure", "pulumi up with a 5 s create timeout");
    expect(first.output).toContain("did not reach a final state within the create timeout");
    // Against a cloud that lets a stopped run finish, the next up may time out waiting for it: up again.
    let again = await project.up();
    for (let attempt = 0; again.code !== 0 && attempt < 3; attempt++) again = await project.up();
    expectCode(again, "success", "pulumi up after the create timeout");
    const { commandIds } = await project.outputs<SpecOutputs>();
    const runs = await ctx.view.invocationsOf(commandIds["cmd"]!);
    expect(runs.length).toBe(2);
    const executions = (await Promise.all(runs.map((run) => finishedResults(ctx, String(run["InvokeId"]))))).flat();
    await ctx.assume("A3", () => {
      for (const run of runs) expect(["Success", "Failed", "Stopped", "PartialFailed"]).toContain(String(run["InvocationStatus"]));
    });
    await ctx.assume("A17", () => {
      const spans = executions
        .map((e) => ({ start: Date.parse(String(e["StartTime"])), end: Date.parse(String(e["FinishedTime"] || e["StopTime"])) }))
        .sort((a, b) => a.start - b.start);
      expect(spans.every((s) => Number.isFinite(s.start) && Number.isFinite(s.end))).toBe(true);
      expect(spans[0]!.end).toBeLessThanOrEqual(spans[1]!.start);
    });
  },
};

const killedUp: Flow = {
  title: "a killed up, then up: the command runs once",
  calls: [PROVIDER_RUN, "next up: DescribeInvocations by the run's tags (finds the run), no second InvokeCommand"],
  async run(ctx) {
    const project = await ctx.project("killed");
    const name = `acceptance-killed-${ctx.target.runId}`;
    await project.spec({ commands: { cmd: command(ctx, "killed", "sleep 6; echo acceptance-once") }, invocations: { run: invocation(ctx) } });
    const up = project.startUp();
    const running = await eventually(
      async () => {
        const found = (await ctx.view.commandsTagged(suiteTags(ctx.target))).find((c) => c["Name"] === name);
        const runs = found ? await ctx.view.invocationsOf(String(found["CommandId"])) : [];
        return runs.find((r) => r["InvocationStatus"] === "Running");
      },
      120_000,
      POLL_INTERVAL_MS,
    );
    up.kill();
    await up.done;
    await project.pulumi(["cancel", "--yes"]);
    expectCode(await project.up(), "success", "pulumi up after the killed one");
    const { commandIds, invocations } = await project.outputs<SpecOutputs>();
    await ctx.assume("A1", async () => {
      const runs = await ctx.view.invocationsOf(commandIds["cmd"]!);
      expect(runs.map((r) => r["InvokeId"])).toEqual([running["InvokeId"]]);
    });
    expect(invocations["run"]!.id).toBe(running["InvokeId"]);
  },
};

const previewDryRun: Flow = {
  title: "previewDryRun: a good input passes without running, a bad one fails at preview",
  calls: ["CreateCommand", "preview: InvokeCommand RepeatMode=DryRun (twice)", "suite: DescribeInvocations of the command"],
  async run(ctx) {
    const project = await ctx.project("dry-run");
    const cmd = command(ctx, "dry-run", "echo {{greeting}}", { enableParameter: true });
    await project.spec({ commands: { cmd } });
    expectCode(await project.up(), "success", "pulumi up of the command");
    const { commandIds } = await project.outputs<SpecOutputs>();
    await project.spec({ commands: { cmd }, invocations: { run: invocation(ctx, { previewDryRun: true, parameters: { greeting: "hello" } }) } });
    expectCode(await project.preview(), "success", "pulumi preview of a good input");
    await project.spec({ commands: { cmd }, invocations: { run: invocation(ctx, { previewDryRun: true, parameters: { unknown: "x" } }) } });
    const bad = await project.preview();
    expectCode(bad, "failure", "pulumi preview of parameters the command does not declare");
    expect(bad.output).toContain("the API refused a dry run of this invocation");
    expect(bad.output).toMatch(/RequestId: \S+/);
    await ctx.assume("A2", async () => expect(await ctx.view.invocationsOf(commandIds["cmd"]!)).toEqual([]));
  },
};

const onDelete: Flow = {
  title: "onDelete runs its cleanup on destroy",
  calls: [PROVIDER_RUN, "destroy: RunCommand (the cleanup, tagged with the invocation's id), its polls, DeleteCommand"],
  async run(ctx) {
    const project = await ctx.project("on-delete");
    const token = `acceptance-cleanup-${ctx.target.runId}`;
    await project.spec({
      commands: { cmd: command(ctx, "on-delete", "echo deployed") },
      invocations: { run: invocation(ctx, { onDelete: { commandContent: `echo ${token}` } }) },
    });
    expectCode(await project.up(), "success", "pulumi up");
    const invokeId = (await project.outputs<SpecOutputs>()).invocations["run"]!.id;
    expectCode(await project.destroy(), "success", "pulumi destroy with onDelete");
    const cleanups = await ctx.view.invocationsTagged({ [CLEANUP_TAG]: invokeId });
    expect(cleanups.length).toBe(1);
    const cleanupId = String(cleanups[0]!["InvokeId"]);
    expect((await finishedResults(ctx, cleanupId)).map((r) => String(r["Output"]).trim())).toEqual([token]);
    await ctx.assume("A9", () => expect(cleanups[0]!["CommandName"]).toBe("run-command"));
    await ctx.assume("A10", async () => {
      expect(await ctx.view.command(String(cleanups[0]!["CommandId"]))).toBeUndefined();
      const again = await ctx.view.all("DescribeInvocations", { InvokeId: cleanupId, IncludeOutput: true, ContentEncoding: "PlainText" }, [
        "Invocations",
        "Invocation",
      ]);
      expect(String(again[0]?.["CommandContent"])).toContain(token);
    });
  },
};

const schedule: Flow = {
  title: "a rate() schedule is Scheduled until destroy stops it",
  calls: ["CreateCommand", "InvokeCommand RepeatMode=Period Frequency=rate(1h)", "destroy: StopInvocation, DeleteCommand"],
  async run(ctx) {
    const project = await ctx.project("schedule");
    await project.spec({ commands: { cmd: command(ctx, "schedule", "echo scheduled") }, invocations: { hourly: invocation(ctx, { frequency: "rate(1h)" }) } });
    expectCode(await project.up(), "success", "pulumi up of a schedule");
    const invokeId = (await project.outputs<SpecOutputs>()).invocations["hourly"]!.id;
    await ctx.assume("A13", async () => expect((await ctx.view.invocation(invokeId))?.["InvocationStatus"]).toBe("Scheduled"));
    expectCode(await project.destroy(), "success", "pulumi destroy of a schedule");
    await ctx.assume("A13", async () => {
      const status = await eventually(
        async () => {
          const now = String((await ctx.view.invocation(invokeId))?.["InvocationStatus"]);
          return now === "Stopping" ? undefined : now;
        },
        60_000,
        POLL_INTERVAL_MS,
      );
      expect(status).toBe("Stopped");
    });
  },
};

const tagTargeting: Flow = {
  title: "tags and resourceTags select the instances",
  calls: ["DescribeInstances Tag.N (suite)", PROVIDER_RUN.replace("InvokeCommand", "InvokeCommand ResourceTag.N"), "suite: DescribeInvocations Tag.N"],
  async run(ctx) {
    const tag = ctx.target.instanceTag;
    if (!tag) {
      ctx.log("skipped: no ECS_ACCEPTANCE_INSTANCE_TAG given, so resourceTags targeting was not checked");
      return;
    }
    const project = await ctx.project("tags");
    const flowTags = { ...suiteTags(ctx.target), "acceptance-flow": "tags" };
    await project.spec({
      commands: { cmd: command(ctx, "tags", "echo tagged") },
      invocations: { byTag: invocation(ctx, { instanceIds: undefined, resourceTags: { [tag.key]: tag.value }, tags: flowTags }) },
    });
    expectCode(await project.up(), "success", "pulumi up targeting by resourceTags");
    const invokeId = (await project.outputs<SpecOutputs>()).invocations["byTag"]!.id;
    const expected = await ctx.view.instanceIdsTagged(tag);
    await ctx.assume("A18", async () => {
      expect((await finishedResults(ctx, invokeId)).map((r) => String(r["InstanceId"])).sort()).toEqual(expected);
    });
    await ctx.assume("A14", async () => expect((await ctx.view.invocationsTagged(flowTags)).map((i) => i["InvokeId"])).toEqual([invokeId]));
  },
};

export const CLI_FLOWS: Flow[] = [lifecycle, failing, createTimeout, killedUp, previewDryRun, onDelete, schedule, tagTargeting];
