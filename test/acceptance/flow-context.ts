/**
 * What a flow of the acceptance suite works with: the target, the suite's view of the cloud,
 * Pulumi projects of the spec program pointed at the target (disposed after the flow, whatever
 * happened), and the resources every flow declares the same way (tagged, named after the run).
 */
import { PulumiProject, SPEC_PROGRAM } from "../e2e/harness";
import { assume } from "./assumptions";
import type { CloudView } from "./cloud-view";
import type { Recorder } from "./recorder";
import { type AcceptanceTarget, suiteTags } from "./target";

export interface FlowContext {
  target: AcceptanceTarget;
  view: CloudView;
  /** A fresh project of the spec program; `native`: through the provider package's plugin and SDK. */
  project(key: string, options?: { native?: boolean }): Promise<PulumiProject>;
  /** An assertion resting on a row of docs/cloud-assumptions.md: a failure names the row. */
  assume(row: string, check: () => void | Promise<void>): Promise<void>;
  /** Records the target's answers to direct calls, when asked to (`--record`). */
  recorder: Recorder;
  log(line: string): void;
}

export interface Flow {
  title: string;
  /** The calls it makes, printed before a live run (the provider's own, then the suite's direct ones). */
  calls: string[];
  run(ctx: FlowContext): Promise<void>;
}

export function flowContext(target: AcceptanceTarget, view: CloudView, recorder: Recorder, log: (line: string) => void) {
  const projects: PulumiProject[] = [];
  const ctx: FlowContext = {
    target,
    view,
    recorder,
    log,
    async project(key, options = {}) {
      const project = await PulumiProject.from(SPEC_PROGRAM, `acceptance-${key}`, target.connection, { native: options.native });
      projects.push(project);
      if (options.native) await project.config("sdk", "package");
      return project;
    },
    assume: (row, check) => assume(target.against, row, check),
  };
  /** Destroys and removes every project the flow made (a failing destroy is reported, the rest go on). */
  const dispose = async (): Promise<string[]> => {
    const problems: string[] = [];
    for (const project of projects.splice(0)) {
      try {
        await project.dispose();
      } catch (error) {
        problems.push(`${project.name}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    return problems;
  };
  return { ctx, dispose };
}

/** An EcsCommand of the spec program, named after the run and the flow, carrying the suite tags. */
export function command(ctx: FlowContext, key: string, content: string, extra: Record<string, unknown> = {}) {
  return { name: `acceptance-${key}-${ctx.target.runId}`, type: "RunShellScript", commandContent: content, tags: suiteTags(ctx.target), ...extra };
}

/** An EcsInvocation of the spec program's command `cmd` on the first instance, carrying the suite tags. */
export function invocation(ctx: FlowContext, extra: Record<string, unknown> = {}, customTimeouts?: Record<string, string>) {
  return { args: { commandId: "$cmd", instanceIds: [ctx.target.instanceIds[0]], tags: suiteTags(ctx.target), ...extra }, customTimeouts };
}

/** What the spec program exports after an `up`. */
export interface SpecOutputs {
  commandIds: Record<string, string>;
  invocations: Record<string, { id: string; status: string; instances?: { instanceId: string; status: string; exitCode: number; output: string }[] }>;
}

/** Fails with the CLI's whole output when a command did not end as expected. */
export function expectCode(result: { code: number; output: string }, wanted: "success" | "failure", what: string): void {
  const ok = wanted === "success" ? result.code === 0 : result.code !== 0;
  if (!ok) throw new Error(`${what} was expected to ${wanted === "success" ? "succeed" : "fail"} but exited ${result.code}:\n${result.output}`);
}
