/**
 * The EcsFile contract: SendFile / DescribeSendFileResults, with an invocation's guarantees.
 * - check: every documented SendFile rule at preview (32 KB after Base64 with the exact boundary,
 *   an absolute target directory, a chmod mode, at most 50 instances, each once); `previewDryRun`
 *   asks the cloud whether every instance is Running with its agent online (SendFile has no DryRun);
 * - diff: any cloud input change replaces (instanceIds is a set: reordering changes nothing); a
 *   delivery that did not succeed everywhere is sent again on the next `up`; delete first, always;
 * - create: takes over the task an interrupted `up` of this resource started (the run identity's
 *   tags, as for invocations: never sent twice), else waits for the agents (`waitForAgent`) and sends
 *   with one ClientToken for every retry; a failed delivery is recorded (partial failure), never lost;
 * - read: refresh from DescribeSendFileResults; an expired record (six weeks) is kept as it was;
 * - delete: the `onDelete` cleanup (the invocation's: one implementation), then the task is released.
 */
import { createHash } from "node:crypto";
import { describeFileSend, FILE_SEND_FINAL, type FileSendView, findFileSends, sendFile } from "../cloud/file-api";
import { waitFor } from "../cloud/waiter";
import { dynamicHost } from "../resources/dynamic-host";
import { type CheckFailure, checkWith } from "../schema/check-failures";
import { FILE_CLOUD_INPUTS, FILE_SECRET_INPUTS, type FileInputs, fileSchema } from "../schema/file-schema";
import { containsUnknown } from "../schema/unknowns";
import { canonicalJson, changed } from "./changes";
import { engineLifecycle } from "./engine-values";
import type { FileOutputs } from "./file-outputs";
import { PartialFailure } from "./partial-failure";
import { readiness, waitForReadyInstances } from "./run/instance-readiness";
import { runContext } from "./run/run-context";
import { holdsIdentity, INPUTS_TAG, identityOf, identityTags, RESOURCE_TAG, type RunIdentity, userTags } from "./run/run-identity";
import { releaseRun } from "./run/run-releaser";
import { runOnDelete } from "./run-on-delete";
import type { DiffResult, StepContext } from "./step-context";

export type { FileDelivery } from "../cloud/file-api";

const SECRET_FIELDS: ReadonlySet<string> = new Set(FILE_SECRET_INPUTS);
const READ_TIMEOUT_MS = 60_000;
/** Inputs that change how the provider works, not what lands where: updated in place. */
const META_INPUTS = ["timeouts", "waitForAgent", "previewDryRun", "onDelete"] as const;

async function checkStep(ctx: StepContext, olds: Partial<FileInputs>, news: FileInputs): Promise<{ inputs: FileInputs; failures: CheckFailure[] }> {
  const failures = checkWith(fileSchema, news, SECRET_FIELDS);
  const asked = news.previewDryRun === true && (changed(olds.instanceIds, news.instanceIds, true) || olds.previewDryRun !== true);
  if (failures.length === 0 && asked && !containsUnknown(news.instanceIds)) {
    const state = await readiness(ctx.api(news.regionId), { instanceIds: news.instanceIds }, ctx.timing.now() + READ_TIMEOUT_MS);
    for (const target of state.targets) {
      if (target.problem === undefined) continue;
      const index = news.instanceIds.indexOf(target.instanceId);
      failures.push({
        property: "",
        reason: `instanceIds[${index}]: ${target.instanceId}: ${target.problem} (previewDryRun); the file could not be delivered there`,
      });
    }
  }
  return { inputs: news, failures };
}

async function diffStep(_ctx: StepContext, _id: string, olds: FileOutputs, news: FileInputs): Promise<DiffResult> {
  const replaces: string[] = FILE_CLOUD_INPUTS.filter((key) => changed(olds[key], news[key], key === "instanceIds"));
  // A delivery that did not reach every instance is sent again (a record that expired is not: it was read as it ended).
  if (replaces.length === 0 && olds.status !== undefined && olds.status !== "Success" && !olds.recordExpired) replaces.push("status");
  const meta = META_INPUTS.some((key) => changed(olds[key], news[key]));
  return { changes: replaces.length > 0 || meta, replaces, deleteBeforeReplace: true };
}

