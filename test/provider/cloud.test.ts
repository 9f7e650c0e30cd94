import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os, { tmpdir } from "node:os";
import { join } from "node:path";
import { createEcsApi } from "../../provider/cloud/ecs-api";
import { CloudError, classify, toCloudError } from "../../provider/cloud/errors";
import { RetriesExhausted, withRetries } from "../../provider/cloud/retry";
import { resolveSettings, SettingsError, useStackConfig } from "../../provider/cloud/settings";
import type { Timing } from "../../provider/cloud/timing";
import { waitFor } from "../../provider/cloud/waiter";
import { parseDuration, timeoutMs } from "../../provider/schema/duration";
import { emulator } from "../support/emulator";

/** A clock that moves only when the code under test sleeps. */
function fakeTiming(random = 1): Timing & { slept: number[] } {
  let now = 1_000_000;
  const slept: number[] = [];
  return {
    slept,
    now: () => now,
    random: () => random,
    sleep: async (ms) => {
      slept.push(ms);
      now += ms;
    },
  };
}

const throttled = { code: "Throttling.User", statusCode: 400, retryAfter: 1500 };
const unavailable = { code: "ServiceUnavailable", statusCode: 503 };
const reset = { code: "ECONNRESET", message: "socket hang up" };
const notFound = {
  code: "InvalidCmdId.NotFound",
  statusCode: 404,
  data: { Code: "InvalidCmdId.NotFound", Message: "The specified command ID does not exist.", RequestId: "REQ-1" },
};

describe("error classification", () => {
  it.each([
    [throttled, "throttling"],
    [unavailable, "transient"],
    [{ code: "InternalError", statusCode: 500 }, "transient"],
    [reset, "network"],
    [notFound, "client"],
  ])("classifies %j as %s", (error, kind) => expect(classify(error)).toBe(kind));

  it("does not blame the network for an error that has no code", () => {
    const error = toCloudError(new Error("reading aliyun cli config from '/home/u/.aliyun/config.json' failed."), {
      action: "DescribeInvocations",
      regionId: "cn-hangzhou",
    });
    expect(error.message).toBe("DescribeInvocations failed: Error: reading aliyun cli config from '/home/u/.aliyun/config.json' failed.");
  });

  it("maps an SDK error to code, message, RequestId and advice", () => {
    const error = toCloudError(notFound, { action: "InvokeCommand", regionId: "cn-shanghai", commandId: "c-1" });
    expect(error).toBeInstanceOf(CloudError);
    expect(error.message).toBe(
      "InvokeCommand failed: InvalidCmdId.NotFound: The specified command ID does not exist. (RequestId: REQ-1)\nCommand c-1 does not exist in region cn-shanghai: check commandId and the region (alicloud:region or regionId).",
    );
  });

  it("never repeats the request URL the SDK puts in a network error: its query carries secret parameters", () => {
    const sdkError = Object.assign(
      new Error("ECONNRESET: socket hang upPOST http://127.0.0.1:8080/?CommandId=c-1&Parameters=%7B%22password%22%3A%22hunter2%22%7D failed."),
      { code: "ECONNRESET" },
    );
    const error = toCloudError(sdkError, { action: "InvokeCommand", regionId: "cn-hangzhou" });
    expect(error.message).not.toContain("hunter2");
    expect(error.message).not.toContain("127.0.0.1");
    expect(error.message.split("\n")[0]).toMatch(/^InvokeCommand failed: (ECONNRESET: )+socket hang up$/);
  });

  it.each(["Forbidden.RAM", "Operation.Forbidden", "NoPermission"])("names the RAM permission a %s refusal needs", (code) => {
    const refused = { code, statusCode: 403, data: { Code: code, Message: "User not authorized to operate on the specified resource.", RequestId: "R-1" } };
    const error = toCloudError(refused, { action: "TagResources", regionId: "cn-hangzhou", invokeId: "t-1" });
    expect(error.message).toContain("grant the RAM permission ecs:TagResources");
    expect(error.message).toContain("(RequestId: R-1)");
  });

  it("says how many attempts were made when retries ran out", () => {
    const error = toCloudError(unavailable, { action: "DescribeInvocations", regionId: "cn-hangzhou" }, 4, 2500);
    expect(error.message).toMatch(/^DescribeInvocations after 4 attempts over 2\.5s failed: ServiceUnavailable/);
  });
});

