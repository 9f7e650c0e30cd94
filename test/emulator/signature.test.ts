import * as $Ecs from "@alicloud/ecs20140526";
import { OpenApiUtil } from "@alicloud/openapi-core";
import type { RunningEmulator } from "../../emulator";
import { acs3Signature, percentEncode, rpcSignature, sha256Hex } from "../../emulator/wire/signature";
import { emulator, sdkClient, sdkError } from "../support/emulator";

const SECRET = "testsecret";
const FIXED_HEADERS = {
  host: "ecs.cn-hangzhou.aliyuncs.com",
  "x-acs-action": "DescribeRegions",
  "x-acs-version": "2014-05-26",
  "x-acs-date": "2026-01-01T00:00:00Z",
  "x-acs-signature-nonce": "3156853299f313e23d1673dc12e1703d",
  "x-acs-content-sha256": sha256Hex(""),
};

describe("signature vectors", () => {
  it("computes the same ACS3-HMAC-SHA256 signature as the SDK for a fixed request", () => {
    const query = { RegionId: "cn-hangzhou", "InstanceId.1": "i-abc*def", Name: "a b(c)" };
    const sdkHeader = OpenApiUtil.getAuthorization(
      { pathname: "/", method: "POST", query, headers: FIXED_HEADERS } as never,
      "ACS3-HMAC-SHA256",
      sha256Hex(""),
      "AKID",
      SECRET,
    );
    const signedHeaders = Object.keys(FIXED_HEADERS).sort();
    const ours = acs3Signature({ method: "POST", query, headers: FIXED_HEADERS, signedHeaders, payloadHash: sha256Hex("") }, SECRET);
    expect(sdkHeader).toBe(`ACS3-HMAC-SHA256 Credential=AKID,SignedHeaders=${signedHeaders.join(";")},Signature=${ours}`);
    expect(ours).toMatch(/^[0-9a-f]{64}$/);
  });

  it("computes the same HMAC-SHA1 RPC signature as the SDK for a fixed request", () => {
    const params = {
      Action: "DescribeRegions",
      Version: "2014-05-26",
      AccessKeyId: "AKID",
      Format: "JSON",
      SignatureMethod: "HMAC-SHA1",
      SignatureVersion: "1.0",
      SignatureNonce: "nonce-1",
      Timestamp: "2026-01-01T00:00:00Z",
      RegionId: "cn-hangzhou",
    };
    expect(rpcSignature("GET", params, SECRET)).toBe(OpenApiUtil.getRPCSignature(params, "GET", SECRET));
  });

  it("percent-encodes the characters RFC 3986 reserves, as Alibaba signers do", () => {
    expect(percentEncode("a b*c~d'!()")).toBe("a%20b%2Ac~d%27%21%28%29");
  });
});

