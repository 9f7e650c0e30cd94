import type { EcsApi, InvocationView, ListQuery } from "../../provider/cloud/ecs-api";
import { FINAL_VIEW_MS } from "../../provider/cloud/final-views";
import { createInvocationReader } from "../../provider/cloud/invocation-reader";
import { SETTLED_LISTING_MS } from "../../provider/cloud/stack-listing";
import { createRunFinder } from "../../provider/lifecycle/run/run-finder";
import { RESOURCE_TAG, STACK_TAG } from "../../provider/lifecycle/run/run-identity";

const STACK = { [STACK_TAG]: "s1" };

function view(invokeId: string, resource = `r-${invokeId}`, status = "Running", repeatMode = "Once"): InvocationView {
  const instances = ["i-1", "i-2"].map((instanceId) => ({ instanceId, status, output: "" }));
  return { invokeId, status, repeatMode, tags: { [STACK_TAG]: "s1", [RESOURCE_TAG]: resource }, instances } as unknown as InvocationView;
}

/** An API over a list of invocations (newest first) that counts the calls made to it. */
function fakeApi(invocations: InvocationView[]) {
  const calls: string[] = [];
  const matches = (v: InvocationView, tags: Record<string, string>) => Object.entries(tags).every(([k, val]) => v.tags[k] === val);
  const api = {
    regionId: "cn-hangzhou",
    gather: async () => undefined,
    async describeInvocation(id: string) {
      calls.push(`describe ${id}`);
      return invocations.find((v) => v.invokeId === id);
    },
    async listInvocations(query: ListQuery) {
      calls.push(`list ${query.nextToken ?? "first"}`);
      const all = invocations.filter((v) => matches(v, query.tags));
      const start = Number(query.nextToken ?? 0);
      return { invocations: all.slice(start, start + 50), nextToken: start + 50 < all.length ? String(start + 50) : undefined };
    },
    async listInvocationResults(query: ListQuery) {
      calls.push(`results ${query.nextToken ?? "first"}`);
      const rows = invocations
        .filter((v) => matches(v, query.tags))
        .flatMap((v) => v.instances.map((i) => ({ invokeId: v.invokeId, instanceId: i.instanceId, output: `${v.invokeId} on ${i.instanceId}`, dropped: 0 })));
      const start = Number(query.nextToken ?? 0);
      return { results: rows.slice(start, start + 50), nextToken: start + 50 < rows.length ? String(start + 50) : undefined };
    },
    async findInvocations(tags: Record<string, string>) {
      calls.push(`find ${JSON.stringify(tags)}`);
      return invocations.filter((v) => matches(v, tags));
    },
  } as unknown as EcsApi;
  return { api, calls };
}

const soon = Date.now() + 60_000;

describe("shared status reads", () => {
  it("answers 120 reads made together with the stack's pages, not 120 calls", async () => {
    const all = Array.from({ length: 130 }, (_, i) => view(`t-${i}`));
    const { api, calls } = fakeApi(all);
    const reader = createInvocationReader(api);
    const views = await Promise.all(all.slice(0, 120).map((v) => reader.read(v.invokeId, soon, { sharedTag: STACK })));
    expect(views.map((v) => v?.invokeId)).toEqual(all.slice(0, 120).map((v) => v.invokeId));
    expect(calls).toEqual(["list first", "list 50", "list 100"]);
  });

  it("reads one invocation by its id, and any the listing does not show", async () => {
    const { api, calls } = fakeApi([view("t-1"), view("t-2")]);
    const reader = createInvocationReader(api);
    expect((await reader.read("t-1", soon, { sharedTag: STACK }))?.invokeId).toBe("t-1");
    const [found, missing] = await Promise.all([reader.read("t-2", soon, { sharedTag: STACK }), reader.read("t-gone", soon, { sharedTag: STACK })]);
    expect([found?.invokeId, missing]).toEqual(["t-2", undefined]);
    expect(calls).toEqual(["describe t-1", "list first", "describe t-gone"]);
  });

  it("never answers a read with data fetched before it was asked", async () => {
    const invocations = [view("t-1"), view("t-2")];
    const { api, calls } = fakeApi(invocations);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const describe = api.describeInvocation.bind(api);
    // The first answer is read at once but held back, so the first batch is still in flight below.
    api.describeInvocation = async (id, deadline, output) => {
      const answer = await describe(id, deadline, output);
      await gate;
      return answer;
    };
    const reader = createInvocationReader(api);
    const first = reader.read("t-1", soon);
    while (calls.length === 0) await new Promise((resolve) => setImmediate(resolve));
    // t-1 finishes now; a read asked now must see it, not join the batch already under way.
    invocations[0] = view("t-1", "r-t-1", "Success");
    const second = reader.read("t-1", soon);
    release();
    expect((await first)?.status).toBe("Running");
    expect((await second)?.status).toBe("Success");
    expect(calls).toEqual(["describe t-1", "describe t-1"]);
  });

  it("brings the output of many invocations with pages of per-instance results", async () => {
    const all = Array.from({ length: 30 }, (_, i) => view(`t-${i}`, `r-${i}`, "Success"));
    const { api, calls } = fakeApi(all);
    const reader = createInvocationReader(api);
    const views = await Promise.all(all.slice(0, 25).map((v) => reader.read(v.invokeId, soon, { sharedTag: STACK, includeOutput: true })));
    expect(views.map((v) => v!.instances.map((i) => i.output))).toEqual(all.slice(0, 25).map((v) => [`${v.invokeId} on i-1`, `${v.invokeId} on i-2`]));
    // 25 invocations × 2 instances = 50 results: one page, after one page of invocations.
    expect(calls).toEqual(["list first", "results first"]);
  });

  it("adds output to views just read, with result pages and no second status read", async () => {
    const all = Array.from({ length: 3 }, (_, i) => view(`t-${i}`, `r-${i}`, "Success"));
    const { api, calls } = fakeApi(all);
    const reader = createInvocationReader(api);
    const views = await Promise.all(all.map((v) => reader.withOutput(v, soon, { sharedTag: STACK })));
    expect(views.map((v) => v!.instances[1]!.output)).toEqual(["t-0 on i-2", "t-1 on i-2", "t-2 on i-2"]);
    expect(all[0]!.instances[0]!.output).toBe("");
    expect(calls).toEqual(["results first"]);
  });

  it("keeps reads with and without output apart", async () => {
    const { api, calls } = fakeApi([view("t-1"), view("t-2")]);
    const reader = createInvocationReader(api);
    await Promise.all([reader.read("t-1", soon, { sharedTag: STACK }), reader.read("t-2", soon, { sharedTag: STACK, includeOutput: true })]);
    expect(calls.sort()).toEqual(["describe t-1", "describe t-2"]);
  });
});

