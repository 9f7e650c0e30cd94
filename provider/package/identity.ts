/**
 * The provider as a Pulumi package (a plugin, a schema and SDKs for every language): its name and
 * type tokens, shared by the plugin, the schema generator and the tests.
 */
export const PACKAGE_NAME = "alicloud-ecs-invocation";

/** Where the releases' files are published: the project's forge, one folder per version tag. */
export const RELEASES_URL = "https://github.com/pulumi-ecs-invocation/pulumi-ecs-invocation/releases/download/";

/**
 * Where the engine downloads the plugin of `version` from when a program needs it and it is not
 * installed: the release's archives (`pulumi-resource-<name>-v<version>-<os>-<arch>.tar.gz`). In the
 * schema and so in every SDK. The version is written out, not the engine's `${VERSION}` placeholder:
 * `pulumi import` (CLI v3.259.0) reads the URL as a PCL string and fails on the placeholder.
 */
export function pluginDownloadUrl(version: string): string {
  return `${RELEASES_URL}v${version}/`;
}

/** Type tokens of the resources the plugin serves. */
export const TOKENS = {
  invocation: `${PACKAGE_NAME}:index:EcsInvocation`,
  command: `${PACKAGE_NAME}:index:EcsCommand`,
  file: `${PACKAGE_NAME}:index:EcsFile`,
} as const;

/** Tokens of the functions (data sources) the plugin serves through Invoke. */
export const FUNCTION_TOKENS = {
  commands: `${PACKAGE_NAME}:index:getEcsCommands`,
  invocations: `${PACKAGE_NAME}:index:getEcsInvocations`,
} as const;

/** The provider resource's own type: `pulumi:providers:<package>`. */
export const PROVIDER_TOKEN = `pulumi:providers:${PACKAGE_NAME}`;

/**
 * The plugin's configuration keys (`alicloud-ecs-invocation:<key>`), each the same setting as the
 * dynamic provider's `alicloud:<key>` (see cloud/settings): one list for the schema and Configure.
 */
export const CONFIG_KEYS = {
  region: { secret: false, description: "Region of the resources, e.g. cn-hangzhou (as `alicloud:region`); default ALICLOUD_REGION." },
  accessKey: { secret: true, description: "Access key id (as `alicloud:accessKey`); default ALICLOUD_ACCESS_KEY, then the default credential chain." },
  secretKey: { secret: true, description: "Access key secret (as `alicloud:secretKey`); default ALICLOUD_SECRET_KEY." },
  securityToken: { secret: true, description: "STS security token with a temporary key pair (as `alicloud:securityToken`); default ALICLOUD_SECURITY_TOKEN." },
  profile: { secret: false, description: "Credentials profile of ~/.aliyun/config.json (as `alicloud:profile`); default ALICLOUD_PROFILE." },
  ecsEndpoint: {
    secret: false,
    description:
      "ECS API endpoint, host[:port] or http(s)://host[:port] (as `alicloud:ecsEndpoint`); default the region's public one, or ALICLOUD_ECS_ENDPOINT.",
  },
  clientReadTimeout: { secret: false, description: "Milliseconds one HTTP call may wait for its answer (default 15000)." },
  clientConnectTimeout: { secret: false, description: "Milliseconds one HTTP call may wait to connect (default 15000)." },
  maxRequestsPerSecond: { secret: false, description: "The account's API rate limit, calls per second; default: learnt from throttling." },
} as const;