describe("retries", () => {
  it("retries transient errors with growing, jittered backoff and returns the result", async () => {
    const timing = fakeTiming(0.5);
    const failures = [unavailable, reset];
    const result = await withRetries(
      async () => {
        const next = failures.shift();
        if (next) throw next;
        return "ok";
      },
      timing.now() + 60_000,
      timing,
    );
    expect([result, timing.slept]).toEqual(["ok", [100, 200]]);
  });

  it("waits at least as long as the server's retry-after when throttled", async () => {
    const timing = fakeTiming(0.1);
    let calls = 0;
    await withRetries(
      async () => {
        if (calls++ === 0) throw throttled;
        return "ok";
      },
      timing.now() + 60_000,
      timing,
    );
    expect(timing.slept).toEqual([1500]);
  });

  it("does not retry client errors", async () => {
    const timing = fakeTiming();
    let calls = 0;
    const error = await withRetries(
      async () => {
        calls++;
        throw notFound;
      },
      timing.now() + 60_000,
      timing,
    ).catch((e: unknown) => e);
    expect([calls, error instanceof RetriesExhausted, (error as RetriesExhausted).attempts]).toEqual([1, true, 1]);
  });

  it("never sleeps past the operation's deadline", async () => {
    const timing = fakeTiming(1);
    const error = await withRetries(
      async () => {
        throw unavailable;
      },
      timing.now() + 1_000,
      timing,
    ).catch((e: unknown) => e as RetriesExhausted);
    expect(timing.slept.reduce((a, b) => a + b, 0)).toBeLessThan(1_000);
    expect((error as RetriesExhausted).attempts).toBeGreaterThan(1);
  });
});

describe("waiting", () => {
  it("polls fast at first, then backs off, and stops at the deadline", async () => {
    const timing = fakeTiming();
    const result = await waitFor({ poll: async () => "Running", done: (s) => s === "Success", deadline: timing.now() + 7_000, timing });
    expect(result.kind).toBe("timeout");
    const polledAt = timing.slept.map((_, i) => timing.slept.slice(0, i + 1).reduce((a, b) => a + b, 0));
    // Starting on the grid, each poll lands on the next multiple of its doubling interval, then at the deadline.
    expect(polledAt).toEqual([100, 200, 400, 800, 1600, 4800, 7000]);
  });

  it("lands every poll on its interval's grid, so waiters that started apart poll together", async () => {
    const wakes: number[][] = [];
    for (const start of [1_000_030, 1_000_170]) {
      const timing = fakeTiming();
      timing.sleep = async (ms) => {
        timing.slept.push(ms);
        now += ms;
      };
      let now = start;
      timing.now = () => now;
      const seen: number[] = [];
      await waitFor({ poll: async () => seen.push(now), done: () => now >= 1_030_000, deadline: now + 60_000, timing });
      wakes.push(seen);
    }
    const [first, second] = wakes as [number[], number[]];
    // Most polls of the later waiter coincide with the earlier one's; at the longest interval, all do.
    expect(second.filter((at) => first.includes(at))).toEqual([
      1_000_400, 1_000_800, 1_001_600, 1_004_800, 1_010_000, 1_015_000, 1_020_000, 1_025_000, 1_030_000,
    ]);
    expect(second.filter((at) => at > 1_005_000)).toEqual(first.filter((at) => at > 1_005_000));
  });

  it("with the first poll on the grid, reads nothing at once: a run just started is not over yet", async () => {
    const timing = fakeTiming();
    let now = 1_000_010;
    timing.now = () => now;
    timing.sleep = async (ms) => {
      timing.slept.push(ms);
      now += ms;
    };
    const seen: number[] = [];
    const states = ["Running", "Running", "Success"];
    const result = await waitFor({
      poll: async () => (seen.push(now), states.shift()!),
      done: (s) => s === "Success",
      deadline: now + 60_000,
      timing,
      firstPoll: "on the grid",
      initialIntervalMs: 30,
      factor: 2.5,
    });
    expect(result.kind).toBe("done");
    // On the 30 ms grid (at least 15 ms away), again on it, then on the 75 ms grid.
    expect(seen).toEqual([1_000_050, 1_000_080, 1_000_125]);
  });

  it("returns as soon as the state is reached", async () => {
    const timing = fakeTiming();
    const states = ["Pending", "Running", "Success"];
    const result = await waitFor({ poll: async () => states.shift()!, done: (s) => s === "Success", deadline: timing.now() + 60_000, timing });
    expect(result).toEqual({ kind: "done", state: "Success" });
  });
});