/** The identity a file task carries: whose it is, and what it sends (content by digest only). */
function fileIdentity(urn: string, args: FileInputs, regionId: string): RunIdentity {
  return identityOf(
    urn,
    FILE_CLOUD_INPUTS.filter((key) => key !== "regionId" && args[key] !== undefined).map((key) => [key, canonicalJson(args[key], key === "instanceIds")]),
    regionId,
  );
}

async function createStep(ctx: StepContext, args: FileInputs): Promise<{ id: string; outs: FileOutputs }> {
  const api = ctx.api(args.regionId);
  const deadline = ctx.deadline(args.timeouts?.create);
  const identity = ctx.urn ? fileIdentity(ctx.urn, args, api.regionId) : undefined;
  let resumed: FileSendView | undefined;
  if (identity) {
    // An interrupted `up` of this resource may have sent it already: take that task over, release the others.
    const earlier = (await findFileSends(api, { [RESOURCE_TAG]: identity.resource }, deadline)).filter(holdsIdentity);
    resumed = earlier.find((task) => task.tags[INPUTS_TAG] === identity.inputs);
    for (const other of earlier.filter((task) => task !== resumed)) await releaseRun(api, other.invokeId, deadline);
    if (resumed) ctx.warn(`took over ${resumed.invokeId}, which an interrupted update started: the file is not sent again`);
  }
  let invokeId = resumed?.invokeId;
  if (!invokeId) {
    if (args.waitForAgent) await waitForReadyInstances(api, { instanceIds: args.instanceIds }, deadline, ctx.timing, (line) => ctx.progress(line));
    invokeId = await sendFile(
      api,
      {
        name: args.name,
        content: args.content,
        contentType: args.contentType ?? "PlainText",
        targetDir: args.targetDir,
        fileMode: args.fileMode,
        fileOwner: args.fileOwner,
        fileGroup: args.fileGroup,
        // A declarative file: the program's content wins over what is there, unless overwrite says no.
        overwrite: args.overwrite ?? true,
        instanceIds: args.instanceIds,
        description: args.description,
        timeout: args.timeout,
        resourceGroupId: args.resourceGroupId,
        tags: { ...args.tags, ...(identity ? identityTags(identity) : {}) },
        clientToken: ctx.newClientToken(),
      },
      deadline,
    );
  }
  const id = invokeId;
  const result = await waitFor({
    poll: () => describeFileSend(api, id, deadline),
    done: (view) => view !== undefined && FILE_SEND_FINAL.has(view.status),
    deadline,
    timing: ctx.timing,
    initialIntervalMs: 200,
    onProgress: (view) =>
      view && ctx.progress(`${id}: ${view.status}, ${view.instances.filter((d) => d.status === "Success").length}/${view.instances.length} delivered`),
  });
  const outs = outputsOf(args, id, result.state, api.regionId);
  if (result.kind === "timeout") {
    throw new PartialFailure(
      `${id} did not finish within the create timeout; it is ${outs.status}. It is recorded: the next \`up\` reads it again and sends the file again only if a delivery failed. Raise timeouts.create to wait longer.`,
      id,
      outs,
    );
  }
  if (outs.status !== "Success") throw new PartialFailure(failureMessage(id, outs), id, outs);
  return { id, outs };
}

function failureMessage(id: string, outs: FileOutputs): string {
  const failed = outs.instances.filter((d) => d.status !== "Success");
  const lines = failed.map((d) => `  ${d.instanceId}: ${d.status}${d.errorCode ? ` ${d.errorCode}` : ""}${d.errorInfo ? `: ${d.errorInfo}` : ""}`);
  return `${id} (${outs.targetDir} ${outs.name}) failed on ${failed.length} of ${outs.instances.length} instances:\n${lines.join("\n")}\nThe next \`up\` sends it again; fix what the error codes say first.`;
}

