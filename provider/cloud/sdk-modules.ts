/**
 * The official SDK modules, loaded on first use: most provider steps make no cloud call (`check`,
 * `diff`, every preview; the program itself never does), and they must not pay for loading them.
 * (The generated `@alicloud/ecs20140526` client is not loaded at all: see ecs-transport.)
 */
type OpenApiCoreModule = typeof import("@alicloud/openapi-core");
type CredentialsModule = typeof import("@alicloud/credentials");

let openApiCore: OpenApiCoreModule | undefined;
let credentials: CredentialsModule | undefined;

export function openApiCoreSdk(): OpenApiCoreModule {
  openApiCore ??= require("@alicloud/openapi-core") as OpenApiCoreModule;
  return openApiCore;
}

export function credentialsSdk(): CredentialsModule {
  credentials ??= require("@alicloud/credentials") as CredentialsModule;
  return credentials;
}
