/**
 * docs/cloud-assumptions.md stays tied to the code: every row says where it comes from and what the
 * emulator does, names a flow that checks it (and that flow asserts under the row's id) or says
 * why it cannot be checked live and which emulator test pins the emulator's side; every assertion
 * that names a row names an existing one; the emulator's LIMITATIONS comments and the fidelity
 * table link to the page.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { assume, assumptionRows, flowsNamedBy } from "./assumptions";
import { FLOWS } from "./suite";

const ROOT = join(__dirname, "..", "..");
const FLOW_SOURCES = ["flows-cli.ts", "flows-direct.ts"].map((f) => readFileSync(join(__dirname, f), "utf8")).join("\n");

/** The source of the flow with this title, from its `title:` line to the next flow's. */
function flowSource(title: string): string {
  const start = FLOW_SOURCES.indexOf(`title: ${JSON.stringify(title)}`);
  if (start < 0) return "";
  const next = FLOW_SOURCES.indexOf("\n  title: ", start + 1);
  return FLOW_SOURCES.slice(start, next < 0 ? undefined : next);
}

describe("docs/cloud-assumptions.md", () => {
  const rows = assumptionRows();

  it("has numbered rows, each with its behaviour, source, emulator behaviour and check", () => {
    expect(rows.map((r) => r.row)).toEqual(rows.map((_, i) => `A${i + 1}`));
    expect(rows.length).toBeGreaterThanOrEqual(15);
    for (const row of rows) {
      expect([row.row, row.behaviour.length > 20, row.source.length > 0, row.emulator.length > 0, row.checkedBy.length > 0]).toEqual([
        row.row,
        true,
        true,
        true,
        true,
      ]);
    }
  });

  it("names, for every row, a flow that asserts under its id, or why it is not checked live and the emulator test", () => {
    const titles = FLOWS.map((f) => f.title);
    for (const row of rows) {
      const flows = flowsNamedBy(row);
      if (flows.length === 0) {
        expect([row.row, /^not checked live: .+/.test(row.checkedBy)]).toEqual([row.row, true]);
        const tests = [...row.checkedBy.matchAll(/`(test\/[^`]+)`/g)].map((m) => m[1]!);
        expect([row.row, tests.length > 0 && tests.every((path) => existsSync(join(ROOT, path)))]).toEqual([row.row, true]);
        continue;
      }
      for (const title of flows) {
        expect([row.row, title, titles.includes(title)]).toEqual([row.row, title, true]);
        expect([row.row, title, flowSource(title).includes(`assume("${row.row}"`)]).toEqual([row.row, title, true]);
      }
    }
  });

  it("has a row for every id an assertion names", () => {
    const named = [...FLOW_SOURCES.matchAll(/assume\("(A\d+)"/g)].map((m) => m[1]!);
    const known = new Set(rows.map((r) => r.row));
    expect(named.filter((id) => !known.has(id))).toEqual([]);
  });

  it("is linked from every LIMITATIONS comment of the emulator's handlers, and from the fidelity section", () => {
    const dir = join(ROOT, "emulator", "handlers");
    for (const file of readdirSync(dir).filter((f) => f.endsWith(".ts"))) {
      const source = readFileSync(join(dir, file), "utf8");
      if (!source.includes("LIMITATIONS:")) continue;
      const comment = /^\/\/ LIMITATIONS:[\s\S]*?\n(?!\/\/)/.exec(source)?.[0] ?? "";
      expect([file, comment.includes("docs/cloud-assumptions.md")]).toEqual([file, true]);
    }
    const emulatorDoc = readFileSync(join(ROOT, "docs", "emulator.md"), "utf8");
    expect(emulatorDoc.slice(emulatorDoc.indexOf("<!-- fidelity:start"))).toContain("cloud-assumptions.md");
  });

  it("a failed check names the row, what it says and what the emulator does", async () => {
    const failure = assume("cloud", "A11", () => {
      throw new Error("answered 404 InvalidInvokeId.NotFound");
    });
    await expect(failure).rejects.toThrow(/^The cloud disagrees with docs\/cloud-assumptions\.md row A11: DescribeInvocations for an InvokeId/);
    await expect(failure).rejects.toThrow("emulator: empty list");
    await expect(failure).rejects.toThrow("observed: answered 404 InvalidInvokeId.NotFound");
  });
});
