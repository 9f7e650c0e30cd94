import { parse as parseQuery } from "node:querystring";
import type { Clock } from "../clock";
import { apiError, signatureMismatch } from "../errors";
import { acs3Signature, parseAcs3Authorization, rpcSignature, rpcStringToSign, safeEqual, sha256Hex } from "./signature";

export const API_VERSION = "2014-05-26";
const TIMESTAMP_WINDOW_MS = 15 * 60 * 1000;

export interface AccessKey {
  accessKeyId: string;
  accessKeySecret: string;
  /** Set for STS credentials: requests must carry this token. */
  securityToken?: string;
}

export interface RawHttpRequest {
  method: string;
  /** The query string without the leading "?". */
  rawQuery: string;
  headers: Record<string, string>;
  body: Buffer;
}

/** An authenticated API call, independent of which signing style carried it. */
export interface ApiRequest {
  style: "ACS3" | "RPC";
  action: string;
  params: Record<string, string>;
  accessKeyId: string;
  /** Response format: ACS3 clients always get JSON; RPC clients get XML unless they ask for JSON. */
  format: "JSON" | "XML";
}

/** Signature nonces seen inside the timestamp window; a replay inside it is refused. */
export class NonceCache {
  private readonly seen = new Map<string, number>();

  constructor(private readonly clock: Clock) {}

  use(nonce: string): void {
    const now = this.clock.now();
    if (this.seen.size > 10_000) {
      for (const [key, at] of this.seen) if (now - at > TIMESTAMP_WINDOW_MS * 2) this.seen.delete(key);
    }
    if (this.seen.has(nonce)) throw apiError("SignatureNonceUsed");
    this.seen.set(nonce, now);
  }
}

export class Authenticator {
  constructor(
    private readonly keys: () => readonly AccessKey[],
    private readonly clock: Clock,
    private readonly nonces: NonceCache,
    /** The API version a request for an action must carry (injected: the action table knows it). */
    private readonly versionOf: (action: string, ecsVersion: string) => string,
  ) {}

  authenticate(request: RawHttpRequest): ApiRequest {
    return signatureScheme(request) === "ACS3" ? this.acs3(request) : this.rpc(request);
  }

  private acs3(request: RawHttpRequest): ApiRequest {
    const headers = request.headers;
    const action = headers["x-acs-action"] ?? "";
    const version = headers["x-acs-version"];
    if (!version) throw apiError("MissingParameter", "x-acs-version");
    const auth = headers["authorization"];
    if (!auth) throw apiError("MissingParameter", "Authorization");
    const parsed = parseAcs3Authorization(auth);
    if (!parsed) throw apiError("IncompleteSignature");
    const key = this.key(parsed.accessKeyId, headers["x-acs-security-token"]);
    this.checkTimestamp(headers["x-acs-date"], "x-acs-date");
    const payloadHash = headers["x-acs-content-sha256"] ?? "";
    if (payloadHash !== sha256Hex(request.body)) throw apiError("SignatureDoesNotMatch");
    const query = decodeQuery(request.rawQuery);
    const expected = acs3Signature({ method: request.method, query, headers, signedHeaders: parsed.signedHeaders, payloadHash }, key.accessKeySecret);
    if (!safeEqual(expected, parsed.signature)) throw apiError("SignatureDoesNotMatch");
    // The nonce is recorded only for a correctly signed request, so a forged one cannot burn it.
    const nonce = headers["x-acs-signature-nonce"];
    if (!nonce) throw apiError("MissingParameter", "x-acs-signature-nonce");
    this.nonces.use(nonce);
    if (version !== this.versionOf(action, API_VERSION)) throw apiError("InvalidVersion");
    const params = { ...decodeForm(request), ...query };
    return { style: "ACS3", action, params, accessKeyId: key.accessKeyId, format: "JSON" };
  }