function outputsOf(args: FileInputs, invokeId: string, view: FileSendView | undefined, regionId: string): FileOutputs {
  return {
    ...args,
    invokeId,
    status: view?.status ?? "Pending",
    instances: (view?.instances ?? []).map((d) => ({ ...d })),
    contentSha256: createHash("sha256")
      .update(args.contentType === "Base64" ? Buffer.from(args.content, "base64") : Buffer.from(args.content, "utf8"))
      .digest("hex"),
    creationTime: view?.creationTime ?? "",
    resolvedRegionId: regionId,
  };
}

async function readStep(ctx: StepContext, id: string, props: FileOutputs): Promise<{ id?: string; props?: FileOutputs; inputs?: FileInputs }> {
  const api = ctx.api(props.regionId ?? props.resolvedRegionId);
  const view = await describeFileSend(api, id, ctx.timing.now() + READ_TIMEOUT_MS);
  if (!view) {
    if (props.invokeId === undefined) {
      throw new Error(`File task ${id} does not exist in region ${api.regionId} (records are kept six weeks): check the id and the region.`);
    }
    return { id, props: { ...props, recordExpired: true } };
  }
  if (props.invokeId === undefined) {
    // Known by its id only (`get`, `pulumi import`): its inputs are what the cloud reports — all but
    // the content, which is secret: `pulumi import` prints the inputs as code, so the program supplies
    // it (from secret configuration). The stored outputs keep it, as a secret, to compare with.
    const inputs = reportedFileInputs(view);
    const { content: _secret, ...printable } = inputs;
    return { id, props: outputsOf(inputs, id, view, api.regionId), inputs: printable as FileInputs };
  }
  return {
    id,
    props: { ...props, status: view.status, instances: view.instances.map((d) => ({ ...d })), creationTime: view.creationTime || props.creationTime },
  };
}

/** A task's inputs as DescribeSendFileResults reports them, leaving out defaults and the provider's tags. */
function reportedFileInputs(view: FileSendView): FileInputs {
  const inputs: Record<string, unknown> = {
    name: view.name,
    content: view.content,
    targetDir: view.targetDir,
    instanceIds: view.instances.map((d) => d.instanceId),
  };
  if (view.contentType === "Base64") inputs["contentType"] = "Base64";
  if (view.fileMode && view.fileMode !== "0644") inputs["fileMode"] = view.fileMode;
  if (view.fileOwner && view.fileOwner !== "root") inputs["fileOwner"] = view.fileOwner;
  if (view.fileGroup && view.fileGroup !== "root") inputs["fileGroup"] = view.fileGroup;
  if (!view.overwrite) inputs["overwrite"] = false;
  if (view.description) inputs["description"] = view.description;
  const tags = userTags(view.tags);
  if (Object.keys(tags).length > 0) inputs["tags"] = tags;
  return inputs as FileInputs;
}

async function updateStep(_ctx: StepContext, _id: string, olds: FileOutputs, news: FileInputs): Promise<{ outs: FileOutputs }> {
  return { outs: { ...olds, ...Object.fromEntries(META_INPUTS.map((key) => [key, news[key]])) } };
}

async function removeStep(ctx: StepContext, id: string, props: FileOutputs): Promise<void> {
  const run = runContext(ctx, props.regionId ?? props.resolvedRegionId);
  // The file stays on the instances unless onDelete says what to do with it (the invocation's cleanup).
  if (props.onDelete) await runOnDelete(run, id, { instanceIds: props.instanceIds }, props.onDelete);
  if (!props.recordExpired) await releaseRun(run.api, id, ctx.deadline(props.timeouts?.delete));
}

/** The EcsFile lifecycle both hosts serve (see step-context). */
export const fileLifecycle = engineLifecycle<FileInputs, FileOutputs>({
  check: checkStep,
  diff: diffStep,
  create: createStep,
  read: readStep,
  update: updateStep,
  remove: removeStep,
});

/** The same steps as the dynamic provider calls them (resources/providers): keep these names. */
const dynamic = dynamicHost(fileLifecycle);
export const { configure, check, diff, create, read, update } = dynamic;
export const remove = dynamic.delete;
// Under the dynamic provider's own name too, as resources/dynamic calls it.
export { remove as delete };