describe("runs a shared page showed over for good, read later", () => {
  const withOutput = { sharedTag: STACK, includeOutput: true };

  it("answer their own reads from that page, with their output, without a call", async () => {
    const all = Array.from({ length: 4 }, (_, i) => view(`t-${i}`, `r-${i}`, "Success"));
    const { api, calls } = fakeApi(all);
    const reader = createInvocationReader(api);
    await Promise.all([reader.read("t-0", soon, withOutput), reader.read("t-1", soon, withOutput)]);
    expect(calls).toEqual(["list first", "results first"]);
    // The engine's next creates ask a moment later: their runs were over on those pages already.
    const [later, statusOnly] = await Promise.all([reader.read("t-2", soon, withOutput), reader.read("t-3", soon, { sharedTag: STACK })]);
    expect(later!.instances.map((i) => i.output)).toEqual(["t-2 on i-1", "t-2 on i-2"]);
    expect(statusOnly!.status).toBe("Success");
    expect(calls).toEqual(["list first", "results first"]);
    // Each read gets a copy of its own.
    later!.instances[0]!.output = "changed";
    expect((await reader.read("t-2", soon, withOutput))!.instances[0]!.output).toBe("t-2 on i-1");
  });

  it("answer reads that waited while the batch that saw them was answered", async () => {
    const all = Array.from({ length: 3 }, (_, i) => view(`t-${i}`, `r-${i}`, "Success"));
    const { api, calls } = fakeApi(all);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const results = api.listInvocationResults.bind(api);
    let asked = false;
    api.listInvocationResults = async (query, deadline) => {
      asked = true;
      await gate;
      return results(query, deadline);
    };
    const reader = createInvocationReader(api);
    const first = Promise.all([reader.read("t-0", soon, withOutput), reader.read("t-1", soon, withOutput)]);
    while (!asked) await new Promise((resolve) => setImmediate(resolve));
    // Asked while the first batch waits for its results page: it forms the next batch.
    const waiting = reader.read("t-2", soon, withOutput);
    release();
    await first;
    expect((await waiting)!.instances.map((i) => i.output)).toEqual(["t-2 on i-1", "t-2 on i-2"]);
    expect(calls).toEqual(["list first", "results first"]);
  });

  it("never for a run still going, one on a schedule, or one whose output the pages left out", async () => {
    // 26 invocations × 2 instances: the results page of 50 ends before t-25's instances.
    const all = [
      view("t-0", "r-0", "Success"),
      view("t-1", "r-1", "Success"),
      view("t-running", "r-2", "Running"),
      view("t-period", "r-3", "Success", "Period"),
      ...Array.from({ length: 21 }, (_, i) => view(`t-filler-${i}`, `r-f${i}`, "Running")),
      view("t-25", "r-25", "Success"),
    ];
    const { api, calls } = fakeApi(all);
    const reader = createInvocationReader(api);
    await Promise.all([reader.read("t-0", soon, withOutput), reader.read("t-1", soon, withOutput)]);
    expect(calls).toEqual(["list first", "results first"]);
    for (const id of ["t-running", "t-period", "t-25"]) await reader.read(id, soon, withOutput);
    expect(calls.slice(2)).toEqual(["describe t-running", "describe t-period", "describe t-25"]);
  });

  it("for FINAL_VIEW_MS, and only for reads by the same tag", async () => {
    let clock = 1_000_000;
    const all = Array.from({ length: 4 }, (_, i) => view(`t-${i}`, `r-${i}`, "Success"));
    const { api, calls } = fakeApi(all);
    const reader = createInvocationReader(api, () => clock);
    await Promise.all([reader.read("t-0", soon, withOutput), reader.read("t-1", soon, withOutput)]);
    await reader.read("t-2", soon, { sharedTag: { [STACK_TAG]: "another" }, includeOutput: true });
    clock += FINAL_VIEW_MS;
    await reader.read("t-3", soon, withOutput);
    expect(calls).toEqual(["list first", "results first", "describe t-2", "describe t-3"]);
  });
});