  private rpc(request: RawHttpRequest): ApiRequest {
    const params = { ...decodeQuery(request.rawQuery), ...decodeForm(request) };
    for (const name of ["Action", "Version", "AccessKeyId", "Signature", "SignatureNonce", "Timestamp"]) {
      if (!params[name]) throw apiError("MissingParameter", name);
    }
    if ((params["SignatureMethod"] ?? "HMAC-SHA1") !== "HMAC-SHA1") throw apiError("InvalidSignatureMethod");
    const key = this.key(params["AccessKeyId"] ?? "", params["SecurityToken"]);
    this.checkTimestamp(params["Timestamp"], "Timestamp");
    const expected = rpcSignature(request.method, params, key.accessKeySecret);
    if (!safeEqual(expected, params["Signature"] ?? "")) throw signatureMismatch(rpcStringToSign(request.method, params));
    this.nonces.use(params["SignatureNonce"] ?? "");
    if (params["Version"] !== this.versionOf(params["Action"] ?? "", API_VERSION)) throw apiError("InvalidVersion");
    const format = (params["Format"] ?? "XML").toUpperCase();
    if (format !== "JSON" && format !== "XML") throw apiError("InvalidParameter.Format");
    const business = { ...params };
    for (const common of [
      "Action",
      "Version",
      "AccessKeyId",
      "Signature",
      "SignatureMethod",
      "SignatureVersion",
      "SignatureNonce",
      "Timestamp",
      "Format",
      "SecurityToken",
      "SignatureType",
    ]) {
      delete business[common];
    }
    return { style: "RPC", action: params["Action"] ?? "", params: business, accessKeyId: key.accessKeyId, format };
  }

  private key(accessKeyId: string, securityToken: string | undefined): AccessKey {
    const key = this.keys().find((k) => k.accessKeyId === accessKeyId);
    if (!key) throw apiError("InvalidAccessKeyId.NotFound");
    if (key.securityToken !== undefined && key.securityToken !== securityToken) {
      throw apiError(securityToken ? "InvalidSecurityToken.Malformed" : "MissingParameter", "SecurityToken");
    }
    return key;
  }

  private checkTimestamp(value: string | undefined, name: string): void {
    if (!value) throw apiError("MissingParameter", name);
    const at = Date.parse(value);
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(value) || Number.isNaN(at)) {
      throw apiError("InvalidTimeStamp.Format");
    }
    if (Math.abs(this.clock.now() - at) > TIMESTAMP_WINDOW_MS) throw apiError("InvalidTimeStamp.Expired");
  }
}

/**
 * Which signature a request carries: an `Authorization: ACS3-…` header, or a classic `Signature`
 * parameter. The headers `x-acs-action` / `x-acs-version` decide nothing: the Go SDK, the legacy
 * Python and Java SDKs send them on classic-signed RPC calls too. A request with neither signature
 * is judged by the style it looks like, so its error names the part that is missing.
 */
export function signatureScheme(request: RawHttpRequest): "ACS3" | "RPC" {
  if (/^ACS3-/.test(request.headers["authorization"] ?? "")) return "ACS3";
  if ({ ...decodeQuery(request.rawQuery), ...decodeForm(request) }["Signature"] !== undefined) return "RPC";
  return request.headers["x-acs-action"] !== undefined ? "ACS3" : "RPC";
}

/** The response format a request asked for, known even when it fails authentication. */
export function requestedFormat(request: RawHttpRequest): "JSON" | "XML" {
  if (signatureScheme(request) === "ACS3") return "JSON";
  const format = { ...decodeQuery(request.rawQuery), ...decodeForm(request) }["Format"] ?? "XML";
  return format.toUpperCase() === "JSON" ? "JSON" : "XML";
}

function decodeQuery(rawQuery: string): Record<string, string> {
  return flatten(parseQuery(rawQuery));
}

function decodeForm(request: RawHttpRequest): Record<string, string> {
  const type = request.headers["content-type"] ?? "";
  if (request.body.length === 0 || !type.startsWith("application/x-www-form-urlencoded")) return {};
  return flatten(parseQuery(request.body.toString("utf8")));
}

function flatten(parsed: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(parsed)) {
    if (value === undefined) continue;
    out[key] = Array.isArray(value) ? (value[value.length - 1] ?? "") : value;
  }
  return out;
}
