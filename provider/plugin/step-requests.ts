/**
 * The engine's step requests (Check, Diff, Create, Read, Update, Delete) decoded straight from
 * their protobuf bytes into plain values. google-protobuf builds a message object for every value
 * of every property map, then `toJavaScript` walks them again: for a refresh of 50 invocations that
 * was the plugin's largest cost (about 50 ms of 240, docs/performance.md). Here each map becomes
 * plain values in one pass, and the fields a step never reads are skipped unread. The field numbers
 * are those of pulumi's provider.proto; test/provider/step-requests.test.ts checks every one against
 * the messages of the @pulumi/pulumi in use.
 */
import type { Properties } from "./property-values";

/** What a step request carries that the plugin reads; a property map absent on the wire is undefined. */
export interface StepRequest {
  id: string;
  urn: string;
  /** Seconds the engine allows the step (customTimeouts); 0 when it set none. */
  timeout: number;
  preview: boolean;
  olds?: Properties;
  news?: Properties;
  properties?: Properties;
  inputs?: Properties;
}

type Field = readonly [name: keyof StepRequest, kind: "string" | "double" | "bool" | "struct"];

/** Field number → what it is, for each step (provider.proto). */
export const STEP_REQUEST_FIELDS: Readonly<Record<StepMethod, Readonly<Record<number, Field>>>> = {
  check: { 1: ["urn", "string"], 2: ["olds", "struct"], 3: ["news", "struct"] },
  diff: { 1: ["id", "string"], 2: ["urn", "string"], 3: ["olds", "struct"], 4: ["news", "struct"] },
  create: { 1: ["urn", "string"], 2: ["properties", "struct"], 3: ["timeout", "double"], 4: ["preview", "bool"] },
  read: { 1: ["id", "string"], 2: ["urn", "string"], 3: ["properties", "struct"], 4: ["inputs", "struct"] },
  update: { 1: ["id", "string"], 2: ["urn", "string"], 3: ["olds", "struct"], 4: ["news", "struct"], 5: ["timeout", "double"], 7: ["preview", "bool"] },
  delete: { 1: ["id", "string"], 2: ["urn", "string"], 3: ["properties", "struct"], 4: ["timeout", "double"] },
};

export type StepMethod = "check" | "diff" | "create" | "read" | "update" | "delete";

/** The request of `method` from its bytes. */
export function decodeStepRequest(method: StepMethod, bytes: Uint8Array): StepRequest {
  const fields = STEP_REQUEST_FIELDS[method];
  const reader = new WireReader(bytes);
  const request: StepRequest = { id: "", urn: "", timeout: 0, preview: false };
  while (!reader.done()) {
    const tag = reader.varint();
    const field = fields[tag >>> 3];
    if (!field) {
      reader.skip(tag & 7);
      continue;
    }
    const [name, kind] = field;
    const target = request as unknown as Record<string, unknown>;
    if (kind === "string") target[name] = reader.string();
    else if (kind === "double") target[name] = reader.double();
    else if (kind === "bool") target[name] = reader.varint() !== 0;
    else target[name] = struct(reader.sub());
  }
  return request;
}

/** google.protobuf.Struct: repeated entries (1) of key (1) and Value (2); a later key wins, as a map's does. */
function struct(reader: WireReader): Properties {
  const out: Properties = {};
  while (!reader.done()) {
    const tag = reader.varint();
    if (tag >>> 3 !== 1) {
      reader.skip(tag & 7);
      continue;
    }
    const entry = reader.sub();
    let key = "";
    let value: unknown = null;
    while (!entry.done()) {
      const inner = entry.varint();
      if (inner >>> 3 === 1) key = entry.string();
      else if (inner >>> 3 === 2) value = protoValue(entry.sub());
      else entry.skip(inner & 7);
    }
    out[key] = value;
  }
  return out;
}

/** google.protobuf.Value: null (1), number (2), string (3), bool (4), Struct (5), ListValue (6). */
function protoValue(reader: WireReader): unknown {
  let value: unknown;
  let set = false;
  while (!reader.done()) {
    const tag = reader.varint();
    set = true;
    switch (tag >>> 3) {
      case 1:
        reader.varint();
        value = null;
        break;
      case 2:
        value = reader.double();
        break;
      case 3:
        value = reader.string();
        break;
      case 4:
        value = reader.varint() !== 0;
        break;
      case 5:
        value = struct(reader.sub());
        break;
      case 6:
        value = list(reader.sub());
        break;
      default:
        set = false;
        reader.skip(tag & 7);
    }
  }
  // As google-protobuf's toJavaScript: a Value with no kind is not a value.
  if (!set) throw new Error("Unexpected struct type");
  return value;
}

/** google.protobuf.ListValue: repeated Value (1). */
function list(reader: WireReader): unknown[] {
  const out: unknown[] = [];
  while (!reader.done()) {
    const tag = reader.varint();
    if (tag >>> 3 === 1) out.push(protoValue(reader.sub()));
    else reader.skip(tag & 7);
  }
  return out;
}

/** Protobuf's wire format over a slice of bytes (one DataView shared by the nested readers). */
class WireReader {
  constructor(
    private readonly bytes: Uint8Array,
    private readonly view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength),
    private pos = 0,
    private readonly end = bytes.length,
  ) {}

  done(): boolean {
    return this.pos >= this.end;
  }

  /** Exact up to 2^53: tags, lengths; a bool or an enum only asks whether it is 0. */
  varint(): number {
    let result = 0;
    let factor = 1;
    for (;;) {
      if (this.pos >= this.end) throw new Error("truncated protobuf message");
      const byte = this.bytes[this.pos++]!;
      result += (byte & 0x7f) * factor;
      if (byte < 0x80) return result;
      factor *= 128;
    }
  }

  double(): number {
    const value = this.view.getFloat64(this.pos, true);
    this.pos += 8;
    return value;
  }

  string(): string {
    const length = this.varint();
    const start = this.pos;
    this.pos += length;
    if (this.pos > this.end) throw new Error("truncated protobuf message");
    return Buffer.from(this.bytes.buffer, this.bytes.byteOffset + start, length).toString("utf8");
  }

  /** The length-delimited field here, as a reader of its own. */
  sub(): WireReader {
    const length = this.varint();
    const start = this.pos;
    this.pos += length;
    if (this.pos > this.end) throw new Error("truncated protobuf message");
    return new WireReader(this.bytes, this.view, start, this.pos);
  }

  skip(wireType: number): void {
    if (wireType === 0) this.varint();
    else if (wireType === 1) this.pos += 8;
    else if (wireType === 2) {
      const length = this.varint();
      this.pos += length;
    } else if (wireType === 5) this.pos += 4;
    else throw new Error(`unsupported protobuf wire type ${wireType}`);
    if (this.pos > this.end) throw new Error("truncated protobuf message");
  }
}