describe("reads of runs over for good, from one listing of the stack", () => {
  const finished = (count: number) => Array.from({ length: count }, (_, i) => view(`t-${i}`, `r-${i}`, "Success"));

  it("answers reads spread over time from the pages already fetched, fetching only as far as needed", async () => {
    const all = finished(120);
    const { api, calls } = fakeApi(all);
    const reader = createInvocationReader(api, () => 0);
    // One at a time, as the engine's waves of refresh reads come: no read joins another's batch.
    for (const v of all.slice(0, 60)) expect((await reader.readSettled(v.invokeId, soon, { sharedTag: STACK }))?.invokeId).toBe(v.invokeId);
    expect(calls).toEqual(["list first", "list 50"]);
    expect((await reader.readSettled("t-119", soon, { sharedTag: STACK }))?.invokeId).toBe("t-119");
    expect(calls).toEqual(["list first", "list 50", "list 100"]);
  });

  it("reads by id a run the listing does not show, and lists again once the listing is old", async () => {
    let now = 0;
    const { api, calls } = fakeApi(finished(2));
    const reader = createInvocationReader(api, () => now);
    expect(await reader.readSettled("t-gone", soon, { sharedTag: STACK })).toBeUndefined();
    await reader.readSettled("t-0", soon, { sharedTag: STACK });
    now = SETTLED_LISTING_MS + 1;
    await reader.readSettled("t-1", soon, { sharedTag: STACK });
    expect(calls).toEqual(["list first", "describe t-gone", "list first"]);
  });

  it("hands each read its own copy, and lists again after a failed page", async () => {
    const { api, calls } = fakeApi(finished(2));
    const list = api.listInvocations.bind(api);
    let failures = 1;
    api.listInvocations = async (query, deadline) => (failures-- > 0 ? Promise.reject(new Error("ECONNRESET")) : list(query, deadline));
    const reader = createInvocationReader(api, () => 0);
    await expect(reader.readSettled("t-0", soon, { sharedTag: STACK })).rejects.toThrow("ECONNRESET");
    const first = await reader.readSettled("t-0", soon, { sharedTag: STACK });
    first!.instances[0]!.output = "changed";
    expect((await reader.readSettled("t-0", soon, { sharedTag: STACK }))!.instances[0]!.output).toBe("");
    // The failed page is not counted by the fake: one listing, after it, answered both reads.
    expect(calls).toEqual(["list first"]);
  });
});

describe("search for interrupted runs, once per process", () => {
  const identity = (resource: string) => ({ resource, inputs: "i", stack: "s1" });

  it("lists the stack's live runs once, for every create of the process", async () => {
    const { api, calls } = fakeApi([view("t-1", "r-a"), view("t-2", "r-c")]);
    const finder = createRunFinder(api);
    const found = await Promise.all(["r-a", "r-b", "r-c"].map((r) => finder.find(identity(r), soon)));
    expect(await finder.find(identity("r-a"), soon)).toHaveLength(1);
    expect(found.map((views) => views.map((v) => v.invokeId))).toEqual([["t-1"], [], ["t-2"]]);
    expect(calls).toEqual([`find {"${STACK_TAG}":"s1"}`]);
  });

  it("never offers a run this process released, even one listed before", async () => {
    const { api } = fakeApi([view("t-1", "r-a")]);
    const finder = createRunFinder(api);
    expect(await finder.find(identity("r-x"), soon)).toEqual([]);
    finder.released("t-1");
    expect(await finder.find(identity("r-a"), soon)).toEqual([]);
  });

  it("searches again after a failed search", async () => {
    const { api, calls } = fakeApi([view("t-1", "r-a")]);
    const find = api.findInvocations.bind(api);
    let failures = 1;
    api.findInvocations = async (tags, deadline) => (failures-- > 0 ? Promise.reject(new Error("ECONNRESET")) : find(tags, deadline));
    const finder = createRunFinder(api);
    await expect(finder.find(identity("r-a"), soon)).rejects.toThrow("ECONNRESET");
    expect((await finder.find(identity("r-a"), soon)).map((v) => v.invokeId)).toEqual(["t-1"]);
    expect(calls).toHaveLength(1);
  });
});
