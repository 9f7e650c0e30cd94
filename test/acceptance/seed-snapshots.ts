/**
 * Seeds test/snapshots/ from the documentation's example answers (../shared/reference/api-reference.md),
 * for the calls of the "API answers" flow the documentation shows an answer to. Each record keeps the
 * call the suite makes (run against an emulator to get it) and the documented answer, marked
 * `seeded: …`; a live run (`npm run test:live -- --record`) replaces them with the cloud's own.
 *
 *   node -r ts-node/register/transpile-only test/acceptance/seed-snapshots.ts [reference dir]
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { startEmulator } from "../../emulator";
import { CloudView } from "./cloud-view";
import { flowContext } from "./flow-context";
import { API_ANSWERS_FLOW } from "./flows-direct";
import { placeholders, type RecordedAnswer, Recorder, runPlaceholders, SNAPSHOT_DIR } from "./recorder";
import { emulatorTarget, newRunId } from "./target";

/** The JSON example under "**Success" of a `### <section>` of the reference, parsed. */
function successExample(markdown: string, section: string): unknown {
  const start = markdown.indexOf(`### ${section} `);
  const success = markdown.indexOf("**Success", start);
  const inline = /^\*\*Success\*\*: `(\{.*\})`/.exec(markdown.slice(success).split("\n")[0]!);
  if (inline) return JSON.parse(inline[1]!);
  const open = markdown.indexOf("```json", success);
  return JSON.parse(markdown.slice(open + 7, markdown.indexOf("```", open + 7)));
}

/** An error answer as §1 of the reference shows its body, with a documented code and message. */
function errorAnswer(status: number, code: string, message: string) {
  return { status, body: { RequestId: "<RequestId>", HostId: "<HostId>", Code: code, Message: message, Recommend: "<Recommend>" } };
}

interface Seed {
  where: string;
  answer: () => { status: number; body: unknown };
  knownDifferences?: Record<string, string>;
}

function seeds(markdown: string): Record<string, Seed> {
  const ok = (section: string) => () => ({ status: 200, body: successExample(markdown, section) });
  return {
    CreateCommand: { where: "§3.1 CreateCommand example", answer: ok("3.1") },
    InvokeCommand: { where: "§3.5 InvokeCommand example", answer: ok("3.5") },
    "InvokeCommand.same-client-token": { where: "§3.5 InvokeCommand example (a replayed token answers like the first call)", answer: ok("3.5") },
    DescribeCommands: {
      where: "§3.2 DescribeCommands example [N25] (a public command's)",
      answer: ok("3.2"),
      knownDifferences: {
        "Commands.Command[].ParameterDefinitions": "public commands only (AlibabaCloud's), per the [N25] example; the suite's own command has none",
        "Commands.Command[].Latest": "omitted for user commands (§3.2)",
        "Commands.Command[].Version": "omitted for user commands (§3.2)",
      },
    },
    DescribeInvocations: { where: "§3.7 DescribeInvocations example [D21]", answer: ok("3.7") },
    DescribeInvocationResults: { where: "§3.8 DescribeInvocationResults example [D21]", answer: ok("3.8") },
    DescribeCloudAssistantStatus: {
      where: "§3.10 DescribeCloudAssistantStatus example [N25]",
      answer: ok("3.10"),
      knownDifferences: {
        "InstanceCloudAssistantStatusSet.InstanceCloudAssistantStatus[].CloudAssistantStatus":
          'declared string, "true" in the [D21] example and typed string by the SDKs; the [N25] example\'s bare true is the odd one (§3.10)',
      },
    },
    "StopInvocation.finished": { where: "§3.9 StopInvocation example", answer: ok("3.9") },
    "StopInvocation.unknown-invoke-id": {
      where: "§3.9 error table, body as §1",
      answer: () => errorAnswer(404, "InvalidInvokeId.NotFound", "The specified invoke ID does not exist."),
    },
    "DescribeRegions.wrong-secret": {
      where: "§2b gateway error table, body as §1",
      answer: () => errorAnswer(400, "SignatureDoesNotMatch", "Specified signature is not matched with our calculation."),
    },
    "CreateCommand.control-character-in-name": {
      where: "§3.1 CreateCommand error table (which characters are illegal is not documented: docs/cloud-assumptions.md A20)",
      answer: () => errorAnswer(403, "InvalidParameterCharacter.CommandName", "The command Name contains illegal characters."),
    },
    "TagResources.past-20-tags": {
      where: "§4.1 DescribeInstances error table (TagResources' own code is not documented: docs/cloud-assumptions.md A15)",
      answer: () => errorAnswer(400, "InvalidTagCount", "The specified tags are beyond the permitted range."),
    },
  };
}

export async function seedSnapshots(referenceDir: string, dir = SNAPSHOT_DIR): Promise<string[]> {
  const markdown = readFileSync(join(referenceDir, "api-reference.md"), "utf8");
  const emu = await startEmulator({ deliveryDelayMs: 5, instanceTransitionMs: 10 });
  try {
    const target = emulatorTarget(emu, newRunId());
    const view = new CloudView(target);
    const recorder = new Recorder("emulator", () => runPlaceholders(target));
    const { ctx } = flowContext(target, view, recorder, () => {});
    await API_ANSWERS_FLOW.run(ctx);
    mkdirSync(dir, { recursive: true });
    const written: string[] = [];
    for (const [name, seed] of Object.entries(seeds(markdown))) {
      const made = recorder.answers.get(name);
      if (!made) throw new Error(`the API answers flow makes no call named ${name}`);
      const file = join(dir, `${name}.json`);
      // A live record is never replaced by the documentation's example.
      if (existsSync(file) && (JSON.parse(readFileSync(file, "utf8")) as RecordedAnswer).source.startsWith("live:")) continue;
      const record: RecordedAnswer = {
        source: `seeded: api-reference.md ${seed.where}`,
        call: made.call,
        answer: placeholders(seed.answer()) as RecordedAnswer["answer"],
        ...(seed.knownDifferences ? { knownDifferences: seed.knownDifferences } : {}),
      };
      writeFileSync(file, `${JSON.stringify(record, null, 2)}\n`);
      written.push(name);
    }
    return written;
  } finally {
    await emu.close();
  }
}

if (require.main === module) {
  void seedSnapshots(resolve(process.argv[2] ?? join(__dirname, "../../../shared/reference"))).then((names) =>
    process.stdout.write(`seeded ${names.length} records in ${SNAPSHOT_DIR}: ${names.join(", ")}\n`),
  );
}
