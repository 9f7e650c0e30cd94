/**
 * Cloud errors as products: what happened (code, message, RequestId) and what to do. Classification
 * is pure so the retry strategy can be tested without a network.
 */
export type ErrorClass = "throttling" | "transient" | "network" | "client";

export interface SdkErrorShape {
  code?: string;
  statusCode?: number;
  message?: string;
  requestId?: string;
  retryAfter?: number;
  data?: { Code?: string; Message?: string; RequestId?: string };
}

const NETWORK_CODES = new Set([
  "ECONNRESET",
  "ECONNREFUSED",
  "ETIMEDOUT",
  "EPIPE",
  "EAI_AGAIN",
  "ENOTFOUND",
  "ESOCKETTIMEDOUT",
  "ECONNABORTED",
  "UND_ERR_SOCKET",
]);
const TRANSIENT_CODES = new Set([
  "ServiceUnavailable",
  "InternalError",
  "InternalError.Dispatch",
  "LastTokenProcessing",
  "IdempotentProcessing",
  "OperationConflict",
  "LimitedOperation.ServiceUnavailable",
]);

export function classify(error: unknown): ErrorClass {
  const e = error as SdkErrorShape & { name?: string };
  const code = e?.code ?? e?.data?.Code ?? "";
  if (/Throttling/i.test(code)) return "throttling";
  if (NETWORK_CODES.has(code) || /socket hang up|ECONNRESET|ECONNREFUSED|timeout/i.test(e?.message ?? "")) {
    if (e?.statusCode === undefined) return "network";
  }
  if (TRANSIENT_CODES.has(code) || (e?.statusCode !== undefined && e.statusCode >= 500)) return "transient";
  return "client";
}

export function isRetryable(error: unknown): boolean {
  return classify(error) !== "client";
}

/** Milliseconds the server asked us to wait (x-acs-retry-after), if it did. */
export function retryAfterMs(error: unknown): number | undefined {
  const value = (error as SdkErrorShape)?.retryAfter;
  return typeof value === "number" && value > 0 ? value : undefined;
}

/** What to do about the codes a user is most likely to meet. */
const HINTS: Record<string, (ctx: ErrorContext) => string> = {
  "InvalidCmdId.NotFound": (c) =>
    `Command ${c.commandId ?? "(unknown)"} does not exist in region ${c.regionId}: check commandId and the region (alicloud:region or regionId).`,
  "InvalidInstance.NotFound": (c) => `At least one instance does not exist in region ${c.regionId}: check instanceIds and the region.`,
  "InvalidInstance.NotMatch": () =>
    "The command type does not match an instance's OS: RunShellScript runs on Linux, RunBatScript and RunPowerShellScript on Windows.",
  "InvalidRegionId.NotFound": (c) => `Region ${c.regionId} does not exist or is not available to this account.`,
  "InvalidAccessKeyId.NotFound": () => "The access key id is not known: check alicloud:accessKey / ALICLOUD_ACCESS_KEY.",
  SignatureDoesNotMatch: () => "The request signature did not match: check the access key secret (alicloud:secretKey / ALICLOUD_SECRET_KEY).",
  "InvalidSecurityToken.Expired": () => "The STS security token has expired: refresh it (alicloud:securityToken / ALICLOUD_SECURITY_TOKEN).",
  "Parameter.Disabled": () =>
    "The command was created without enableParameter, so it takes no parameters: remove parameters or recreate the command with enableParameter: true.",
  "Parameter.MissingValue": () => "The command defines {{parameters}} that were not given values: add them to parameters.",
  "Parameter.NotMatched": () => "A parameter name is not defined by the command: parameters must match its {{name}} placeholders.",
  IdempotentParameterMismatch: () => "The clientToken was already used for a different request: use a new clientToken or remove it.",
  "Invocation.ExceedQuota": (c) => `The daily InvokeCommand quota of region ${c.regionId} is used up: try again tomorrow or ask for a higher quota.`,
  "InvalidInvokeId.NotFound": (c) => `Invocation ${c.invokeId ?? ""} does not exist in region ${c.regionId} (records are kept about 30 days).`,
  "Operation.Forbidden": (c) => missingPermission(c),
  Forbidden: (c) => missingPermission(c),
  "Forbidden.RAM": (c) => missingPermission(c),
  NoPermission: (c) => missingPermission(c),
};

/** The RAM action a refused call needs, named so the fix is one policy line (docs/ecs-invocation.md#permissions). */
function missingPermission(c: ErrorContext): string {
  return (
    `The credentials are not allowed to call ${c.action}: grant the RAM permission ecs:${c.action} ` +
    "(the provider needs ecs:InvokeCommand, ecs:DescribeInvocations, ecs:StopInvocation and ecs:TagResources; see Permissions in docs/ecs-invocation.md)."
  );
}

export interface ErrorContext {
  action: string;
  regionId: string;
  commandId?: string;
  invokeId?: string;
}

/** An error from the ECS API, with its code, RequestId and advice. */
export class CloudError extends Error {
  constructor(
    readonly action: string,
    readonly code: string,
    readonly cloudMessage: string,
    readonly requestId: string | undefined,
    readonly statusCode: number | undefined,
    readonly hint: string | undefined,
  ) {
    super(`${action} failed: ${code}: ${cloudMessage}${requestId ? ` (RequestId: ${requestId})` : ""}${hint ? `\n${hint}` : ""}`);
    this.name = "CloudError";
  }
}

/** Maps anything the SDK throws to a CloudError; never includes request parameters or credentials. */
export function toCloudError(error: unknown, context: ErrorContext, attempts = 1, waitedMs = 0): CloudError {
  if (error instanceof CloudError) return error;
  const e = error as SdkErrorShape;
  const kind = classify(error);
  const code = e?.data?.Code ?? e?.code ?? (kind === "network" ? "NetworkError" : ((error as Error)?.name ?? "Error"));
  const message = e?.data?.Message ?? stripSdkPrefix(e?.message ?? String(error));
  const requestId = e?.data?.RequestId ?? (e?.requestId && e.requestId !== "undefined" ? e.requestId : undefined);
  const retried = attempts > 1 ? ` after ${attempts} attempts over ${(waitedMs / 1000).toFixed(1)}s` : "";
  const hint =
    HINTS[code]?.(context) ??
    (kind === "network" ? "The ECS endpoint could not be reached: check the network and the endpoint setting (alicloud:ecsEndpoint)." : undefined);
  return new CloudError(context.action + retried, code, message, requestId, e?.statusCode, hint);
}

export function isNotFound(error: unknown, code: string): boolean {
  return error instanceof CloudError && error.code === code;
}

/**
 * The SDK prefixes messages with "code: 404, … request id: …"; keep only the API's text. On a
 * network error it appends the whole request URL, whose query carries every parameter (secret
 * `Parameters` values included): that part never reaches a user, a log or the state.
 */
function stripSdkPrefix(message: string): string {
  return message
    .replace(/\s*(GET|POST|PUT|DELETE|HEAD|PATCH)\s+https?:\/\/\S*(\s+failed\.?)?/g, "")
    .replace(/^[\w.]+: code: \d+, /, "")
    .replace(/ request id: [\w-]+$/, "");
}
