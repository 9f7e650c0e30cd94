/**
 * The rows of docs/cloud-assumptions.md, and the check that ties a flow's assertion to one: when
 * the target disagrees, the failure names the row, so the emulator (and the row) can follow the cloud.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";

export const ASSUMPTIONS_DOC = join(__dirname, "..", "..", "docs", "cloud-assumptions.md");

export interface AssumptionRow {
  row: string;
  behaviour: string;
  source: string;
  emulator: string;
  checkedBy: string;
}

export function assumptionRows(doc = readFileSync(ASSUMPTIONS_DOC, "utf8")): AssumptionRow[] {
  const table = doc.slice(doc.indexOf("<!-- assumptions:start -->"), doc.indexOf("<!-- assumptions:end -->"));
  return table
    .split("\n")
    .filter((line) => /^\| A\d+ \|/.test(line))
    .map((line) => {
      const [row, behaviour, source, emulator, checkedBy] = line
        .slice(1, -1)
        .split(" | ")
        .map((cell) => cell.trim());
      return { row: row!, behaviour: behaviour!, source: source!, emulator: emulator!, checkedBy: checkedBy! };
    });
}

/** The flow titles a row names in its "Checked by" cell ("…" quoted), none when not checked live. */
export function flowsNamedBy(row: AssumptionRow): string[] {
  return [...row.checkedBy.matchAll(/"([^"]+)"/g)].map((m) => m[1]!);
}

/**
 * Runs `check`; a failure is rethrown saying which row of docs/cloud-assumptions.md the target
 * (`against`: the cloud or the emulator) disagrees with, and what that row says.
 */
export async function assume(against: string, row: string, check: () => void | Promise<void>): Promise<void> {
  try {
    await check();
  } catch (error) {
    const found = assumptionRows().find((r) => r.row === row);
    if (!found) throw new Error(`no row ${row} in docs/cloud-assumptions.md`);
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(
      `The ${against} disagrees with docs/cloud-assumptions.md row ${row}: ${found.behaviour.slice(0, 160)}\n` +
        `  emulator: ${found.emulator}\n  observed: ${message}`,
    );
  }
}
