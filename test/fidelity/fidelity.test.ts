import { readFileSync } from "node:fs";
import { ecsActions } from "../../emulator/handlers";
import { DOC, END, type FidelityRow, fidelityRows, renderFidelity, START } from "./table";
import { CLOUD_ASSISTANT_ACTIONS, MIN_RESPONSE_FIELD_SHARE } from "./unanswered-codes";

jest.setTimeout(60_000);

describe("the emulator's fidelity table", () => {
  it("is current in docs/emulator.md (run `npm run fidelity` after changing the emulator)", async () => {
    const rows = await fidelityRows();
    const doc = readFileSync(DOC, "utf8");
    const current = doc.slice(doc.indexOf(START), doc.indexOf(END) + END.length);
    expect(current).toBe(renderFidelity(rows));
  });

  it("measures every ECS action the emulator serves against the SDK's models", async () => {
    const rows = await fidelityRows();
    expect(rows.map((r) => r.action).sort()).toEqual([...ecsActions].sort());
    for (const row of rows) expect([row.action, row.parameters[1] > 0, row.fields[1] > 0]).toEqual([row.action, true, true]);
  });

  it("covers the Cloud Assistant actions: every documented code answered or impossible locally (with why), ≥ 95 % of response fields", async () => {
    const rows = await fidelityRows();
    const byAction = new Map<string, FidelityRow>(rows.map((r) => [r.action, r]));
    for (const action of CLOUD_ASSISTANT_ACTIONS) {
      const row = byAction.get(action)!;
      expect({ action, missing: row.missing, answeredYetExplained: row.answeredYetExplained }).toEqual({ action, missing: [], answeredYetExplained: [] });
      expect({ action, share: row.fields[0] / row.fields[1] >= MIN_RESPONSE_FIELD_SHARE }).toEqual({ action, share: true });
    }
  });
});
