import { keptRows, renderReport } from "./report";
import type { Tally } from "./tally";

const tally = (fault: string): Tally => ({
  fault,
  cycles: 5,
  intended: 5,
  runs: 5,
  duplicates: 0,
  concurrent: 0,
  lost: 0,
  secretsShown: 0,
  result: "5 succeeded",
  errors: [],
});

describe("the soak page", () => {
  it("a partial soak renews its own rows and keeps the others, marked with the soak they come from", () => {
    const page = renderReport([tally("fault A"), tally("fault B")], new Date("2026-01-02T00:00:00Z"));
    const kept = keptRows(page, [tally("fault B"), tally("fault C")]);
    expect(kept).toEqual(["| fault A | 5 | 5 | 5 | 1.00 | 0 | 0 | 0 | 0 | 5 succeeded (soak of 2026-01-02) |"]);
    const next = renderReport([tally("fault B"), tally("fault C")], new Date("2026-02-03T00:00:00Z"), kept);
    expect(next.match(/^\| fault [ABC] .*$/gm)).toEqual([
      "| fault A | 5 | 5 | 5 | 1.00 | 0 | 0 | 0 | 0 | 5 succeeded (soak of 2026-01-02) |",
      "| fault B | 5 | 5 | 5 | 1.00 | 0 | 0 | 0 | 0 | 5 succeeded |",
      "| fault C | 5 | 5 | 5 | 1.00 | 0 | 0 | 0 | 0 | 5 succeeded |",
    ]);
    // Kept once more, a row keeps the soak it comes from.
    expect(keptRows(next, [tally("fault B"), tally("fault C")])).toEqual(kept);
  });
});
