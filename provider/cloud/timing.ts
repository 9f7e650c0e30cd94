/** Clock, sleep and randomness behind one seam, so tests of retries and waits need no real waiting. */
export interface Timing {
  now(): number;
  sleep(ms: number): Promise<void>;
  /** A float in [0, 1). */
  random(): number;
}

export const realTiming: Timing = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: () => Math.random(),
};
