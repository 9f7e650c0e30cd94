import { engineLogsDelivered, engineWarning, useLogClient, withLogsDelivered } from "../../provider/lifecycle/engine-progress";

/**
 * A step returns only once the warnings it sent have reached the engine: otherwise the engine can
 * end the operation first and the CLI never shows them (a refresh's drift warning went missing).
 */
describe("engine messages are delivered before a step returns", () => {
  it("waits for the engine to acknowledge each message, and no longer", async () => {
    const acknowledge: (() => void)[] = [];
    useLogClient({ log: (_request, callback) => void acknowledge.push(callback) });
    const order: string[] = [];
    const step = withLogsDelivered(async () => {
      engineWarning("drifted", "urn:pulumi:s::p::t::n");
      order.push("step done");
      return "result";
    });
    const finished = step().then((value) => order.push(`returned ${value}`));
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
    await expect(engineLogsDelivered(50)).resolves.toBeUndefined();
    const failing = withLogsDelivered(async () => {
      throw new Error("cloud refused");
    });
    await expect(failing()).rejects.toThrow("cloud refused");
  });
});
