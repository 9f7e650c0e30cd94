/**
 * Property maps holding every kind of value the engine and the plugin exchange: nested maps and
 * lists, secrets, unknowns, empty keys and strings, text beyond ASCII, a long string, extreme
 * numbers, keys out of order (test/provider/step-requests and step-answers).
 */
export const EVERY_KIND_OF_VALUE = {
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

/** A second, small map: the other side of a step (olds against news, properties against inputs). */
export const OTHER_VALUES = { commandId: "c-2", instanceIds: ["i-c"] };
