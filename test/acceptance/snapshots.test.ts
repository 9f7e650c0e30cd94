/**
 * The emulator's answers to the calls of the "API answers" flow, compared field by field with the
 * records in test/snapshots/ (seeded from the documentation's examples, or recorded live with
 * `npm run test:live -- --record`). Re-seed with test/acceptance/seed-snapshots.ts.
 */

import { emulatorForFile } from "../support/emulator";
import { answerDifferences, shapeOf } from "./answer-shape";
import { CloudView } from "./cloud-view";
import { flowContext } from "./flow-context";
import { API_ANSWERS_FLOW } from "./flows-direct";
import { type RecordedAnswer, Recorder, recordedAnswers, runPlaceholders } from "./recorder";
import { emulatorTarget, newRunId } from "./target";

jest.setTimeout(60_000);

const emu = emulatorForFile();
const records = recordedAnswers();
let answers: Map<string, RecordedAnswer>;

beforeAll(async () => {
  const target = emulatorTarget(emu, newRunId());
  const recorder = new Recorder("emulator", () => runPlaceholders(target));
  const { ctx } = flowContext(target, new CloudView(target), recorder, () => {});
  await API_ANSWERS_FLOW.run(ctx);
  answers = recorder.answers;
});

describe("recorded answers (test/snapshots/)", () => {
  it("are there, each marked seeded or live, each for a call the suite still makes", () => {
    expect(records.size).toBeGreaterThanOrEqual(10);
    for (const [name, record] of records) {
      expect([name, /^(seeded: api-reference\.md .+|live: .+)$/.test(record.source)]).toEqual([name, true]);
      expect([name, answers.has(name)]).toEqual([name, true]);
    }
  });

  it.each([...records.keys()])("the emulator answers %s as recorded (shape, types, codes, messages)", (name) => {
    expect(answerDifferences(records.get(name)!, answers.get(name)!)).toEqual([]);
  });

  it("the comparison catches a changed type, a missing field, another code or message, and invented fields in live records", () => {
    const record: RecordedAnswer = {
      source: "live: test",
      call: { action: "StopInvocation", query: { RegionId: "<RegionId>", InvokeId: "<InvokeId>" } },
      answer: {
        status: 404,
        body: { RequestId: "<RequestId>", Code: "InvalidInvokeId.NotFound", Message: "The specified invoke ID does not exist.", Extra: { N: 1 } },
      },
    };
    const other: RecordedAnswer = {
      ...record,
      answer: { status: 400, body: { RequestId: 7, Code: "Other", Message: "Other words.", Invented: true } },
    };
    expect(answerDifferences(record, other)).toEqual([
      "HTTP status: 400, recorded 404",
      'Code: "Other", recorded "InvalidInvokeId.NotFound"',
      'Message: "Other words.", recorded "The specified invoke ID does not exist."',
      "RequestId: number, recorded string",
      "Extra.N: missing (recorded as number)",
      "Invented: not in the cloud's answer (answered as boolean)",
    ]);
    expect([...shapeOf({ A: { B: [{ C: 1 }, { D: "x" }] }, E: [] }).keys()]).toEqual(["A.B[].C", "A.B[].D", "E"]);
  });
});
