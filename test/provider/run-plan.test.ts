import type { InvocationView } from "../../provider/cloud/ecs-api";
import { batchPlace, batchTag, nextRoundTargets, planBatches } from "../../provider/lifecycle/rollout";
import { LiveOutput } from "../../provider/lifecycle/run/live-output";
import { terminalLines, terminalText } from "../../provider/lifecycle/terminal-text";

const ids = (...n: number[]) => n.map((i) => `i-${String(i).padStart(2, "0")}`);

/** A run an interrupted `up` started, as the cloud lists it: what matters is where it ran. */
function started(instanceIds: string[]): InvocationView {
  return { invokeId: `t-${instanceIds.join("")}`, instances: instanceIds.map((instanceId) => ({ instanceId })) } as unknown as InvocationView;
}

describe("a rollout's plan", () => {
  it("is the targets as a set in a stable order, whatever order the program lists them in", () => {
    const plan = (targets: string[]) => planBatches(targets, 2, new Map()).map((b) => [b.index, b.instanceIds]);
    expect(plan(ids(5, 1, 3, 2, 4))).toEqual([
      [0, ids(1, 2)],
      [1, ids(3, 4)],
      [2, ids(5)],
    ]);
    expect(plan(ids(4, 2, 5, 3, 1, 1))).toEqual(plan(ids(1, 2, 3, 4, 5)));
  });

  it("keeps the batches an interrupted up started on the instances they ran on, and cuts the rest from what no batch holds", () => {
    // The first up ran 01,02 then 03,04 (in its order); the program now lists them reversed and one more.
    const resumed = new Map([
      [0, started(ids(1, 2))],
      [1, started(ids(4, 3))],
    ]);
    const plan = planBatches(ids(6, 5, 4, 3, 2, 1, 7), 2, resumed);
    expect(plan.map((b) => [b.index, b.instanceIds, b.resumed !== undefined])).toEqual([
      [0, ids(1, 2), true],
      [1, ids(3, 4), true],
      [2, ids(5, 6), false],
      [3, ids(7), false],
    ]);
    // Each instance is in exactly one batch: none twice, none skipped.
    expect(plan.flatMap((b) => b.instanceIds).sort()).toEqual(ids(1, 2, 3, 4, 5, 6, 7));
  });

  it("never runs again an instance a started batch holds, even one no longer among the targets", () => {
    const plan = planBatches(ids(2, 3), 2, new Map([[0, started(ids(1, 2))]]));
    expect(plan.map((b) => b.instanceIds)).toEqual([ids(1, 2), ids(3)]);
  });

  it("names a batch's place in its tag, and reads it back only for the same inputs", () => {
    const tag = batchTag("abc123", 1, 4);
    expect(batchPlace(tag, "abc123")).toEqual({ round: 1, index: 4 });
    expect(batchPlace(tag, "other")).toBeUndefined();
    expect(batchPlace("abc123", "abc123")).toBeUndefined();
  });

  it("runs a later round on the failed and the not started, once each", () => {
    const instances = [
      { instanceId: "i-02", status: "Failed" },
      { instanceId: "i-01", status: "Success" },
    ];
    const result = { notStarted: ids(3, 2) } as Parameters<typeof nextRoundTargets>[0];
    expect(nextRoundTargets(result, instances as unknown as Parameters<typeof nextRoundTargets>[1])).toEqual(ids(2, 3));
  });
});

describe("live output", () => {
  const view = (outputs: Record<string, string>, invokeId = "t-1") =>
    ({ invokeId, instances: Object.entries(outputs).map(([instanceId, output]) => ({ instanceId, output })) }) as unknown as InvocationView;

  it("shows each instance's complete lines once, in the order printed, the unfinished line later", () => {
    const shown: string[] = [];
    const live = new LiveOutput((line) => shown.push(line));
    expect(live.seen(view({ "i-a": "one\ntwo\nthr" }))).toBe(2);
    expect(live.seen(view({ "i-a": "one\ntwo\nthree\nfour\n" }))).toBe(2);
    expect(shown).toEqual(["i-a: one", "i-a: two", "i-a: three", "i-a: four"]);
  });

  it("shows a later run on the same instance (a rollout's next round) from its start", () => {
    const shown: string[] = [];
    const live = new LiveOutput((line) => shown.push(line));
    live.seen(view({ "i-a": "first round\n" }, "t-1"));
    live.seen(view({ "i-a": "second round, a longer line\n" }, "t-2"));
    expect(shown).toEqual(["i-a: first round", "i-a: second round, a longer line"]);
  });

  it("never passes a control character to the terminal: escapes recolouring, bells, carriage returns; keeps tabs", () => {
    const shown: string[] = [];
    new LiveOutput((line) => shown.push(line)).seen(view({ "i-a": "\u001b[31mred\u001b[0m\u0007 a\tb\rover\u001b]0;title\u0007\r\n" }));
    expect(shown).toEqual(["i-a: \\x1b[31mred\\x1b[0m\\x07 a\tb\\rover\\x1b]0;title\\x07"]);
  });

  it("escapes C1 controls, bidirectional overrides and line separators too", () => {
    expect(terminalText("a\u009bb\u202ec\u2028d\u007f")).toBe("a\\x9bb\\u202ec\\u2028d\\x7f");
    expect(terminalLines("one\r\ntwo\u001b[2J\n")).toBe("one\ntwo\\x1b[2J\n");
  });
});
