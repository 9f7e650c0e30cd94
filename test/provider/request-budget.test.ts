import { BudgetExceeded, createRequestBudget } from "../../provider/cloud/request-budget";
import type { Timing } from "../../provider/cloud/timing";

/** A clock that only moves when someone sleeps; `sentAt` records when each call's slot came. */
function clock(): Timing & { advance(ms: number): void } {
  let now = 1_000_000;
  const advance = (ms: number): void => {
    now += ms;
  };
  return { now: () => now, random: () => 0.5, sleep: async (ms) => advance(ms), advance };
}

async function sendTimes(budget: ReturnType<typeof createRequestBudget>, timing: Timing, count: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    await budget.take(timing.now() + 60_000);
    times.push(timing.now() - 1_000_000);
  }
  return times;
}

describe("request budget", () => {
  it("spaces calls evenly at a configured rate", async () => {
    const timing = clock();
    const budget = createRequestBudget(timing, { maxPerSecond: 10 });
    expect(await sendTimes(budget, timing, 5)).toEqual([0, 100, 200, 300, 400]);
  });

  it("sends without waiting until the cloud first throttles, then at 90 % of what it accepted", async () => {
    const timing = clock();
    const budget = createRequestBudget(timing);
    expect(await sendTimes(budget, timing, 30)).toEqual(Array(30).fill(0));
    for (let i = 0; i < 20; i++) budget.accepted();
    budget.throttled(500);
    expect(budget.rate).toBe(18);
    // Everyone waits out the retry-after, then calls come 1/18 s apart.
    const times = await sendTimes(budget, timing, 3);
    expect(times[0]).toBe(500);
    expect(times[1]! - times[0]!).toBeCloseTo(1000 / 18, 5);
  });

  it("decreases once for the throttling answers of one burst", () => {
    const timing = clock();
    const budget = createRequestBudget(timing);
    for (let i = 0; i < 20; i++) budget.accepted();
    for (let i = 0; i < 50; i++) budget.throttled(1000);
    expect(budget.rate).toBe(18);
    timing.advance(1500);
    budget.throttled(1000);
    // The next burst, a second later: what was accepted in the last second (nothing) bounds it.
    expect(budget.rate).toBe(1);
  });

  it("grows back quickly to the rate the cloud accepted, then by one a second", async () => {
    const timing = clock();
    const budget = createRequestBudget(timing);
    for (let i = 0; i < 4; i++) budget.accepted();
    budget.throttled(0);
    expect(budget.rate).toBeCloseTo(3.6, 5);
    timing.advance(1000);
    await budget.take(timing.now() + 60_000);
    expect(budget.rate).toBe(4);
    timing.advance(2000);
    await budget.take(timing.now() + 60_000);
    expect(budget.rate).toBe(6);
  });

  it("refuses a call whose slot would come after its deadline, naming the way out", async () => {
    const timing = clock();
    const budget = createRequestBudget(timing, { maxPerSecond: 1 });
    await budget.take(timing.now() + 10_000);
    const error = await budget.take(timing.now() + 500).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BudgetExceeded);
    expect((error as Error).message).toContain("Raise alicloud:maxRequestsPerSecond");
  });

  it("lets a call due now go after its deadline, so a timed-out wait can still report", async () => {
    const timing = clock();
    const budget = createRequestBudget(timing, { maxPerSecond: 10 });
    await expect(budget.take(timing.now() - 1)).resolves.toBeUndefined();
  });
});

describe("request budget, gathering shared reads", () => {
  it("lets a shared read gather once every reserved slot has come", async () => {
    const timing = clock();
    const budget = createRequestBudget(timing, { maxPerSecond: 10 });
    for (let i = 0; i < 5; i++) await budget.take(Number.MAX_SAFE_INTEGER);
    // Five slots 100 ms apart from t=0: free again at 500 ms.
    await budget.gather();
    expect(timing.now() - 1_000_000).toBe(500);
  });

  it("never holds shared reads back while the budget is unlimited", async () => {
    const timing = clock();
    const budget = createRequestBudget(timing);
    await budget.take(Number.MAX_SAFE_INTEGER);
    await budget.gather();
    expect(timing.now()).toBe(1_000_000);
  });
});
