import type * as providerPb from "@pulumi/pulumi/proto/provider_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { encodeCheckAnswer, encodeCreateAnswer, encodeReadAnswer, encodeUpdateAnswer } from "../../provider/plugin/step-answers";
import { EVERY_KIND_OF_VALUE, OTHER_VALUES } from "../support/property-values";

const provider = require("@pulumi/pulumi/proto/provider_pb") as typeof providerPb;

const VALUES = EVERY_KIND_OF_VALUE;
const OTHER = OTHER_VALUES;
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
