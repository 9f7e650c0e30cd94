import { engineLogsDelivered, engineProgress, engineWarning, useLogClient, withLogsDelivered } from "../../provider/lifecycle/engine-progress";

/**
 * A step returns only once the warnings it sent have reached the engine: otherwise the engine can
 * end the operation first and the CLI never shows them (a refresh's drift warning went missing).
 */
describe("engine messages are delivered before a step returns", () => {
  it("waits for the engine to acknowledge each message, and no longer", async () => {
    const acknowledge: (() => void)[] = [];
    useLogClient({ log: (_request, callback) => void acknowledge.push(callback) });
    const order: string[] = [];
    const step = withLogsDelivered(async (_ctx: { urn: string }) => {
      engineWarning("drifted", "urn:pulumi:s::p::t::n");
      order.push("step done");
      return "result";
    });
    const finished = step({ urn: "urn:pulumi:s::p::t::n" }).then((value) => order.push(`returned ${value}`));
    await new Promise((resolve) => setImmediate(resolve));
    expect(order).toEqual(["step done"]);
    for (const ack of acknowledge) ack();
    await finished;
    expect(order).toEqual(["step done", "returned result"]);
  });

  it("gives up waiting after the cap when the engine never answers, and a failing step still fails", async () => {
    useLogClient({ log: () => undefined });
    engineWarning("never acknowledged");
    // Resolves after the cap (here 50 ms) although the message is never acknowledged.
    await expect(engineLogsDelivered(undefined, 50)).resolves.toBeUndefined();
    const failing = withLogsDelivered(async (_ctx: { urn: undefined }) => {
      throw new Error("cloud refused");
    });
    await expect(failing({ urn: undefined })).rejects.toThrow("cloud refused");
  });
});

describe("engine messages arrive in the order they were sent", () => {
  it("sends each message once the engine acknowledged the one before: lines printed 7, 8, 9 are shown 7, 8, 9", async () => {
    const sent: string[] = [];
    const acknowledge: (() => void)[] = [];
    useLogClient({
      log: (request, callback) => {
        sent.push((request as { getMessage(): string }).getMessage());
        acknowledge.push(callback);
      },
    });
    for (const line of ["line 7", "line 8", "line 9"]) engineProgress(`i-a: ${line}`, "urn:pulumi:s::p::t::n");
    await new Promise((resolve) => setImmediate(resolve));
    // The engine handles concurrent calls concurrently: only one is ever in flight.
    expect(sent).toEqual(["i-a: line 7"]);
    while (sent.length < 3) {
      acknowledge[sent.length - 1]!();
      await new Promise((resolve) => setImmediate(resolve));
    }
    acknowledge[2]!();
    await engineLogsDelivered();
    expect(sent).toEqual(["i-a: line 7", "i-a: line 8", "i-a: line 9"]);
  });
});

describe("the resources' messages go side by side", () => {
  it("sends another resource's line while one is unacknowledged, and a step waits only for its own resource's lines", async () => {
    const urnA = "urn:pulumi:s::p::t::a";
    const urnB = "urn:pulumi:s::p::t::b";
    const sent: string[] = [];
    const acknowledge = new Map<string, () => void>();
    useLogClient({
      log: (request, callback) => {
        const message = (request as { getMessage(): string }).getMessage();
        sent.push(message);
        acknowledge.set(message, callback);
      },
    });
    const settle = () => new Promise((resolve) => setImmediate(resolve));
    engineProgress("a: Running", urnA);
    engineProgress("b: Running", urnB);
    await settle();
    expect(sent).toEqual(["a: Running", "b: Running"]);
    let returned = false;
    const stepOfB = withLogsDelivered(async (_ctx: { urn: string }) => {
      engineProgress("b: Success", urnB);
    });
    const done = stepOfB({ urn: urnB }).then(() => {
      returned = true;
    });
    await settle();
    // Still one at a time within a resource: b's second line waits for its first.
    expect(sent).toEqual(["a: Running", "b: Running"]);
    acknowledge.get("b: Running")!();
    await settle();
    expect(sent).toEqual(["a: Running", "b: Running", "b: Success"]);
    expect(returned).toBe(false);
    acknowledge.get("b: Success")!();
    // a's line is still unacknowledged: b's step returns all the same.
    await done;
    expect(returned).toBe(true);
    acknowledge.get("a: Running")!();
    await engineLogsDelivered();
  });
});

describe("a step that sent nothing", () => {
  it("waits for nothing: no timer is armed for it", async () => {
    let progress: typeof import("../../provider/lifecycle/engine-progress") | undefined;
    jest.isolateModules(() => {
      progress = require("../../provider/lifecycle/engine-progress");
    });
    const { engineLogsDelivered: delivered, engineProgress: send, useLogClient: useClient } = progress!;
    useClient({ log: (_request, callback) => callback() });
    send("i-a: Running", "urn:pulumi:s::p::t::n");
    await delivered();
    jest.useFakeTimers();
    try {
      const waiting = delivered();
      expect(jest.getTimerCount()).toBe(0);
      await waiting;
    } finally {
      jest.useRealTimers();
    }
  });
});
