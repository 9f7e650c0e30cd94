import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { ApiError, apiError, crossSiteRefused } from "../errors";
import type { FaultInjector } from "../faults";
import type { Handler, HandlerContext } from "../handlers/context";
import { requestId as newRequestId, type RandomSource } from "../random";
import { type Authenticator, type RawHttpRequest, requestedFormat } from "./authenticate";
import { crossSiteReason } from "./browser-guard";
import { Params } from "./params";
import { failure, type SerializedResponse, success } from "./serialize";

export const CONTROL_PREFIX = "/_emulator/";
/** Where a person points a browser; a bare `GET /` from a browser is sent there too. */
export const DASHBOARD_PATH = `${CONTROL_PREFIX}dashboard`;

export interface RequestLogEntry {
  time: string;
  requestId: string;
  style: "ACS3" | "RPC" | "unknown";
  action: string;
  params: Record<string, string>;
  /** "OK" or the error code returned; "ConnectionReset" / "ResponseLost" for injected faults. */
  code: string;
  status: number;
  /** The request parameters the action looked at (base names: `Tag` for `Tag.N.Key`). */
  consulted?: string[];
}

export interface WireDependencies {
  /** The action table: the handler of each action the emulator serves (handlers/index). */
  dispatch: Readonly<Record<string, Handler>>;
  authenticator: Authenticator;
  faults: FaultInjector;
  context: HandlerContext;
  random: RandomSource;
  log: RequestLogEntry[];
  control: (request: IncomingMessage, body: Buffer) => Promise<SerializedResponse>;
  /** The address the server was bound to (`--host`), besides loopback names, that Host may name. */
  boundHost?: string;
}

const LOG_LIMIT = 10_000;

/** The HTTP front door: decoding, authentication, faults, dispatch and serialisation in one place. */
export function createApiServer(deps: WireDependencies): Server {
  // Alibaba clients put every parameter in the query string, so allow long request lines.
  return createServer({ maxHeaderSize: 256 * 1024 }, (request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const body = Buffer.concat(chunks);
      const path = (request.url ?? "/").split("?")[0] ?? "/";
      const refusal = crossSiteReason(request, deps.boundHost);
      if (refusal) return send(response, refused(deps, request, refusal));
      if (isBrowserVisit(request)) return send(response, { status: 302, headers: { location: DASHBOARD_PATH }, body: "" });
      const work = path.startsWith(CONTROL_PREFIX) ? deps.control(request, body) : handleApi(deps, request, body, response);
      work.then(
        (result) => result && send(response, result),
        (error: unknown) => send(response, { status: 500, headers: { "content-type": "text/plain" }, body: String(error) }),
      );
    });
  });
}

async function handleApi(deps: WireDependencies, request: IncomingMessage, body: Buffer, response: ServerResponse): Promise<SerializedResponse | undefined> {
  const requestId = newRequestId(deps.random);
  const raw: RawHttpRequest = {
    method: request.method ?? "GET",
    rawQuery: (request.url ?? "").split("?")[1] ?? "",
    headers: lowerHeaders(request),
    body,
  };
  const entry: RequestLogEntry = {
    time: new Date(deps.context.clock.now()).toISOString(),
    requestId,
    style: "unknown",
    action: raw.headers["x-acs-action"] ?? "",
    params: {},
    code: "OK",
    status: 200,
  };
  remember(deps.log, entry);
  let format = requestedFormat(raw);
  let hostId = "ecs.aliyuncs.com";
  try {
    const api = deps.authenticator.authenticate(raw);
    format = api.format;
    Object.assign(entry, { style: api.style, action: api.action, params: redact(api.params) });
    if (api.params["RegionId"]) hostId = `ecs.${api.params["RegionId"]}.aliyuncs.com`;
    const handler = Object.hasOwn(deps.dispatch, api.action) ? deps.dispatch[api.action] : undefined;
    if (!handler) throw apiError("InvalidAction.NotFound");
    const decision = deps.faults.decide(api.action, api.accessKeyId);
    if (decision.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, decision.latencyMs));
    if (decision.before === "reset") {
      entry.code = "ConnectionReset";
      response.socket?.destroy();
      return undefined;
    }
    if (decision.before === "throttle") throw apiError("Throttling.User", undefined, { "x-acs-retry-after": String(decision.retryAfterMs ?? 1000) });
    if (decision.before === "internal") throw apiError("InternalError");
    if (decision.before === "dispatch") throw apiError("InternalError.Dispatch");
    if (decision.before === "unavailable") throw apiError("ServiceUnavailable");
    const params = new Params(api.params);
    let result: ReturnType<typeof handler>;
    try {
      result = handler(deps.context, params);
    } finally {
      entry.consulted = [...params.consulted].sort();
    }
    if (decision.loseResponse) {
      entry.code = "ResponseLost";
      response.socket?.destroy();
      return undefined;
    }
    if (decision.slowResponseMs) {
      entry.code = "SlowResponse";
      await new Promise((resolve) => setTimeout(resolve, decision.slowResponseMs));
    }
    const out = success(api.action, { RequestId: requestId, ...result }, format);
    return { ...out, headers: { ...out.headers, "x-acs-request-id": requestId } };
  } catch (error) {
    const apiErr = error instanceof ApiError ? error : internal(error);
    entry.code = apiErr.code;
    entry.status = apiErr.status;
    const out = failure(apiErr, requestId, hostId, format);
    return { ...out, headers: { ...out.headers, "x-acs-request-id": requestId } };
  }
}

/** A refused cross-site request: an API error body (JSON) that says why, logged like any answer. */
function refused(deps: WireDependencies, request: IncomingMessage, reason: string): SerializedResponse {
  const requestId = newRequestId(deps.random);
  const error = crossSiteRefused(reason);
  const query = new URLSearchParams((request.url ?? "").split("?")[1] ?? "");
  remember(deps.log, {
    time: new Date(deps.context.clock.now()).toISOString(),
    requestId,
    style: "unknown",
    action: query.get("Action") ?? String(request.headers["x-acs-action"] ?? ""),
    params: {},
    code: error.code,
    status: error.status,
  });
  const out = failure(error, requestId, "ecs.aliyuncs.com", "JSON");
  return { ...out, headers: { ...out.headers, "x-acs-request-id": requestId } };
}

function internal(error: unknown): ApiError {
  process.stderr.write(`emulator: internal error: ${error instanceof Error ? error.stack : String(error)}\n`);
  return apiError("InternalError");
}

function send(response: ServerResponse, result: SerializedResponse): void {
  if (response.destroyed) return;
  response.writeHead(result.status, { ...result.headers, "content-length": Buffer.byteLength(result.body) });
  response.end(result.body);
}

/** A person typed the emulator's address: no action, no signature, and HTML wanted. */
function isBrowserVisit(request: IncomingMessage): boolean {
  return request.method === "GET" && request.url === "/" && !request.headers.authorization && (request.headers.accept ?? "").includes("text/html");
}

function lowerHeaders(request: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(request.headers)) {
    if (value !== undefined) out[key.toLowerCase()] = Array.isArray(value) ? value.join(",") : value;
  }
  return out;
}

/** Parameter values that are secrets in a user's eyes never reach the request log. */
function redact(params: Record<string, string>): Record<string, string> {
  const out = { ...params };
  if (out["Parameters"]) out["Parameters"] = "[redacted]";
  return out;
}

function remember(log: RequestLogEntry[], entry: RequestLogEntry): void {
  log.push(entry);
  if (log.length > LOG_LIMIT) log.splice(0, log.length - LOG_LIMIT);
}
