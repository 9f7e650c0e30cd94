import { OPERATIONS, type Operation, P1_GROUPS, type P1Samples, p1Rows } from "../../bench/engine-overhead";

/** Three runs of every operation taking `ms` (the median is `ms`; the spread ±10 %). */
const took = (ms: number) => Object.fromEntries(OPERATIONS.map((op) => [op, [ms * 1.1, ms, ms * 0.9]])) as Record<Operation, number[]>;

const samples: P1Samples = {
  invocations: took(2_200),
  "no-op": took(1_900),
  "no-op storing invocations": took(2_000),
  package: took(1_900),
  "no-op plugin": took(1_500),
  "no-op plugin storing invocations": took(1_700),
};

describe("the bench's P1 rows", () => {
  const rows = p1Rows(50, samples);

  it("holds the plugin to the floor storing what an invocation stores", () => {
    const create = rows.plugin.find((row) => row.name === "create, N=50")!;
    expect(create.group).toBe(P1_GROUPS.plugin);
    expect(create.baseline!.median).toBe(1_700);
    expect(create.ratio).toBeCloseTo(1_900 / 1_700);
    expect(create).toMatchObject({ target: "≤ 1.15×", met: true });
  });

  it("reports the plugin against the floor storing its inputs alone, without a target", () => {
    const create = rows.pluginPlain.find((row) => row.name === "create, N=50")!;
    expect(create.baseline!.median).toBe(1_500);
    expect(create.ratio).toBeCloseTo(1_900 / 1_500);
    expect(create.target).toBeUndefined();
    expect(create.met).toBeUndefined();
  });

  it("holds the dynamic path to its floor storing what an invocation stores, and reports the one storing its input alone", () => {
    expect(rows.dynamic.map((row) => [row.baseline!.median, row.met])).toEqual(OPERATIONS.map(() => [2_000, true]));
    const plain = rows.dynamicPlain.find((row) => row.name === "create, N=50")!;
    expect(plain.group).toBe(P1_GROUPS.dynamicPlain);
    expect(plain.ratio).toBeCloseTo(2_200 / 1_900);
    expect(plain.met).toBeUndefined();
  });

  it("holds the plugin to the dynamic path, and sets the floors side by side", () => {
    expect(rows.paths.every((row) => row.target === "≤ 1.00×" && row.met === true && row.baseline!.median === 2_200)).toBe(true);
    expect(rows.floors.map((row) => row.ratio)).toEqual(OPERATIONS.map(() => 1_700 / 2_000));
  });

  it("says which target is missed", () => {
    const slow = p1Rows(50, { ...samples, package: took(2_000), invocations: took(2_400) });
    expect(slow.plugin.map((row) => row.met)).toEqual(OPERATIONS.map(() => false));
    expect(slow.dynamic.map((row) => row.met)).toEqual(OPERATIONS.map(() => false));
  });

  it("names the kind whose samples are missing rather than reporting a ratio of nothing", () => {
    const { "no-op plugin storing invocations": _left, ...partial } = samples;
    expect(() => p1Rows(50, partial)).toThrow("P1 has no samples of no-op plugin storing invocations for create at N=50");
  });
});
