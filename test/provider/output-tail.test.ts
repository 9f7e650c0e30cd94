import { type InstanceOutput, keepOutputTail } from "../../provider/lifecycle/invocation-state";

const instance = (output: string, outputOmitted?: number): InstanceOutput => ({
  instanceId: "i-1",
  status: "Success",
  exitCode: 0,
  errorCode: "",
  errorInfo: "",
  output,
  dropped: 0,
  repeats: 1,
  startTime: "",
  finishTime: "",
  ...(outputOmitted === undefined ? {} : { outputOmitted }),
});

describe("outputTailBytes", () => {
  it("keeps the last bytes, counting what it left out, and leaves short output alone", () => {
    expect(keepOutputTail([instance("abcdef")], 4)).toEqual([instance("cdef", 2)]);
    expect(keepOutputTail([instance("abc")], 4)).toEqual([instance("abc")]);
    expect(keepOutputTail([instance("abc")], 0)).toEqual([instance("", 3)]);
    expect(keepOutputTail([instance("abc")], undefined)).toEqual([instance("abc")]);
  });

  it("never cuts inside a character: the tail starts on the next whole one", () => {
    // "é" is 2 bytes and "😀" 4 in UTF-8: 3 bytes from the end would split the emoji.
    expect(keepOutputTail([instance("é😀")], 3)).toEqual([instance("", 6)]);
    expect(keepOutputTail([instance("é😀")], 4)).toEqual([instance("😀", 2)]);
    expect(keepOutputTail([instance("aé")], 2)).toEqual([instance("é", 1)]);
  });

  it("cuts output already cut further, adding to what was left out", () => {
    expect(keepOutputTail([instance("cdef", 2)], 2)).toEqual([instance("ef", 4)]);
  });
});
