/**
 * The target's answers to the suite's direct calls, with what differs from run to run (ids, keys,
 * request ids, hosts, timestamps) replaced by placeholders, so an answer recorded against the real
 * cloud can be compared with the emulator's to the same call (test/snapshots/, compared by
 * test/acceptance/snapshots.test.ts). Records seeded from the documentation's examples say so.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { WireQuery } from "../../provider/cloud/ecs-transport";
import type { CloudView, Wire } from "./cloud-view";
import type { AcceptanceTarget } from "./target";

export const SNAPSHOT_DIR = join(__dirname, "..", "snapshots");

export interface Answer {
  status: number;
  body: unknown;
}

export interface RecordedAnswer {
  /** `live: <endpoint kind>, <date>`, or `seeded: <where in the documentation>`. */
  source: string;
  call: { action: string; query: Record<string, unknown> };
  answer: Answer;
  /** Paths whose difference is known and explained (documentation examples disagreeing among themselves). */
  knownDifferences?: Record<string, string>;
}

const ID_PATTERNS: [RegExp, string][] = [
  [/\bt-[a-z0-9*]{6,}/g, "<InvokeId>"],
  [/\bc-[a-z0-9*]{6,}/g, "<CommandId>"],
  [/\bi-[a-z0-9*]{6,}/g, "<InstanceId>"],
  [/\brg-[a-z0-9*]{6,}/g, "<ResourceGroupId>"],
  [/\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?(\.\d+)?Z\b/g, "<Time>"],
];
const BY_KEY: Record<string, string> = { RequestId: "<RequestId>", HostId: "<HostId>", Recommend: "<Recommend>", NextToken: "<NextToken>" };

/** `value` with run-specific values replaced by placeholders (`extra`: this run's own strings, e.g. its id). */
export function placeholders(value: unknown, extra: Record<string, string> = {}, key = ""): unknown {
  if (typeof value === "string") {
    if (BY_KEY[key] && value !== "") return BY_KEY[key];
    let text = value.replace(/server string to sign is:[\s\S]*$/, "server string to sign is:<StringToSign>");
    for (const [literal, name] of Object.entries(extra)) if (literal) text = text.split(literal).join(name);
    for (const [pattern, name] of ID_PATTERNS) text = text.replace(pattern, name);
    return text;
  }
  if (Array.isArray(value)) return value.map((item) => placeholders(item, extra));
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, placeholders(v, extra, k)]));
  }
  return value;
}

/** The strings of one run that stand for placeholders in its records: its id, region and key id. */
export function runPlaceholders(target: AcceptanceTarget): Record<string, string> {
  return {
    [target.runId]: "<RunId>",
    [target.connection.region]: "<RegionId>",
    ...(target.connection.accessKeyId ? { [target.connection.accessKeyId]: "<AccessKeyId>" } : {}),
  };
}

export class Recorder {
  /** Answers by record name, placeholders applied, in the order the calls were made. */
  readonly answers = new Map<string, RecordedAnswer>();

  constructor(
    private readonly source: string,
    private readonly extra: () => Record<string, string>,
    /** Where to write records (`--record`), or nothing: kept in memory only. */
    private readonly writeTo?: string,
  ) {}

  /**
   * Makes the call through `view` and keeps its answer (or its error's status and body) under
   * `name`. Errors are returned, not thrown: the flows assert on them.
   */
  async call(view: CloudView, name: string, action: string, query: WireQuery): Promise<Answer> {
    let answer: Answer;
    try {
      answer = { status: 200, body: await view.call(action, query) };
    } catch (error) {
      const e = error as { statusCode?: number; data?: Wire; code?: string; message?: string };
      if (e.statusCode === undefined) throw error;
      answer = { status: e.statusCode, body: e.data ?? { Code: e.code, Message: e.message } };
    }
    const extra = this.extra();
    const record: RecordedAnswer = {
      source: this.source,
      call: { action, query: placeholders({ RegionId: view.region, ...query }, extra) as Record<string, unknown> },
      answer: placeholders(answer, extra) as Answer,
    };
    this.answers.set(name, record);
    if (this.writeTo) {
      mkdirSync(this.writeTo, { recursive: true });
      writeFileSync(join(this.writeTo, `${name}.json`), `${JSON.stringify(record, null, 2)}\n`);
    }
    return answer;
  }
}

/** The records in test/snapshots/, by name. */
export function recordedAnswers(dir = SNAPSHOT_DIR): Map<string, RecordedAnswer> {
  const out = new Map<string, RecordedAnswer>();
  if (!existsSync(dir)) return out;
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort()) {
    out.set(file.slice(0, -5), JSON.parse(readFileSync(join(dir, file), "utf8")) as RecordedAnswer);
  }
  return out;
}
