import { createHash, createHmac, timingSafeEqual } from "node:crypto";

/** RFC 3986 encoding as Alibaba Cloud's signers use it (also escapes ! ' ( ) *). */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(/!/g, "%21").replace(/'/g, "%27").replace(/\(/g, "%28").replace(/\)/g, "%29").replace(/\*/g, "%2A");
}

export function sha256Hex(body: Buffer | string): string {
  return createHash("sha256").update(body).digest("hex");
}

export interface Acs3Input {
  method: string;
  /** Decoded query parameters. */
  query: Record<string, string>;
  /** Lower-case header names. */
  headers: Record<string, string>;
  signedHeaders: string[];
  payloadHash: string;
}

/** The ACS3-HMAC-SHA256 signature of a request, as hex. */
export function acs3Signature(input: Acs3Input, secret: string): string {
  const canonicalQuery = Object.keys(input.query)
    .sort()
    .map((key) => `${key}=${percentEncode(input.query[key] ?? "")}`)
    .join("&");
  const canonicalHeaders = input.signedHeaders.map((h) => `${h}:${(input.headers[h] ?? "").trim()}\n`).join("");
  const canonicalRequest = [input.method.toUpperCase(), "/", canonicalQuery, canonicalHeaders, input.signedHeaders.join(";"), input.payloadHash].join("\n");
  const stringToSign = `ACS3-HMAC-SHA256\n${sha256Hex(canonicalRequest)}`;
  return createHmac("sha256", secret).update(stringToSign).digest("hex");
}

/** What a classic RPC request signs: the method, the path and the sorted, encoded parameters. */
export function rpcStringToSign(method: string, params: Record<string, string>): string {
  const canonical = Object.keys(params)
    .filter((key) => key !== "Signature")
    .sort()
    .map((key) => `${percentEncode(key)}=${percentEncode(params[key] ?? "")}`)
    .join("&");
  return `${method.toUpperCase()}&${percentEncode("/")}&${percentEncode(canonical)}`;
}

/** The classic RPC (HMAC-SHA1, SignatureVersion 1.0) signature of a request, as base64. */
export function rpcSignature(method: string, params: Record<string, string>, secret: string): string {
  return createHmac("sha1", `${secret}&`).update(rpcStringToSign(method, params)).digest("base64");
}

export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** Parses `ACS3-HMAC-SHA256 Credential=AK,SignedHeaders=a;b,Signature=hex`. */
export function parseAcs3Authorization(header: string): { accessKeyId: string; signedHeaders: string[]; signature: string } | undefined {
  const match = /^ACS3-HMAC-SHA256\s+(.*)$/.exec(header.trim());
  if (!match) return undefined;
  const fields = Object.fromEntries(
    (match[1] ?? "").split(",").map((part) => {
      const eq = part.indexOf("=");
      return [part.slice(0, eq).trim(), part.slice(eq + 1).trim()];
    }),
  );
  const { Credential: accessKeyId, SignedHeaders: signed, Signature: signature } = fields;
  if (!accessKeyId || !signed || !signature) return undefined;
  return { accessKeyId, signedHeaders: signed.split(";").filter(Boolean), signature };
}
