// What a program pays to declare our resources: Pulumi's SDK captures a stack for every promise of
// every registered property, which a TypeScript program maps through source maps frame by frame.
// The mocks only stand in for the engine's monitor: the SDK's registration code is the real one.
import * as pulumi from "@pulumi/pulumi";
import { EcsCommand, EcsFile, EcsInvocation } from "../../provider";

type Declare = new (name: string, args: object, opts?: pulumi.CustomResourceOptions) => pulumi.Resource;
// The generated SDK's sources, loaded as a program loads them (not type-checked with this project's stricter options).
const sdk = require("../../sdk/nodejs") as { EcsInvocation: Declare; EcsCommand: Declare; EcsFile: Declare };

beforeAll(() =>
  pulumi.runtime.setMocks({
    newResource: (args) => ({ id: `${args.name}-id`, state: args.inputs }),
    call: (args) => args.inputs,
  }),
);

const declared: pulumi.Resource[] = [];
// Registration goes on after the constructor returns: let it end within the test.
afterEach(async () => {
  await Promise.all(declared.splice(0).map((resource) => new Promise((resolve) => resource.urn.apply(resolve))));
});

/** How many stack frames the runtime formats while `declare` runs (what source maps would map). */
function framesFormatted(declare: () => pulumi.Resource): number {
  const original = Error.prepareStackTrace;
  let frames = 0;
  Error.prepareStackTrace = (error, callSites) => {
    frames += callSites.length;
    return `${error}`;
  };
  try {
    declared.push(declare());
  } finally {
    Error.prepareStackTrace = original;
  }
  return frames;
}

const invocationArgs = { commandId: "c-x", instanceIds: ["i-linux0000000000001"], timeout: 60 };

/** A plain dynamic resource registering what an EcsInvocation registers: the SDK's own cost. */
class SameShape extends pulumi.dynamic.Resource {
  constructor(name: string, props: Record<string, unknown>) {
    super({ create: async () => ({ id: "x" }) }, name, props, {}, "bench", "SameShape");
  }
}
const sameProps = Object.fromEntries(
  ["commandId", "instanceIds", "timeout", "invokeId", "status", "instances", "creationTime", "commandName", "commandType", "resolvedRegionId"].map((key) => [
    key,
    "v",
  ]),
);

describe("declaring our resources", () => {
  it("formats no stacks for the promises of their properties (a fifth of what the SDK formats for the same shape)", () => {
    const plain = framesFormatted(() => new SameShape("plain", { ...sameProps }));
    const ours = framesFormatted(() => new EcsInvocation("ours", invocationArgs));
    expect(plain).toBeGreaterThan(200);
    expect(ours).toBeLessThan(plain / 5);
    expect(framesFormatted(() => new EcsCommand("command", { name: "c", type: "RunShellScript", commandContent: "echo ok" }))).toBeLessThan(plain / 5);
    expect(framesFormatted(() => new EcsFile("file", { name: "f", content: "x", targetDir: "/tmp", instanceIds: ["i-linux0000000000001"] }))).toBeLessThan(
      plain / 5,
    );
  });

  it("formats none either for the resources of the package's generated Node.js SDK", () => {
    const plain = framesFormatted(() => new SameShape("plain-sdk", { ...sameProps }));
    expect(framesFormatted(() => new sdk.EcsInvocation("sdk", invocationArgs))).toBeLessThan(plain / 5);
    expect(framesFormatted(() => new sdk.EcsCommand("sdk-command", { name: "c", type: "RunShellScript", commandContent: "echo ok" }))).toBeLessThan(plain / 5);
    expect(
      framesFormatted(() => new sdk.EcsFile("sdk-file", { name: "f", content: "x", targetDir: "/tmp", instanceIds: ["i-linux0000000000001"] })),
    ).toBeLessThan(plain / 5);
    let thrown: Error | undefined;
    try {
      new sdk.EcsInvocation("sdk-misdeclared", invocationArgs, { parent: {} } as pulumi.CustomResourceOptions);
    } catch (error) {
      thrown = error as Error;
    }
    expect(thrown?.message).toContain("Resource parent is not a valid Resource");
    expect(thrown?.stack).toContain("registration-stacks.test.ts");
  });

  it("puts the stack trace limit back as it was", () => {
    const before = Error.stackTraceLimit;
    Error.stackTraceLimit = 17;
    try {
      declared.push(new EcsInvocation("limit", invocationArgs));
      expect(Error.stackTraceLimit).toBe(17);
      expect(() => new EcsInvocation("limit-thrown", invocationArgs, { providers: {} } as pulumi.CustomResourceOptions)).toThrow();
      expect(Error.stackTraceLimit).toBe(17);
    } finally {
      Error.stackTraceLimit = before;
    }
  });

  it("keeps every stack when PULUMI_DEBUG_PROMISE_LEAKS asks to name leaked promises", () => {
    process.env["PULUMI_DEBUG_PROMISE_LEAKS"] = "1";
    try {
      const sdk = framesFormatted(() => new SameShape("plain-debug", { ...sameProps }));
      expect(framesFormatted(() => new EcsInvocation("debug", invocationArgs))).toBeGreaterThan(sdk / 2);
    } finally {
      delete process.env["PULUMI_DEBUG_PROMISE_LEAKS"];
    }
  });

  it("gives an error thrown while registering the stack of the program's line that declared the resource", () => {
    let thrown: unknown;
    try {
      new EcsInvocation("misdeclared", invocationArgs, { providers: {} } as pulumi.CustomResourceOptions);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(Error);
    expect((thrown as Error).message).toContain("Do not supply 'providers' option");
    expect((thrown as Error).stack).toContain("registration-stacks.test.ts");
  });
});
