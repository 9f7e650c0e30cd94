import type { InvocationView } from "../cloud/ecs-api";

/** A line this long is shown cut: progress lines are one screen line. */
const MAX_LINE = 200;

/**
 * `liveOutput`: the lines each instance has printed so far, shown beside the resource as they
 * arrive (`i-bp1…: <line>`), from the reads that create makes anyway. A line is shown once it is
 * complete; what a finished run printed last is in its outputs. Never used for `secretOutput`.
 */
export class LiveOutput {
  /** Characters of each instance's output already shown (or skipped). */
  private readonly shown = new Map<string, number>();

  constructor(private readonly emit: (line: string) => void) {}

  /** Shows the complete lines that are new in `view` since the last one. */
  seen(view: InvocationView | undefined): void {
    for (const instance of view?.instances ?? []) {
      const from = this.shown.get(instance.instanceId) ?? 0;
      // A run that started again (a schedule's next run) writes from the start.
      const start = instance.output.length < from ? 0 : from;
      const end = instance.output.lastIndexOf("\n") + 1;
      if (end <= start) continue;
      for (const line of instance.output.slice(start, end).split("\n").slice(0, -1)) {
        const text = line.replace(/\r$/, "");
        this.emit(`${instance.instanceId}: ${text.length > MAX_LINE ? `${text.slice(0, MAX_LINE)}…` : text}`);
      }
      this.shown.set(instance.instanceId, end);
    }
  }
}
