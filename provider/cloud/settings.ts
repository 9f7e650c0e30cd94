/**
 * Where the provider finds its region, credentials and endpoint. Everything is read when a call is
 * made — never captured into the serialized `__provider`, never written to state:
 *
 * 1. the resource's own `regionId` input (region only);
 * 2. stack config: `alicloud:region`, `alicloud:accessKey`, `alicloud:secretKey`,
 *    `alicloud:securityToken`, `alicloud:profile`, `alicloud:ecsEndpoint`, `alicloud:clientReadTimeout`
 *    and `alicloud:clientConnectTimeout` (ms per HTTP call, as Terraform's provider names them),
 *    `alicloud:maxRequestsPerSecond` (the account's API rate limit, for the request budget);
 * 3. Terraform's environment variables: `ALICLOUD_REGION`, `ALICLOUD_ACCESS_KEY`,
 *    `ALICLOUD_SECRET_KEY`, `ALICLOUD_SECURITY_TOKEN`, `ALICLOUD_PROFILE`, `ALICLOUD_ECS_ENDPOINT`
 *    (and ours: `ALICLOUD_MAX_REQUESTS_PER_SECOND`);
 * 4. the `@alicloud/credentials` default chain (ALIBABA_CLOUD_* variables, ~/.alibabacloud and
 *    ~/.aliyun profiles, OIDC, ECS RAM role) for credentials, `ALIBABA_CLOUD_REGION_ID` for the region.
 */
export interface StackConfig {
  get(key: string): string | undefined;
}

export interface CloudSettings {
  regionId: string;
  credentials:
    | { kind: "static"; accessKeyId: string; accessKeySecret: string; securityToken?: string }
    | { kind: "profile"; profile: string }
    | { kind: "default-chain" };
  /** host[:port] without scheme, or undefined for the public endpoint of the region. */
  endpoint?: string;
  protocol: "http" | "https";
  /** How long one HTTP call may wait for its answer, in ms (Terraform's client_read_timeout). */
  readTimeoutMs: number;
  /** How long one HTTP call may wait to connect, in ms (Terraform's client_connect_timeout). */
  connectTimeoutMs: number;
  /**
   * The most API calls per second this process sends to the account (all resources together);
   * undefined: learnt from the cloud's throttling answers (see request-budget).
   */
  maxRequestsPerSecond?: number;
}

/** Socket timeouts of one HTTP call; the operation's own timeout bounds the retries around it. */
export const DEFAULT_CLIENT_TIMEOUT_MS = 15_000;

let stackConfig: StackConfig | undefined;

/** Called from the dynamic provider's `configure` with the stack's configuration. */
export function useStackConfig(config: StackConfig): void {
  stackConfig = config;
}

export class SettingsError extends Error {}

export function resolveSettings(regionFromInputs?: string, env: NodeJS.ProcessEnv = process.env): CloudSettings {
  const config = (key: string): string | undefined => nonEmpty(stackConfig?.get(`alicloud:${key}`));
  const regionId = nonEmpty(regionFromInputs) ?? config("region") ?? nonEmpty(env["ALICLOUD_REGION"]) ?? nonEmpty(env["ALIBABA_CLOUD_REGION_ID"]);
  if (!regionId) {
    throw new SettingsError(
      "No region is configured: set `pulumi config set alicloud:region cn-hangzhou`, the ALICLOUD_REGION environment variable, or the resource's regionId input.",
    );
  }
  const accessKeyId = config("accessKey") ?? nonEmpty(env["ALICLOUD_ACCESS_KEY"]);
  const accessKeySecret = config("secretKey") ?? nonEmpty(env["ALICLOUD_SECRET_KEY"]);
  if ((accessKeyId === undefined) !== (accessKeySecret === undefined)) {
    throw new SettingsError(
      "Only half of an access key pair is configured: set both alicloud:accessKey and alicloud:secretKey (or ALICLOUD_ACCESS_KEY and ALICLOUD_SECRET_KEY).",
    );
  }
  const profile = config("profile") ?? nonEmpty(env["ALICLOUD_PROFILE"]);
  const credentials: CloudSettings["credentials"] =
    accessKeyId && accessKeySecret
      ? { kind: "static", accessKeyId, accessKeySecret, securityToken: config("securityToken") ?? nonEmpty(env["ALICLOUD_SECURITY_TOKEN"]) }
      : profile
        ? { kind: "profile", profile }
        : { kind: "default-chain" };
  const timeouts: Pick<CloudSettings, "readTimeoutMs" | "connectTimeoutMs" | "maxRequestsPerSecond"> = {
    readTimeoutMs: clientTimeout("clientReadTimeout", config("clientReadTimeout") ?? nonEmpty(env["ALICLOUD_CLIENT_READ_TIMEOUT"])),
    connectTimeoutMs: clientTimeout("clientConnectTimeout", config("clientConnectTimeout") ?? nonEmpty(env["ALICLOUD_CLIENT_CONNECT_TIMEOUT"])),
  };
  const rate = config("maxRequestsPerSecond") ?? nonEmpty(env["ALICLOUD_MAX_REQUESTS_PER_SECOND"]);
  if (rate !== undefined && !(/^\d+(\.\d+)?$/.test(rate) && Number(rate) > 0)) {
    throw new SettingsError(`alicloud:maxRequestsPerSecond must be a positive number of API calls per second, such as 20; got ${JSON.stringify(rate)}.`);
  }
  if (rate !== undefined) timeouts.maxRequestsPerSecond = Number(rate);
  const endpointText = config("ecsEndpoint") ?? nonEmpty(env["ALICLOUD_ECS_ENDPOINT"]);
  if (!endpointText) return { regionId, credentials, protocol: "https", ...timeouts };
  const match = /^(?:(https?):\/\/)?([^/\s]+)\/?$/.exec(endpointText);
  if (!match) {
    throw new SettingsError(`The ECS endpoint ${JSON.stringify(endpointText)} is not valid: use host[:port] or http(s)://host[:port].`);
  }
  return { regionId, credentials, endpoint: match[2], protocol: (match[1] as "http" | "https" | undefined) ?? "https", ...timeouts };
}

function clientTimeout(key: string, text: string | undefined): number {
  if (text === undefined) return DEFAULT_CLIENT_TIMEOUT_MS;
  if (!/^\d+$/.test(text) || Number(text) < 1) {
    throw new SettingsError(`alicloud:${key} must be a whole number of milliseconds, such as 30000; got ${JSON.stringify(text)}.`);
  }
  return Number(text);
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === "" ? undefined : value;
}
