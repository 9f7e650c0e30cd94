import type * as providerPb from "@pulumi/pulumi/proto/provider_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { encodeCheckAnswer, encodeCreateAnswer, encodeReadAnswer, encodeUpdateAnswer } from "../../provider/plugin/step-answers";

const provider = require("@pulumi/pulumi/proto/provider_pb") as typeof providerPb;

/** Every kind of value a property map holds: nested maps and lists, secrets, unknowns, text beyond ASCII. */
const VALUES = {
  commandId: "c-1",
  instanceIds: ["i-b", "i-a"],
  timeout: 60,
  negative: -1.5,
  huge: 2 ** 60,
  tiny: 5e-324,
  zero: 0,
  on: true,
  off: false,
  nothing: null,
  empty: {},
  emptyList: [],
  emptyText: "",
  "": "an empty key",
  text: "héllo — 世界 🚀\n",
  long: "x".repeat(70_000),
  zebra: 1,
  Apple: 2,
  parameters: { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value: { token: "s3cr3t" } },
  unknown: "04da6b54-80e4-46f7-96ec-b56ff0331ba9",
  instances: [{ instanceId: "i-a", exitCode: 0, output: "ok\n", dropped: 0, nested: [[1, "two", null, { three: [true] }]] }],
};
const OTHER = { commandId: "c-2", instanceIds: ["i-c"] };
const struct = (values: object) => Struct.fromJavaScript(values as never);
const same = (ours: Buffer, theirs: Uint8Array) => expect(ours.toString("hex")).toBe(Buffer.from(theirs).toString("hex"));

describe("the plugin's answers, encoded in one pass", () => {
  it("Check: the bytes google-protobuf writes, with and without failures", () => {
    const failures = [
      { property: "timeout", reason: "must be at least 10" },
      { property: "", reason: "é" },
    ];
    same(
      encodeCheckAnswer({ inputs: VALUES, failures }),
      new provider.CheckResponse()
        .setInputs(struct(VALUES))
        .setFailuresList(failures.map((f) => new provider.CheckFailure().setProperty(f.property).setReason(f.reason)))
        .serializeBinary(),
    );
    same(encodeCheckAnswer({ inputs: {}, failures: [] }), new provider.CheckResponse().setInputs(struct({})).serializeBinary());
  });

  it("Create: the bytes google-protobuf writes, a preview's empty id left out as it leaves it out", () => {
    same(encodeCreateAnswer({ id: "t-1", properties: VALUES }), new provider.CreateResponse().setId("t-1").setProperties(struct(VALUES)).serializeBinary());
    same(encodeCreateAnswer({ id: "", properties: OTHER }), new provider.CreateResponse().setId("").setProperties(struct(OTHER)).serializeBinary());
  });

  it("Read: the bytes google-protobuf writes, with inputs, without, and for a resource that is gone", () => {
    same(
      encodeReadAnswer({ id: "t-1", properties: VALUES, inputs: OTHER }),
      new provider.ReadResponse().setId("t-1").setProperties(struct(VALUES)).setInputs(struct(OTHER)).serializeBinary(),
    );
    same(encodeReadAnswer({ id: "t-1", properties: VALUES }), new provider.ReadResponse().setId("t-1").setProperties(struct(VALUES)).serializeBinary());
    same(encodeReadAnswer({ id: "" }), new provider.ReadResponse().setId("").serializeBinary());
  });

  it("Update: the bytes google-protobuf writes", () => {
    same(encodeUpdateAnswer({ properties: VALUES }), new provider.UpdateResponse().setProperties(struct(VALUES)).serializeBinary());
  });

  it("leaves an undefined property out, and refuses a value a Struct cannot hold", () => {
    same(encodeUpdateAnswer({ properties: { a: 1, b: undefined } }), new provider.UpdateResponse().setProperties(struct({ a: 1 })).serializeBinary());
    expect(() => encodeUpdateAnswer({ properties: { f: () => 1 } })).toThrow("Unexpected struct type");
  });
});
