/**
 * The plugin's answers to Check, Create, Read and Update encoded straight from plain values into
 * protobuf bytes, the counterpart of step-requests: google-protobuf built a message object for
 * every value of every property (Struct.fromJavaScript), then serialized them. The bytes are
 * those google-protobuf writes (map keys sorted, fields in number order); the field numbers are
 * pulumi's provider.proto, and test/provider/step-answers.test.ts compares every answer byte for
 * byte with the messages of the @pulumi/pulumi in use.
 */
import type { Properties } from "./property-values";

export interface CheckAnswer {
  inputs: Properties;
  failures: { property: string; reason: string }[];
}
export interface CreateAnswer {
  id: string;
  properties: Properties;
}
export interface ReadAnswer {
  id: string;
  properties?: Properties;
  inputs?: Properties;
}
export interface UpdateAnswer {
  properties: Properties;
}

export const encodeCheckAnswer = (answer: CheckAnswer): Buffer => {
  const sizes = new Sizes();
  const failures = answer.failures.map((f) => [f.property, f.reason, Buffer.byteLength(f.property), Buffer.byteLength(f.reason)] as const);
  const failureSize = (f: (typeof failures)[number]) => stringField(f[2]) + stringField(f[3]);
  const inputs = sizes.measureStruct(answer.inputs);
  const w = new WireWriter(lengthDelimited(inputs) + failures.reduce((sum, f) => sum + lengthDelimited(failureSize(f)), 0), sizes);
  w.struct(1, answer.inputs);
  for (const f of failures) {
    w.header(2, failureSize(f));
    w.string(1, f[0], f[2]);
    w.string(2, f[1], f[3]);
  }
  return w.finish();
};

export const encodeCreateAnswer = (answer: CreateAnswer): Buffer => {
  const sizes = new Sizes();
  const id = Buffer.byteLength(answer.id);
  const w = new WireWriter(stringField(id) + lengthDelimited(sizes.measureStruct(answer.properties)), sizes);
  w.string(1, answer.id, id);
  w.struct(2, answer.properties);
  return w.finish();
};

export const encodeReadAnswer = (answer: ReadAnswer): Buffer => {
  const sizes = new Sizes();
  const id = Buffer.byteLength(answer.id);
  const { properties, inputs } = answer;
  const size =
    stringField(id) + (properties ? lengthDelimited(sizes.measureStruct(properties)) : 0) + (inputs ? lengthDelimited(sizes.measureStruct(inputs)) : 0);
  const w = new WireWriter(size, sizes);
  w.string(1, answer.id, id);
  if (properties) w.struct(2, properties);
  if (inputs) w.struct(3, inputs);
  return w.finish();
};

export const encodeUpdateAnswer = (answer: UpdateAnswer): Buffer => {
  const sizes = new Sizes();
  const w = new WireWriter(lengthDelimited(sizes.measureStruct(answer.properties)), sizes);
  w.struct(1, answer.properties);
  return w.finish();
};

/** Field numbers 1–15 take one byte of tag: every field here. */
const lengthDelimited = (size: number): number => 1 + varintLength(size) + size;
/** A string field, empty or not: proto3 leaves an empty one out. */
const stringField = (bytes: number): number => (bytes === 0 ? 0 : lengthDelimited(bytes));

function varintLength(value: number): number {
  let length = 1;
  for (let rest = value; rest >= 128; rest = Math.floor(rest / 128)) length += 1;
  return length;
}

/**
 * The encoded size of every map and list, measured once before anything is written (a nested
 * message's length comes before it), with each map's keys in the order written: sorted, as
 * google-protobuf writes a map.
 */
class Sizes {
  private readonly sizes = new Map<object, number>();
  private readonly keys = new Map<object, string[]>();

  keysOf(values: Properties): string[] {
    let keys = this.keys.get(values);
    if (!keys) {
      keys = Object.keys(values)
        .filter((key) => values[key] !== undefined)
        .sort();
      this.keys.set(values, keys);
    }
    return keys;
  }

