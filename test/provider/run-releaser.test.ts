import type { EcsApi } from "../../provider/cloud/ecs-api";
import { releaseRun } from "../../provider/lifecycle/run/run-releaser";
import { overrideRuntime } from "../../provider/lifecycle/runtime";

/**
 * A stub API that records each TagResources call's ids; `duringCall` runs while the first call is
 * in flight, `duringGather` while a batch waits for its slot (as under a request limit).
 */
function recordingApi(hooks: { duringCall?: () => void; duringGather?: () => void } = {}): { api: EcsApi; calls: string[][] } {
  const calls: string[][] = [];
  let { duringCall, duringGather } = hooks;
  const api = {
    gather: async () => {
      const hook = duringGather;
      duringGather = undefined;
      hook?.();
      await new Promise((resolve) => setImmediate(resolve));
    },
    tagInvocations: async (ids: readonly string[]) => {
      calls.push([...ids]);
      const hook = duringCall;
      duringCall = undefined;
      hook?.();
      await new Promise((resolve) => setImmediate(resolve));
    },
  } as unknown as EcsApi;
  return { api, calls };
}

const deadline = () => Date.now() + 10_000;

describe("releases shared between TagResources calls", () => {
  it("a release with no call in flight goes at once, alone: no gathering wait", async () => {
    const { api, calls } = recordingApi();
    const slept: number[] = [];
    const restore = overrideRuntime({
      timing: { now: () => 0, random: () => 0.5, sleep: async (ms) => void slept.push(ms) },
    });
    try {
      await releaseRun(api, "t-alone", deadline());
    } finally {
      restore();
    }
    expect(calls).toEqual([["t-alone"]]);
    expect(slept).toEqual([]);
  });

  it("releases made while a call is in flight share the next call", async () => {
    const more: Promise<void>[] = [];
    const { api, calls } = recordingApi({
      duringCall: () => {
        for (const id of ["t-2", "t-3", "t-4"]) more.push(releaseRun(api, id, deadline()));
      },
    });
    await releaseRun(api, "t-1", deadline());
    await Promise.all(more);
    expect(calls).toEqual([["t-1"], ["t-2", "t-3", "t-4"]]);
  });

  it("a batch waiting for the request budget's slot takes in those that arrive meanwhile", async () => {
    const more: Promise<void>[] = [];
    const { api, calls } = recordingApi({
      duringGather: () => {
        for (const id of ["t-b", "t-c"]) more.push(releaseRun(api, id, deadline()));
      },
    });
    await releaseRun(api, "t-a", deadline());
    await Promise.all(more);
    expect(calls).toEqual([["t-a", "t-b", "t-c"]]);
  });
});