describe("settings", () => {
  afterEach(() => useStackConfig({ get: () => undefined }));

  it("prefers the resource's region, then stack config, then ALICLOUD_REGION", () => {
    useStackConfig({ get: (k) => ({ "alicloud:region": "cn-beijing" })[k] });
    expect(resolveSettings("cn-shanghai", {}).regionId).toBe("cn-shanghai");
    expect(resolveSettings(undefined, { ALICLOUD_REGION: "eu-central-1" }).regionId).toBe("cn-beijing");
    useStackConfig({ get: () => undefined });
    expect(resolveSettings(undefined, { ALICLOUD_REGION: "eu-central-1" }).regionId).toBe("eu-central-1");
  });

  it("reads Terraform's credential variables and the endpoint override", () => {
    const settings = resolveSettings(undefined, {
      ALICLOUD_REGION: "cn-hangzhou",
      ALICLOUD_ACCESS_KEY: "AK",
      ALICLOUD_SECRET_KEY: "SK",
      ALICLOUD_SECURITY_TOKEN: "TOKEN",
      ALICLOUD_ECS_ENDPOINT: "http://127.0.0.1:8080",
    });
    expect(settings).toEqual({
      regionId: "cn-hangzhou",
      credentials: { kind: "static", accessKeyId: "AK", accessKeySecret: "SK", securityToken: "TOKEN" },
      endpoint: "127.0.0.1:8080",
      protocol: "http",
      readTimeoutMs: 15_000,
      connectTimeoutMs: 15_000,
    });
  });

  it("falls back to the named profile, then to the default credential chain", () => {
    expect(resolveSettings("cn-hangzhou", { ALICLOUD_PROFILE: "ops" }).credentials).toEqual({ kind: "profile", profile: "ops" });
    expect(resolveSettings("cn-hangzhou", {}).credentials).toEqual({ kind: "default-chain" });
  });

  it("explains a missing region and half a key pair without echoing secrets", () => {
    expect(() => resolveSettings(undefined, {})).toThrow(
      new SettingsError(
        "No region is configured: set `pulumi config set alicloud:region cn-hangzhou`, the ALICLOUD_REGION environment variable, or the resource's regionId input.",
      ),
    );
    expect(() => resolveSettings("cn-hangzhou", { ALICLOUD_SECRET_KEY: "very-secret" })).toThrow(/Only half of an access key pair/);
    expect(() => resolveSettings("cn-hangzhou", { ALICLOUD_SECRET_KEY: "very-secret" })).not.toThrow(/very-secret/);
  });

  it("takes per-call client timeouts in ms as Terraform's provider does, 15 s by default", () => {
    expect(resolveSettings("cn-hangzhou", {})).toEqual(expect.objectContaining({ readTimeoutMs: 15_000, connectTimeoutMs: 15_000 }));
    expect(resolveSettings("cn-hangzhou", { ALICLOUD_CLIENT_READ_TIMEOUT: "30000", ALICLOUD_CLIENT_CONNECT_TIMEOUT: "5000" })).toEqual(
      expect.objectContaining({ readTimeoutMs: 30_000, connectTimeoutMs: 5_000 }),
    );
    expect(() => resolveSettings("cn-hangzhou", { ALICLOUD_CLIENT_READ_TIMEOUT: "30s" })).toThrow(
      'alicloud:clientReadTimeout must be a whole number of milliseconds, such as 30000; got "30s".',
    );
  });

  it("takes the account's request rate limit, learning it from throttling when not given", () => {
    expect(resolveSettings("cn-hangzhou", {}).maxRequestsPerSecond).toBeUndefined();
    expect(resolveSettings("cn-hangzhou", { ALICLOUD_MAX_REQUESTS_PER_SECOND: "12.5" }).maxRequestsPerSecond).toBe(12.5);
    expect(() => resolveSettings("cn-hangzhou", { ALICLOUD_MAX_REQUESTS_PER_SECOND: "fast" })).toThrow(
      'alicloud:maxRequestsPerSecond must be a positive number of API calls per second, such as 20; got "fast".',
    );
  });
});

describe("credentials from a named profile", () => {
  it("signs requests with the access key of the profile in ~/.aliyun/config.json", async () => {
    const emu = await emulator();
    const home = mkdtempSync(join(tmpdir(), "home-"));
    const key = emu.accessKeys[0]!;
    mkdirSync(join(home, ".aliyun"));
    writeFileSync(
      join(home, ".aliyun", "config.json"),
      JSON.stringify({
        current: "default",
        profiles: [{ name: "ops", mode: "AK", access_key_id: key.accessKeyId, access_key_secret: key.accessKeySecret, region_id: "cn-hangzhou" }],
      }),
    );
    const homedir = jest.spyOn(os, "homedir").mockReturnValue(home);
    try {
      const api = createEcsApi({
        regionId: "cn-hangzhou",
        credentials: { kind: "profile", profile: "ops" },
        endpoint: emu.endpoint,
        protocol: "http",
        readTimeoutMs: 10_000,
        connectTimeoutMs: 10_000,
      });
      expect(await api.describeInvocation("t-none", Date.now() + 10_000)).toBeUndefined();
      expect(emu.requestLog.map((e) => [e.action, e.code])).toEqual([["DescribeInvocations", "OK"]]);
    } finally {
      homedir.mockRestore();
      rmSync(home, { recursive: true, force: true });
      await emu.close();
    }
  });
});

describe("durations", () => {
  it.each([
    ["90s", 90_000],
    ["5m", 300_000],
    ["1h30m", 5_400_000],
    ["500ms", 500],
    ["1.5h", 5_400_000],
  ])("reads %s", (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it("rejects text that is not a duration and defaults timeouts to one minute", () => {
    expect(parseDuration("soon")).toBeUndefined();
    expect(timeoutMs(undefined)).toBe(60_000);
  });
});
