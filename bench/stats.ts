/** A figure measured several times: its median, with the spread. */
export interface Measured {
  median: number;
  min: number;
  max: number;
  runs: number;
}

export function measured(samples: number[]): Measured {
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { median, min: sorted[0]!, max: sorted[sorted.length - 1]!, runs: sorted.length };
}

/** Milliseconds `run` takes. */
export async function timed(run: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  await run();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** One row of the results: a figure, what it is compared with (measured in the same run), and the target. */
export interface Row {
  group: string;
  name: string;
  value: Measured;
  unit: string;
  /** The same-run baseline, when the figure is a ratio against one. */
  baseline?: Measured;
  /** value / baseline (medians), or the figure itself when there is no baseline. */
  ratio?: number;
  /** The target the figure is held to, as text (e.g. "≤ 1.10×"), and whether it is met. */
  target?: string;
  met?: boolean;
  note?: string;
}
