import { createEcsTransport, type EcsTransport } from "./ecs-transport";
import { credentialsSdk, openApiCoreSdk } from "./sdk-modules";
import type { CloudSettings } from "./settings";

/** The only place that constructs the SDK client. */
export function createEcsClient(settings: CloudSettings): EcsTransport {
  const { $OpenApiUtil, default: OpenApiClient } = openApiCoreSdk();
  const { default: Credential, CLIProfileCredentialsProvider } = credentialsSdk();
  const config = new $OpenApiUtil.Config({
    regionId: settings.regionId,
    protocol: settings.protocol,
    endpoint: settings.endpoint ?? `ecs.${settings.regionId}.aliyuncs.com`,
    readTimeout: settings.readTimeoutMs,
    // The SDK also uses connectTimeout as the socket's idle timeout, so it must cover the read too.
    connectTimeout: Math.max(settings.connectTimeoutMs, settings.readTimeoutMs),
    userAgent: "pulumi-ecs-invocation",
  });
  switch (settings.credentials.kind) {
    case "static":
      config.accessKeyId = settings.credentials.accessKeyId;
      config.accessKeySecret = settings.credentials.accessKeySecret;
      if (settings.credentials.securityToken) config.securityToken = settings.credentials.securityToken;
      break;
    case "profile":
      // A named profile of ~/.aliyun/config.json, the file the aliyun CLI and Terraform's `profile` use.
      config.credential = new Credential(null, CLIProfileCredentialsProvider.builder().withProfileName(settings.credentials.profile).build());
      break;
    case "default-chain":
      config.credential = new Credential();
      break;
  }
  return createEcsTransport(new OpenApiClient(config));
}
