import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as $Ecs from "@alicloud/ecs20140526";
import type { RunningEmulator } from "../../emulator";
import { rpcSignature } from "../../emulator/wire/signature";
import { emulator, sdkClient } from "../support/emulator";

const LINUX = "i-linux0000000000001";

interface Answer {
  status: number;
  body: string;
}

/** A raw HTTP GET with exactly the headers given, as a browser would send it. */
function get(emu: RunningEmulator, path: string, headers: Record<string, string>, method = "GET"): Promise<Answer> {
  const url = new URL(path, emu.url);
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, path: `${url.pathname}${url.search}`, method, headers }, (response) => {
      let body = "";
      response.on("data", (chunk: Buffer) => (body += chunk.toString()));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

describe("the emulator refuses what a web page makes a browser send", () => {
  let dataDir: string;
  let emu: RunningEmulator;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), "browser-guard-"));
    emu = await emulator({ dataDir });
  });
  afterAll(async () => {
    await emu.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** The attack of the report: a classic-signed RunCommand that fits in an <img src>, writing a file. */
  function attackUrl(marker: string): string {
    const params: Record<string, string> = {
      Action: "RunCommand",
      Version: "2014-05-26",
      AccessKeyId: emu.accessKeys[0]!.accessKeyId,
      SignatureMethod: "HMAC-SHA1",
      SignatureVersion: "1.0",
      SignatureNonce: `nonce-${marker}`,
      Timestamp: new Date().toISOString().replace(/\.\d{3}Z$/, "Z"),
      Format: "JSON",
      RegionId: "cn-hangzhou",
      Type: "RunShellScript",
      ContentEncoding: "PlainText",
      CommandContent: `touch ${join(dataDir, marker)}`,
      "InstanceId.1": LINUX,
    };
    params["Signature"] = rpcSignature("GET", params, emu.accessKeys[0]!.accessKeySecret);
    return `/?${new URLSearchParams(params)}`;
  }

  it.each([
    ["a cross-site image", { origin: "https://evil.example", "sec-fetch-site": "cross-site" }, "Sec-Fetch-Site: cross-site"],
    ["a page of another port on this machine", { "sec-fetch-site": "same-site" }, "Sec-Fetch-Site: same-site"],
    ["an old browser's cross-origin request", { origin: "https://evil.example" }, "Origin: https://evil.example"],
    ["a sandboxed page", { origin: "null" }, "Origin: null"],
    ["a page on a rebound DNS name", { host: "attacker.example:80" }, 'Host header names "attacker.example:80"'],
  ])("refuses %s with a 403 that says why, and runs nothing", async (_what, headers, why) => {
    const marker = `pwned-${Object.keys(headers).join("-")}`;
    const answer = await get(emu, attackUrl(marker), headers);
    const body = JSON.parse(answer.body) as Record<string, string>;
    expect([answer.status, body["Code"]]).toEqual([403, "Emulator.CrossSiteRequestRefused"]);
    expect(body["Message"]).toContain(why);
    expect(body["RequestId"]).toMatch(/^[0-9A-F-]{36}$/);
    expect(emu.requestLog.filter((e) => e.action === "RunCommand" && e.code === "OK")).toEqual([]);
    expect(existsSync(join(dataDir, marker))).toBe(false);
  });

  it("refuses the control API too (reset, fleet changes) from another site", async () => {
    const reset = await get(emu, "/_emulator/reset", { origin: "https://evil.example", "sec-fetch-site": "cross-site" }, "POST");
    expect(reset.status).toBe(403);
    const released = await get(emu, `/_emulator/fleet/${LINUX}`, { "sec-fetch-site": "cross-site" }, "DELETE");
    expect(released.status).toBe(403);
    expect(
      (await sdkClient(emu).describeInstances(new $Ecs.DescribeInstancesRequest({ regionId: "cn-hangzhou", instanceIds: JSON.stringify([LINUX]) }))).body!
        .instances!.instance,
    ).toHaveLength(1);
  });

  it("serves SDKs, an address typed in the browser, and the dashboard's own requests", async () => {
    const ok = await get(emu, attackUrl("typed"), { "sec-fetch-site": "none" });
    expect(JSON.parse(ok.body)).toEqual(expect.objectContaining({ InvokeId: expect.stringMatching(/^t-/) }));
    const own = `http://${new URL(emu.url).host}`;
    expect((await get(emu, "/_emulator/snapshot", { "sec-fetch-site": "same-origin", origin: own })).status).toBe(200);
    expect((await get(emu, "/_emulator/health", { host: `localhost:${new URL(emu.url).port}` })).status).toBe(200);
    const instances = (await sdkClient(emu).describeInstances(new $Ecs.DescribeInstancesRequest({ regionId: "cn-hangzhou" }))).body!.instances!.instance!;
    expect(instances.length).toBeGreaterThan(0);
  });
});