  /** google.protobuf.Struct: an entry (1) of key (1) and Value (2) for each property. */
  measureStruct(values: Properties): number {
    let size = 0;
    // A map entry's key is written even when empty (google-protobuf does).
    for (const key of this.keysOf(values)) size += lengthDelimited(lengthDelimited(Buffer.byteLength(key)) + lengthDelimited(this.measureValue(values[key])));
    this.sizes.set(values, size);
    return size;
  }

  /** google.protobuf.Value: null (1), number (2), string (3), bool (4), Struct (5), ListValue (6). */
  private measureValue(value: unknown): number {
    if (Array.isArray(value)) {
      let size = 0;
      for (const item of value) size += lengthDelimited(this.measureValue(item));
      this.sizes.set(value, size);
      return lengthDelimited(size);
    }
    if (value !== null && typeof value === "object") return lengthDelimited(this.measureStruct(value as Properties));
    return this.valueSize(value);
  }

  /** A Value's size, its maps and lists measured already. */
  valueSize(value: unknown): number {
    if (value === null || typeof value === "boolean") return 2;
    if (typeof value === "number") return 9;
    if (typeof value === "string") return lengthDelimited(Buffer.byteLength(value));
    if (typeof value === "object") return lengthDelimited(this.of(value));
    // As google-protobuf's fromJavaScript.
    throw new Error("Unexpected struct type.");
  }

  /** The measured size of a map's or a list's contents. */
  of(container: object): number {
    return this.sizes.get(container)!;
  }
}

/** Protobuf's wire format into one buffer of the size measured. */
class WireWriter {
  private readonly bytes: Buffer;
  private pos = 0;

  constructor(
    size: number,
    private readonly sizes: Sizes,
  ) {
    this.bytes = Buffer.allocUnsafe(size);
  }

  finish(): Buffer {
    if (this.pos !== this.bytes.length) throw new Error(`encoded ${this.pos} bytes of ${this.bytes.length} measured`);
    return this.bytes;
  }

  private varint(value: number): void {
    let rest = value;
    while (rest >= 128) {
      this.bytes[this.pos++] = (rest % 128) | 0x80;
      rest = Math.floor(rest / 128);
    }
    this.bytes[this.pos++] = rest;
  }

  /** A length-delimited field's tag and length. */
  header(field: number, size: number): void {
    this.bytes[this.pos++] = field * 8 + 2;
    this.varint(size);
  }

  string(field: number, value: string, bytes: number): void {
    if (bytes === 0) return;
    this.header(field, bytes);
    this.pos += this.bytes.write(value, this.pos, "utf8");
  }

  struct(field: number, values: Properties): void {
    this.header(field, this.sizes.of(values));
    this.entries(values);
  }

  private entries(values: Properties): void {
    for (const key of this.sizes.keysOf(values)) {
      const value = values[key];
      const keyBytes = Buffer.byteLength(key);
      const valueSize = this.sizes.valueSize(value);
      this.header(1, lengthDelimited(keyBytes) + lengthDelimited(valueSize));
      this.header(1, keyBytes);
      this.pos += this.bytes.write(key, this.pos, "utf8");
      this.header(2, valueSize);
      this.protoValue(value);
    }
  }

  private protoValue(value: unknown): void {
    if (value === null) {
      this.bytes[this.pos++] = 1 * 8;
      this.bytes[this.pos++] = 0;
    } else if (typeof value === "boolean") {
      this.bytes[this.pos++] = 4 * 8;
      this.bytes[this.pos++] = value ? 1 : 0;
    } else if (typeof value === "number") {
      this.bytes[this.pos++] = 2 * 8 + 1;
      this.pos = this.bytes.writeDoubleLE(value, this.pos);
    } else if (typeof value === "string") {
      const bytes = Buffer.byteLength(value);
      this.header(3, bytes);
      this.pos += this.bytes.write(value, this.pos, "utf8");
    } else if (Array.isArray(value)) {
      this.header(6, this.sizes.of(value));
      for (const item of value) {
        this.header(1, this.sizes.valueSize(item));
        this.protoValue(item);
      }
    } else {
      this.struct(5, value as Properties);
    }
  }
}
