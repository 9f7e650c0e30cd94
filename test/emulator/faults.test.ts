import * as $Ecs from "@alicloud/ecs20140526";
import type { RequestLogEntry, RunningEmulator } from "../../emulator";
import { control, emulator, sdkClient, sdkError } from "../support/emulator";

const REGION = "cn-hangzhou";
let emu: RunningEmulator;
beforeAll(async () => {
  emu = await emulator();
});
afterAll(() => emu.close());
beforeEach(() => control(emu, "PUT", "faults", {}));

const regions = () => sdkClient(emu).describeRegions(new $Ecs.DescribeRegionsRequest({}));

describe("fault injection", () => {
  it("throttles with Throttling.User and an x-acs-retry-after hint", async () => {
    await control(emu, "PUT", "faults", { script: [{ fault: "throttle" }] });
    const error = (await sdkError(regions())) as unknown as { code: string; statusCode: number; retryAfter?: number };
    expect([error.code, error.statusCode, error.retryAfter]).toEqual(["Throttling.User", 400, 1000]);
    expect((await regions()).statusCode).toBe(200);
  });

  it("throttles requests above the configured rate", async () => {
    await control(emu, "PUT", "faults", { throttleRps: 2 });
    // Eight requests at once span at most two one-second windows, so at most four get through.
    const results = await Promise.allSettled(Array.from({ length: 8 }, () => regions()));
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(rejected.length).toBeGreaterThanOrEqual(4);
    expect(new Set(rejected.map((r) => (r.reason as { code: string }).code))).toEqual(new Set(["Throttling.User"]));
  });

  it("answers 500 InternalError and 503 ServiceUnavailable when told to", async () => {
    await control(emu, "PUT", "faults", { script: [{ fault: "internal" }, { fault: "unavailable" }] });
    const internal = await sdkError(regions());
    const unavailable = await sdkError(regions());
    expect([internal.code, internal.statusCode, unavailable.code, unavailable.statusCode]).toEqual(["InternalError", 500, "ServiceUnavailable", 503]);
  });

  it("answers 500 InternalError.Dispatch, the Cloud Assistant pages' code, scripted or at a rate", async () => {
    await control(emu, "PUT", "faults", { script: [{ fault: "dispatch", action: "DescribeRegions" }] });
    const dispatch = await sdkError(regions());
    expect([dispatch.code, dispatch.statusCode, dispatch.message]).toEqual([
      "InternalError.Dispatch",
      500,
      expect.stringContaining("An error occurred when you dispatched the request."),
    ]);
    expect((await regions()).statusCode).toBe(200);
    await control(emu, "PUT", "faults", { dispatchErrorRate: 1 });
    expect((await sdkError(regions())).code).toBe("InternalError.Dispatch");
  });

  it("resets the connection without doing the work", async () => {
    await control(emu, "PUT", "faults", { script: [{ fault: "reset" }] });
    const error = await sdkError(regions());
    expect(error.statusCode).toBeUndefined();
    const log = await control<RequestLogEntry[]>(emu, "GET", "requests?action=DescribeRegions");
    expect(log[log.length - 1]!.code).toBe("ConnectionReset");
  });

  it("loses the InvokeCommand response after the invocation was created", async () => {
    const ecs = sdkClient(emu);
    const commandId = (
      await ecs.createCommand(
        new $Ecs.CreateCommandRequest({ regionId: REGION, name: "lost", type: "RunShellScript", commandContent: Buffer.from("true").toString("base64") }),
      )
    ).body!.commandId!;
    await control(emu, "PUT", "faults", { script: [{ fault: "lose-response", action: "InvokeCommand" }] });
    const request = new $Ecs.InvokeCommandRequest({ regionId: REGION, commandId, instanceId: ["i-linux0000000000001"], clientToken: "lost-token" });
    const error = await sdkError(ecs.invokeCommand(request));
    expect(error.statusCode).toBeUndefined();
    const created = (await ecs.describeInvocations(new $Ecs.DescribeInvocationsRequest({ regionId: REGION, commandId }))).body!.invocations!.invocation!;
    expect(created).toHaveLength(1);
    // The retry with the same ClientToken gets the invocation that was already created.
    const retried = await ecs.invokeCommand(request);
    expect(retried.body!.invokeId).toBe(created[0]!.invokeId);
  });

  it("logs every request with its action, parameters and result code", async () => {
    await control(emu, "DELETE", "requests");
    await regions();
    const log = await control<RequestLogEntry[]>(emu, "GET", "requests");
    expect(log.map((e) => [e.action, e.style, e.code, e.status])).toEqual([["DescribeRegions", "ACS3", "OK", 200]]);
  });
});
