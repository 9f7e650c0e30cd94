import type { InvocationView } from "../../cloud/ecs-api";
import { terminalText } from "../terminal-text";

/** A line this long is shown cut: progress lines are one screen line. */
const MAX_LINE = 200;

/**
 * `liveOutput`: the lines each instance has printed so far, shown beside the resource as they
 * arrive (`i-bp1…: <line>`), in the order each instance printed them, from the reads the wait
 * makes anyway (see await-run). A line is shown once it is complete; what a finished run printed
 * last is in its outputs. Control characters are shown escaped (terminal-text). Never used when the
 * output is secret (see secrecy).
 */
export class LiveOutput {
  /** Characters of each run's output on each instance already shown (or skipped). */
  private readonly shown = new Map<string, number>();

  constructor(private readonly emit: (line: string) => void) {}

  /** Shows the complete lines that are new in `view` since the last one; returns how many. */
  seen(view: InvocationView | undefined): number {
    let count = 0;
    for (const instance of view?.instances ?? []) {
      // Keyed by run too: a rollout's later round runs on an instance again, from the start.
      const key = `${view?.invokeId}/${instance.instanceId}`;
      const from = this.shown.get(key) ?? 0;
      // A run that started again (a schedule's next run) writes from the start.
      const start = instance.output.length < from ? 0 : from;
      const end = instance.output.lastIndexOf("\n") + 1;
      if (end <= start) continue;
      for (const line of instance.output.slice(start, end).split("\n").slice(0, -1)) {
        const text = terminalText(line.replace(/\r$/, ""));
        this.emit(`${instance.instanceId}: ${text.length > MAX_LINE ? `${text.slice(0, MAX_LINE)}…` : text}`);
        count++;
      }
      this.shown.set(key, end);
    }
    return count;
  }
}
