import { OpenApiUtil } from "@alicloud/openapi-core";
import fc from "fast-check";
import { acs3Signature, rpcSignature, sha256Hex } from "../../emulator/wire/signature";
import { changed } from "../../provider/lifecycle/changes";
import { diff } from "../../provider/lifecycle/invocation-lifecycle";
import { overrideRuntime } from "../../provider/lifecycle/runtime";
import { CLOUD_INPUTS } from "../../provider/schema/invocation-fields";
import { invocationSchema } from "../../provider/schema/invocation-schema";
import { UNKNOWN } from "../../provider/schema/unknowns";

/** Properties over generated inputs (fast-check): the schema, the diff and signature verification. */
const RUNS = { numRuns: 200 };

const instanceId = fc.stringMatching(/^i-[a-z0-9]{4,20}$/);
const validInvocation = fc.record({
  commandId: fc.stringMatching(/^c-[A-Za-z0-9]{4,24}$/),
  instanceIds: fc.uniqueArray(instanceId, { minLength: 1, maxLength: 100 }),
  timeout: fc.option(fc.integer({ min: 10, max: 10_000_000 }), { nil: undefined }),
  username: fc.option(fc.string({ maxLength: 255 }), { nil: undefined }),
  workingDir: fc.option(fc.string({ maxLength: 200 }), { nil: undefined }),
  parameters: fc.option(fc.dictionary(fc.string({ minLength: 1, maxLength: 64 }), fc.string(), { maxKeys: 10, noNullPrototype: true }), { nil: undefined }),
  tags: fc.option(
    fc.dictionary(
      fc.stringMatching(/^[a-z][a-z0-9-]{0,40}$/),
      fc.string({ maxLength: 128 }).filter((v) => !/https?:\/\//.test(v)),
      { maxKeys: 18, noNullPrototype: true },
    ),
    { nil: undefined },
  ),
  clientToken: fc.option(fc.stringMatching(/^[\x20-\x7e]{1,64}$/), { nil: undefined }),
});

describe("the schema", () => {
  it("accepts every invocation that keeps the documented limits", () => {
    fc.assert(
      fc.property(validInvocation, (inputs) => {
        return invocationSchema.safeParse(inputs).success;
      }),
      RUNS,
    );
  });

  it("rejects every timeout under 10 seconds, naming the timeout", () => {
    const outside = fc.integer({ max: 9 });
    fc.assert(
      fc.property(validInvocation, outside, (inputs, timeout) => {
        const result = invocationSchema.safeParse({ ...inputs, timeout });
        return !result.success && result.error.issues.some((issue) => issue.path[0] === "timeout");
      }),
      RUNS,
    );
  });
});

describe("the diff", () => {
  let restore: () => void;
  beforeAll(() => {
    restore = overrideRuntime({ warn: () => undefined });
  });
  afterAll(() => restore());

  it("never replaces for a reordering of instanceIds", async () => {
    await fc.assert(
      fc.asyncProperty(validInvocation, fc.integer(), async (inputs, seed) => {
        const shuffled = [...inputs.instanceIds].sort((a, b) => ((a.charCodeAt(2) * seed) % 7) - ((b.charCodeAt(2) * seed) % 7));
        const olds = { ...inputs, invokeId: "t-1", status: "Success", createOutcome: "completed" };
        const result = await diff("t-1", olds as never, { ...inputs, instanceIds: shuffled } as never);
        return result.replaces?.length === 0 && result.changes === false;
      }),
      RUNS,
    );
  });

  it("replaces when any cloud input is still unknown at preview, and never for an unchanged one", async () => {
    await fc.assert(
      fc.asyncProperty(validInvocation, fc.constantFrom(...CLOUD_INPUTS), async (inputs, key) => {
        const olds = { ...inputs, invokeId: "t-1", status: "Success", createOutcome: "completed" };
        const same = await diff("t-1", olds as never, { ...inputs } as never);
        const unknown = await diff("t-1", olds as never, { ...inputs, [key]: UNKNOWN } as never);
        return same.replaces?.length === 0 && (unknown.replaces ?? []).includes(key) && unknown.deleteBeforeReplace === true;
      }),
      RUNS,
    );
  });

  it("is symmetric and ignores key order", () => {
    const value = fc.dictionary(fc.string(), fc.oneof(fc.string(), fc.integer(), fc.boolean()), { noNullPrototype: true });
    fc.assert(
      fc.property(value, value, (a, b) => {
        const reversed = Object.fromEntries(Object.entries(a).reverse());
        return changed(a, b) === changed(b, a) && !changed(a, reversed);
      }),
      RUNS,
    );
  });
});

describe("signature verification", () => {
  const params = fc.dictionary(fc.stringMatching(/^[A-Za-z][A-Za-z0-9.]{0,20}$/), fc.string({ unit: "grapheme", maxLength: 40 }), {
    minKeys: 1,
    maxKeys: 12,
    noNullPrototype: true,
  });
  const headers = {
    host: "ecs.cn-hangzhou.aliyuncs.com",
    "x-acs-action": "DescribeRegions",
    "x-acs-version": "2014-05-26",
    "x-acs-date": "2026-01-01T00:00:00Z",
    "x-acs-signature-nonce": "n1",
    "x-acs-content-sha256": sha256Hex(""),
  };
  const signedHeaders = Object.keys(headers).sort();

  it("computes the SDK's own ACS3 signature for any query, and another for any changed value", () => {
    fc.assert(
      fc.property(params, fc.string({ minLength: 1 }), (query, extra) => {
        const sdk = OpenApiUtil.getAuthorization({ pathname: "/", method: "POST", query, headers } as never, "ACS3-HMAC-SHA256", sha256Hex(""), "AK", "SK");
        const ours = acs3Signature({ method: "POST", query, headers, signedHeaders, payloadHash: sha256Hex("") }, "SK");
        const key = Object.keys(query)[0]!;
        const tampered = acs3Signature(
          { method: "POST", query: { ...query, [key]: `${query[key]}${extra}` }, headers, signedHeaders, payloadHash: sha256Hex("") },
          "SK",
        );
        return sdk.endsWith(`Signature=${ours}`) && tampered !== ours;
      }),
      RUNS,
    );
  });

  it("computes the SDK's own classic RPC signature for any query, and another for any other secret", () => {
    fc.assert(
      fc.property(params, fc.string({ minLength: 1 }), (query, other) => {
        const ours = rpcSignature("POST", query, "SK");
        return ours === OpenApiUtil.getRPCSignature(query, "POST", "SK") && rpcSignature("POST", query, `SK${other}`) !== ours;
      }),
      RUNS,
    );
  });
});
