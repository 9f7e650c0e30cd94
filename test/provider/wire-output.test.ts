import { decodeOutput } from "../../provider/cloud/wire-views";
import { engineValue } from "../../provider/lifecycle/engine-values";

const b64 = (bytes: number[] | string): string => Buffer.from(typeof bytes === "string" ? Buffer.from(bytes, "utf8") : Buffer.from(bytes)).toString("base64");

describe("decoding a command's output", () => {
  it("keeps whole text as it is", () => {
    expect(decodeOutput(b64("héllo 部署 😀\n"))).toEqual({ output: "héllo 部署 😀\n", partialBytes: 0 });
  });

  it.each([
    ["the first byte of a 2-byte character", [0x61, 0xc3], "a", 1],
    ["two bytes of a 3-byte character", [0x61, 0xe9, 0x83], "a", 2],
    ["three bytes of a 4-byte character", [0x61, 0xf0, 0x9f, 0x98], "a", 3],
  ])("leaves out %s cut at the end, counting it", (_what, bytes, output, partial) => {
    expect(decodeOutput(b64(bytes as number[]))).toEqual({ output, partialBytes: partial });
  });

  it("leaves out the tail of a character cut at the start", () => {
    expect(decodeOutput(b64([0x83, 0xa8, 0x61]))).toEqual({ output: "a", partialBytes: 2 });
  });

  it("never shows a replacement character for a cut, and reads nothing from nothing", () => {
    const cut = Buffer.from(`${"x".repeat(10)}é`, "utf8").subarray(0, 11);
    expect(decodeOutput(cut.toString("base64")).output).not.toContain("\uFFFD");
    expect(decodeOutput(undefined)).toEqual({ output: "", partialBytes: 0 });
  });
});

describe("values handed to the engine", () => {
  it("leave out undefined properties at any depth and keep list positions", () => {
    expect(engineValue({ a: undefined, b: { c: undefined, d: 1 }, e: [undefined, { f: undefined }] })).toEqual({ b: { d: 1 }, e: [null, {}] });
    expect(Object.keys(engineValue({ a: undefined, b: 2 }))).toEqual(["b"]);
  });
});
