import type * as providerPb from "@pulumi/pulumi/proto/provider_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { decodeStepRequest, STEP_REQUEST_FIELDS, type StepMethod } from "../../provider/plugin/step-requests";
import { EVERY_KIND_OF_VALUE, OTHER_VALUES } from "../support/property-values";

const provider = require("@pulumi/pulumi/proto/provider_pb") as typeof providerPb;

const VALUES = EVERY_KIND_OF_VALUE;
const OTHER = OTHER_VALUES;

/** The google-protobuf message of `method` with every field set (those the plugin reads, and others). */
function fullRequest(method: StepMethod): { serializeBinary(): Uint8Array } & Record<string, unknown> {
  const struct = (values: object) => Struct.fromJavaScript(values as never);
  const urn = "urn:pulumi:dev::proj::alicloud-ecs-invocation:index:EcsInvocation::run-ü";
  switch (method) {
    case "check":
      return new provider.CheckRequest()
        .setUrn(urn)
        .setOlds(struct(OTHER))
        .setNews(struct(VALUES))
        .setRandomseed(new Uint8Array([1, 2, 3]))
        .setName("run")
        .setType("t")
        .setOldOutputs(struct(OTHER)) as never;
    case "diff":
      return new provider.DiffRequest()
        .setId("t-1")
        .setUrn(urn)
        .setOlds(struct(VALUES))
        .setNews(struct(OTHER))
        .setIgnorechangesList(["a", "b"])
        .setOldInputs(struct(OTHER))
        .setName("run")
        .setType("t") as never;
    case "create":
      return new provider.CreateRequest().setUrn(urn).setProperties(struct(VALUES)).setTimeout(90.5).setPreview(true).setName("run").setType("t") as never;
    case "read":
      return new provider.ReadRequest().setId("t-1").setUrn(urn).setProperties(struct(VALUES)).setInputs(struct(OTHER)).setName("run").setTimeout(3) as never;
    case "update":
      return new provider.UpdateRequest()
        .setId("t-1")
        .setUrn(urn)
        .setOlds(struct(VALUES))
        .setNews(struct(OTHER))
        .setTimeout(12)
        .setIgnorechangesList(["x"])
        .setPreview(true)
        .setOldInputs(struct(OTHER))
        .setName("run") as never;
    case "delete":
      return new provider.DeleteRequest()
        .setId("t-1")
        .setUrn(urn)
        .setProperties(struct(VALUES))
        .setTimeout(7)
        .setOldInputs(struct(OTHER))
        .setName("run") as never;
  }
}

/** What the plugin read from google-protobuf's decoding of the same bytes: the getters it called. */
function expected(method: StepMethod, bytes: Uint8Array): Record<string, unknown> {
  const classes = {
    check: provider.CheckRequest,
    diff: provider.DiffRequest,
    create: provider.CreateRequest,
    read: provider.ReadRequest,
    update: provider.UpdateRequest,
    delete: provider.DeleteRequest,
  } as const;
  const message = classes[method].deserializeBinary(bytes) as unknown as Record<string, () => unknown>;
  const out: Record<string, unknown> = { id: "", urn: "", timeout: 0, preview: false };
  for (const [name, kind] of Object.values(STEP_REQUEST_FIELDS[method])) {
    const getter = `get${name[0]!.toUpperCase()}${name.slice(1)}`;
    const value = message[getter]!.call(message);
    out[name] = kind === "struct" ? (value as Struct | undefined)?.toJavaScript() : value;
  }
  return out;
}

describe("the engine's step requests, decoded in one pass", () => {
  const methods = Object.keys(STEP_REQUEST_FIELDS) as StepMethod[];

  it.each(methods)("%s: the same values google-protobuf's decoding gives, the fields the plugin never reads skipped", (method) => {
    const bytes = fullRequest(method).serializeBinary();
    expect(decodeStepRequest(method, bytes)).toEqual(expected(method, bytes));
  });

  it("names each field as the protobuf messages do: every getter exists on its message", () => {
    for (const method of methods) {
      const message = fullRequest(method);
      for (const [name] of Object.values(STEP_REQUEST_FIELDS[method])) {
        expect(typeof message[`get${name[0]!.toUpperCase()}${name.slice(1)}`]).toBe("function");
      }
    }
  });

  it("leaves a property map the engine did not send undefined, and an empty one empty", () => {
    const bytes = new provider.ReadRequest().setId("t-1").setUrn("u").setProperties(Struct.fromJavaScript({})).serializeBinary();
    const request = decodeStepRequest("read", bytes);
    expect(request.properties).toEqual({});
    expect(request.inputs).toBeUndefined();
  });

  it("refuses truncated bytes instead of reading past them", () => {
    const bytes = fullRequest("create").serializeBinary();
    for (const cut of [1, 2, Math.floor(bytes.length / 2)])
      expect(() => decodeStepRequest("create", bytes.subarray(0, bytes.length - cut))).toThrow(/truncated/);
  });
});
