import { scheduleLags } from "../../bench/completion-lag";
import { measured } from "../../bench/stats";

describe("the lag our polling schedule implies (P2, the waiter on a simulated clock)", () => {
  it("sees a long run within one slowest step (5 s) of its end, 2.5 s late at the median start phase", async () => {
    const lags = measured(await scheduleLags(30, 1000));
    expect(lags.min).toBeGreaterThanOrEqual(0);
    expect(lags.max).toBeLessThan(5_000);
    // The 5 s grid steps past a random end: the lag is spread evenly over the step.
    expect(Math.abs(lags.median - 2_500)).toBeLessThan(100);
  });

  it("depends on the start phase for a 5 s run: seen at once for some phases, more than 5 s late for others", async () => {
    const lags = await scheduleLags(5, 1000);
    expect(Math.min(...lags)).toBeLessThan(50);
    // The step from the 2.93 s grid to the 5 s one can be longer than 5 s (at least half a step away).
    expect(Math.max(...lags)).toBeGreaterThan(5_000);
    expect(Math.max(...lags)).toBeLessThan(7_500);
  });

  it("sees a quick run at the first grid point: 15-45 ms after it started", async () => {
    const lags = await scheduleLags(0.001, 100);
    expect(Math.max(...lags)).toBeLessThanOrEqual(45);
  });
});