describe("signature checks over HTTP", () => {
  let emu: RunningEmulator;
  beforeAll(async () => {
    emu = await emulator({
      accessKeys: [
        { accessKeyId: "AKID", accessKeySecret: SECRET },
        { accessKeyId: "STSID", accessKeySecret: "stssecret", securityToken: "token-1" },
      ],
    });
  });
  afterAll(() => emu.close());

  /** A classic RPC GET request signed with `secret`, optionally tampered with after signing. */
  async function rpcCall(overrides: Record<string, string> = {}, secret = SECRET, tamper: Record<string, string> = {}, headers: Record<string, string> = {}) {
    const params: Record<string, string> = {
      Action: "DescribeRegions",
      Version: "2014-05-26",
      AccessKeyId: "AKID",
      SignatureMethod: "HMAC-SHA1",
      SignatureVersion: "1.0",
      SignatureNonce: `n-${Math.random()}`,
      Timestamp: new Date().toISOString().replace(/\.\d{3}Z$/, "Z"),
      Format: "JSON",
      ...overrides,
    };
    params["Signature"] = rpcSignature("GET", params, secret);
    const query = new URLSearchParams({ ...params, ...tamper }).toString();
    const response = await fetch(`${emu.url}/?${query}`, { headers });
    return { status: response.status, body: (await response.json()) as Record<string, string> };
  }

  // The Go SDK (Terraform's alicloud provider) and the legacy Python and Java SDKs send these
  // headers on every classic-signed call.
  const SDK_HEADERS = { "x-acs-action": "DescribeRegions", "x-acs-version": "2014-05-26" };

  it("accepts a classic-signed request that also carries x-acs-action headers, and logs its real action", async () => {
    const { status, body } = await rpcCall({}, SECRET, {}, SDK_HEADERS);
    expect([status, body["Code"]]).toEqual([200, undefined]);
    expect(body["Regions"]).toBeDefined();
    const logged = emu.requestLog[emu.requestLog.length - 1]!;
    expect([logged.action, logged.style, logged.code]).toEqual(["DescribeRegions", "RPC", "OK"]);
  });

  it("answers a wrong secret on such a request with SignatureDoesNotMatch", async () => {
    const { status, body } = await rpcCall({}, "wrong", {}, SDK_HEADERS);
    expect([status, body["Code"]]).toEqual([400, "SignatureDoesNotMatch"]);
  });

  it("accepts a correctly signed classic RPC request", async () => {
    const { status, body } = await rpcCall();
    expect(status).toBe(200);
    expect(body["RequestId"]).toMatch(/^[0-9A-F-]{36}$/);
  });

  it("answers classic RPC requests in XML unless they ask for JSON", async () => {
    const params: Record<string, string> = {
      Action: "DescribeRegions",
      Version: "2014-05-26",
      AccessKeyId: "AKID",
      SignatureMethod: "HMAC-SHA1",
      SignatureVersion: "1.0",
      SignatureNonce: "xml-nonce",
      Timestamp: new Date().toISOString().replace(/\.\d{3}Z$/, "Z"),
    };
    params["Signature"] = rpcSignature("GET", params, SECRET);
    const response = await fetch(`${emu.url}/?${new URLSearchParams(params)}`);
    const text = await response.text();
    expect(response.headers.get("content-type")).toContain("text/xml");
    expect(text).toMatch(
      /^<\?xml version="1.0" encoding="UTF-8"\?><DescribeRegionsResponse><RequestId>[0-9A-F-]{36}<\/RequestId><Regions><Region><RegionId>cn-hangzhou<\/RegionId>/,
    );
  });

  it("rejects a request signed with the wrong secret with SignatureDoesNotMatch, naming the string it signed as the gateway does", async () => {
    const { status, body } = await rpcCall({}, "wrong");
    expect([status, body["Code"]]).toEqual([400, "SignatureDoesNotMatch"]);
    expect(body["Message"]).toMatch(
      /^Specified signature is not matched with our calculation\. server string to sign is:GET&%2F&AccessKeyId%3DAKID%26Action%3DDescribeRegions%26/,
    );
  });

  it("rejects a parameter changed after signing", async () => {
    const { body } = await rpcCall({ RegionId: "cn-hangzhou" }, SECRET, { RegionId: "cn-beijing" });
    expect(body["Code"]).toBe("SignatureDoesNotMatch");
  });

  it("rejects an unknown access key with InvalidAccessKeyId.NotFound", async () => {
    const { status, body } = await rpcCall({ AccessKeyId: "NOPE" });
    expect([status, body["Code"]]).toEqual([404, "InvalidAccessKeyId.NotFound"]);
  });

  it("rejects a timestamp more than 15 minutes old with InvalidTimeStamp.Expired", async () => {
    const stale = new Date(Date.now() - 16 * 60_000).toISOString().replace(/\.\d{3}Z$/, "Z");
    const { status, body } = await rpcCall({ Timestamp: stale });
    expect([status, body["Code"]]).toEqual([400, "InvalidTimeStamp.Expired"]);
  });

  it("rejects a replayed signature nonce with SignatureNonceUsed", async () => {
    const first = await rpcCall({ SignatureNonce: "replayed-nonce" });
    const second = await rpcCall({ SignatureNonce: "replayed-nonce" });
    expect(first.status).toBe(200);
    expect([second.status, second.body["Code"]]).toEqual([400, "SignatureNonceUsed"]);
  });

  it("rejects a missing signature with MissingParameter naming it", async () => {
    const response = await fetch(
      `${emu.url}/?Action=DescribeRegions&Version=2014-05-26&AccessKeyId=AKID&Format=JSON&SignatureNonce=x&Timestamp=2026-01-01T00:00:00Z`,
    );
    const body = (await response.json()) as Record<string, string>;
    expect([response.status, body["Code"], body["Message"]]).toEqual([
      400,
      "MissingParameter",
      'The input parameter "Signature" that is mandatory for processing this request is not supplied.',
    ]);
  });

  it("rejects an unknown version with InvalidVersion and an unknown action with InvalidAction.NotFound", async () => {
    expect((await rpcCall({ Version: "2099-01-01" })).body["Code"]).toBe("InvalidVersion");
    const unknown = await rpcCall({ Action: "LaunchRockets" });
    expect([unknown.status, unknown.body["Code"]]).toEqual([404, "InvalidAction.NotFound"]);
  });

  it("accepts the unmodified SDK's ACS3 requests and rejects a wrong secret", async () => {
    const ok = await sdkClient(emu, { accessKeyId: "AKID", accessKeySecret: SECRET }).describeRegions(new $Ecs.DescribeRegionsRequest({}));
    expect(ok.body?.regions?.region?.map((r) => r.regionId)).toContain("cn-hangzhou");
    const error = await sdkError(sdkClient(emu, { accessKeyId: "AKID", accessKeySecret: "bad" }).describeRegions(new $Ecs.DescribeRegionsRequest({})));
    expect([error.code, error.statusCode]).toEqual(["SignatureDoesNotMatch", 400]);
  });

  it("requires the security token of STS credentials", async () => {
    const ok = await sdkClient(emu, { accessKeyId: "STSID", accessKeySecret: "stssecret", securityToken: "token-1" }).describeRegions(
      new $Ecs.DescribeRegionsRequest({}),
    );
    expect(ok.statusCode).toBe(200);
    const error = await sdkError(
      sdkClient(emu, { accessKeyId: "STSID", accessKeySecret: "stssecret", securityToken: "token-2" }).describeRegions(new $Ecs.DescribeRegionsRequest({})),
    );
    expect(error.code).toBe("InvalidSecurityToken.Malformed");
  });
});
