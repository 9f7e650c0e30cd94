import type { EcsApi } from "../../provider/cloud/ecs-api";
import { releaseRun } from "../../provider/lifecycle/run/run-releaser";
import { overrideRuntime } from "../../provider/lifecycle/runtime";

/** A stub API that records each TagResources call's ids. */
function recordingApi(): { api: EcsApi; calls: string[][] } {
  const calls: string[][] = [];
  const api = {
    gather: async () => undefined,
    tagInvocations: async (ids: readonly string[]) => {
      calls.push([...ids]);
    },
  } as unknown as EcsApi;
  return { api, calls };
}

/** A clock whose sleeps end at once, recorded; `during` runs inside the first `n` sleeps. */
function fakeTiming(during: (() => void)[] = []): { slept: number[]; restore: () => void } {
  const slept: number[] = [];
  let now = 0;
  const restore = overrideRuntime({
    timing: {
      now: () => now,
      random: () => 0.5,
      sleep: async (ms) => {
        slept.push(ms);
        now += ms;
        during.shift()?.();
      },
    },
  });
  return { slept, restore };
}

describe("releases gathered into shared TagResources calls", () => {
  it("a release alone waits one quiet moment, not the whole gathering window", async () => {
    const { api, calls } = recordingApi();
    const { slept, restore } = fakeTiming();
    try {
      await releaseRun(api, "t-alone", Date.now() + 10_000);
      expect(calls).toEqual([["t-alone"]]);
      expect(slept.reduce((a, b) => a + b, 0)).toBe(25);
    } finally {
      restore();
    }
  });

  it("releases that keep arriving join one call, the wait capped at the window", async () => {
    const { api, calls } = recordingApi();
    const more: Promise<void>[] = [];
    const arrive = (id: string) => () => void more.push(releaseRun(api, id, Date.now() + 10_000));
    // Two arrive during the first quiet wait, one during the second, none during the third.
    const both = () => {
      arrive("t-3")();
      arrive("t-4")();
    };
    const { slept, restore } = fakeTiming([arrive("t-2"), both, () => undefined]);
    try {
      await releaseRun(api, "t-1", Date.now() + 10_000);
      await Promise.all(more);
      expect(calls).toEqual([["t-1", "t-2", "t-3", "t-4"]]);
      expect(slept.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(200);
    } finally {
      restore();
    }
  });

  it("stops gathering at the window however many keep arriving", async () => {
    const { api, calls } = recordingApi();
    const more: Promise<void>[] = [];
    let n = 0;
    const always = () => void more.push(releaseRun(api, `t-more-${n++}`, Date.now() + 10_000));
    const { slept, restore } = fakeTiming(Array.from({ length: 20 }, () => always));
    try {
      await releaseRun(api, "t-first", Date.now() + 10_000);
      expect(calls[0]!.length).toBeGreaterThan(1);
      expect(slept.slice(0, 8).reduce((a, b) => a + b, 0)).toBe(200);
      // Those that came after the first call form the next ones.
      for (let settled = 0; settled < more.length; settled = more.length) await Promise.all(more);
      expect(calls.flat()).toHaveLength(1 + more.length);
    } finally {
      restore();
    }
  });
});
