import type { EcsApi } from "./ecs-api";

/**
 * One `create(api)` per API object, made on first use: the parts of a provider process that share
 * work between its resources (status reads, the interrupted-run search) live as long as its API.
 */
export function perApi<T>(create: (api: EcsApi) => T): (api: EcsApi) => T {
  const made = new WeakMap<EcsApi, T>();
  return (api) => {
    let value = made.get(api);
    if (value === undefined) {
      value = create(api);
      made.set(api, value);
    }
    return value;
  };
}
