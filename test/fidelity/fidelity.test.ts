import { readFileSync } from "node:fs";
import { handlers } from "../../emulator/handlers";
import { DOC, END, fidelityRows, renderFidelity, START } from "./table";

jest.setTimeout(60_000);

describe("the emulator's fidelity table", () => {
  it("is current in docs/emulator.md (run `npm run fidelity` after changing the emulator)", async () => {
    const rows = await fidelityRows();
    const doc = readFileSync(DOC, "utf8");
    const current = doc.slice(doc.indexOf(START), doc.indexOf(END) + END.length);
    expect(current).toBe(renderFidelity(rows));
  });

  it("measures every action the emulator serves against the SDK's models", async () => {
    const rows = await fidelityRows();
    expect(rows.map((r) => r.action).sort()).toEqual(Object.keys(handlers).sort());
    for (const row of rows) expect([row.action, row.parameters[1] > 0, row.fields[1] > 0]).toEqual([row.action, true, true]);
  });
});
