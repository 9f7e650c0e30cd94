import type { InvocationView } from "../../cloud/ecs-api";
import { readerFor } from "../../cloud/invocation-reader";
import { waitFor } from "../../cloud/waiter";
import { progressLine, reachedTarget } from "../invocation-state";
import type { LiveOutput } from "./live-output";
import type { RunContext } from "./run-context";

export interface AwaitOptions {
  deadline: number;
  /** What to wait for: a final state for `Once`, Scheduled (or final) for the scheduled modes. */
  repeatMode: string;
  /** The stack's live tag: reads shared with the stack's other waiting runs (see invocation-reader). */
  sharedTag?: Record<string, string>;
  /** Shows each instance's lines as they arrive (never for secret output). */
  live?: LiveOutput;
  /** How progress lines name the run: "batch 2/3: t-…", default the progress line alone. */
  label?: (line: string) => string;
  /** Each read as it comes: what a caller records when a later read fails (the run exists either way). */
  onRead?: (view: InvocationView | undefined) => void;
}

export interface AwaitResult {
  kind: "done" | "timeout";
  /** The run as last read, with each instance's output; undefined when its record could not be read. */
  view: InvocationView | undefined;
}

/**
 * How a run is polled. A run just started is not over yet: the first read waits for the first
 * grid point (15–45 ms away; a quick command is over by then, and that one read, with output, is
 * all it costs). Then steps of 75 ms, 190 ms, … growing 2.5× to 5 s: against 100 ms doubling
 * (with a read at once) quick commands are seen ~70 ms sooner with one read instead of three, and a
 * 30 s command costs no more reads (docs/performance.md, P1 and P2).
 */
export const RUN_POLLING = { firstPoll: "on the grid", initialIntervalMs: 30, factor: 2.5, maxIntervalMs: 5_000 } as const;

/**
 * Waits for a run: adaptive polling shared with the stack's other waiting runs, a progress line
 * when its status changes, live output as it arrives, and the output read once at the end. Every
 * run waits here: a plain create, each rollout batch, the onDelete cleanup.
 */
export async function awaitRun(run: RunContext, invokeId: string, options: AwaitOptions): Promise<AwaitResult> {
  const { api, timing } = run;
  const { deadline, sharedTag, live } = options;
  const label = options.label ?? ((line: string) => line);
  const reads = readerFor(api);
  let lastLine = "";
  let polls = 0;
  const result = await waitFor({
    ...RUN_POLLING,
    // The first poll brings the output too: most commands are done by then and need no second read.
    // With live output every poll does (pages shared by the stack's runs).
    poll: () => reads.read(invokeId, deadline, { sharedTag, includeOutput: polls++ === 0 || live !== undefined }),
    done: (view) => view !== undefined && reachedTarget(view, options.repeatMode),
    deadline,
    timing,
    onProgress: (view) => {
      options.onRead?.(view);
      // Lines first, then the status: the last message beside the resource is its status, not a line.
      const shown = live?.seen(view) ?? 0;
      const line = label(view ? progressLine(view) : `${invokeId}: waiting for the invocation record`);
      if (line !== lastLine || shown > 0) run.progress(line);
      lastLine = line;
    },
  });
  let view = result.state;
  // Polls after the first leave the output out (unless live): read it once, for outputs and reports.
  if (!view) view = await api.describeInvocation(invokeId, deadline);
  else if (polls > 1 && !live) view = (await reads.withOutput(view, deadline, { sharedTag })) ?? view;
  return { kind: result.kind, view };
}
