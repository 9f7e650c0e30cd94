import type { EcsApi } from "../../cloud/ecs-api";
import type { Timing } from "../../cloud/timing";
import type { StepContext } from "../step-context";

/** What every stage of a run needs: the region's client, the clock, and where messages go. */
export interface RunContext {
  api: EcsApi;
  timing: Timing;
  /** A passing line beside the resource. */
  progress: (line: string) => void;
  /** A warning that stays beside the resource. */
  warn: (message: string) => void;
}

/** The run context of a step, in the region `regionId` (default: the stack's). */
export function runContext(ctx: StepContext, regionId: string | undefined): RunContext {
  return { api: ctx.api(regionId), timing: ctx.timing, progress: (line) => ctx.progress(line), warn: (message) => ctx.warn(message) };
}
