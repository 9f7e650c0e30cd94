import { P1_GROUPS } from "../../bench/engine-overhead";
import { mergedRows } from "../../bench/report";
import { measured, type Row } from "../../bench/stats";

const row = (group: string, name: string, note?: string): Row => ({ group, name, value: measured([1]), unit: "ms", ...(note ? { note } : {}) });

describe("a run of some suites (bench --only)", () => {
  const previous = {
    time: "2026-12-06T10:44:56.562Z",
    rows: [
      row("P4 fleet scale", "200 invocations"),
      row("P1 engine overhead (package), the engine's share of an invocation's state set apart", "create, N=50"),
      row(P1_GROUPS.plugin, "create, N=50"),
      row("Emulator", "calls per second", "from the run of 2026-12-05T17:27:19.908Z"),
    ],
  };
  const rows = mergedRows(previous, [row(P1_GROUPS.dynamic, "create, N=50"), row(P1_GROUPS.plugin, "create, N=50", "fresh")]);

  it("keeps the other suites' rows, naming the run they come from once", () => {
    expect(rows.find((r) => r.group === "P4 fleet scale")?.note).toBe("from the run of 2026-12-06T10:44:56.562Z");
    expect(rows.find((r) => r.group === "Emulator")?.note).toBe("from the run of 2026-12-05T17:27:19.908Z");
  });

  it("replaces the groups it measured and drops those the bench no longer reports", () => {
    expect(rows.filter((r) => r.group === P1_GROUPS.plugin).map((r) => r.note)).toEqual(["fresh"]);
    expect(rows.some((r) => r.group.includes("the engine's share"))).toBe(false);
  });

  it("orders the groups as the report does", () => {
    expect(rows.map((r) => r.group)).toEqual([P1_GROUPS.dynamic, P1_GROUPS.plugin, "P4 fleet scale", "Emulator"]);
  });
});
