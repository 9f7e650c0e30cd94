/**
 * The one place that sends ECS API calls: the SDK family's generic OpenAPI client
 * (`@alicloud/openapi-core`), with the request shapes of the generated `@alicloud/ecs20140526`
 * client (RPC style, POST form, JSON answers, the same signing, endpoint and error types). The
 * generated client takes about a quarter of a second to `require` (a 1.5 MB client and thousands
 * of model files) — paid on every `pulumi up` that makes a call; the generic client is what it
 * delegates to anyway, and loads in a fraction of that.
 */
import type OpenApiClient from "@alicloud/openapi-core";
import { openApiCoreSdk } from "./sdk-modules";

/** A request as the API names its parameters: lists and tag lists are flattened to `Name.N[.Key]`. */
export type WireQuery = Record<string, string | number | boolean | string[] | { Key: string; Value: string }[] | undefined>;

/** The answer's JSON body, as the API names its fields. */
export type WireBody = Record<string, unknown>;

export interface EcsTransport {
  call(action: string, query: WireQuery): Promise<WireBody>;
}

const VERSION = "2014-05-26";

export function createEcsTransport(client: OpenApiClient): EcsTransport {
  const { $OpenApiUtil, OpenApiUtil } = openApiCoreSdk();
  return {
    async call(action, query) {
      const defined = Object.fromEntries(Object.entries(query).filter(([, value]) => value !== undefined));
      const request = new $OpenApiUtil.OpenApiRequest({ query: OpenApiUtil.query(defined) });
      const params = new $OpenApiUtil.Params({
        action,
        version: VERSION,
        protocol: "HTTPS",
        pathname: "/",
        method: "POST",
        authType: "AK",
        style: "RPC",
        reqBodyType: "formData",
        bodyType: "json",
      });
      // The runtime options of the generated client's plain calls: none (timeouts come from the config).
      const response = await client.callApi(params, request, {} as never);
      return (response["body"] ?? {}) as WireBody;
    },
  };
}
