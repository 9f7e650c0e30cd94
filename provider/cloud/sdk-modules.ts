/**
 * The official SDK modules, loaded on first use. The generated `@alicloud/ecs20140526` client takes
 * about a quarter of a second to `require`, and most provider steps make no cloud call (`check`,
 * `diff`, every preview; the program itself never does): they must not pay for it.
 */
type EcsModule = typeof import("@alicloud/ecs20140526");
type OpenApiCoreModule = typeof import("@alicloud/openapi-core");
type CredentialsModule = typeof import("@alicloud/credentials");

let ecs: EcsModule | undefined;
let openApiCore: OpenApiCoreModule | undefined;
let credentials: CredentialsModule | undefined;

/** `@alicloud/ecs20140526`: the client (`default`) and its request models. */
export function ecsSdk(): EcsModule {
  ecs ??= require("@alicloud/ecs20140526") as EcsModule;
  return ecs;
}

export function openApiCoreSdk(): OpenApiCoreModule {
  openApiCore ??= require("@alicloud/openapi-core") as OpenApiCoreModule;
  return openApiCore;
}

export function credentialsSdk(): CredentialsModule {
  credentials ??= require("@alicloud/credentials") as CredentialsModule;
  return credentials;
}
