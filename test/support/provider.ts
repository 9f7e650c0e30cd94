import type { RunningEmulator } from "../../emulator";
import { createEcsApi, type EcsApi } from "../../provider/cloud/ecs-api";
import { useStackConfig } from "../../provider/cloud/settings";

/** Points the provider's stack configuration at an emulator, as `pulumi config set alicloud:…` would. */
export function configureFor(emu: RunningEmulator, extra: Record<string, string> = {}): void {
  const key = emu.accessKeys[0]!;
  const values: Record<string, string> = {
    "alicloud:region": "cn-hangzhou",
    "alicloud:ecsEndpoint": emu.url,
    "alicloud:accessKey": key.accessKeyId,
    "alicloud:secretKey": key.accessKeySecret,
    ...extra,
  };
  useStackConfig({ get: (name) => values[name] });
}

/** The provider's own API client (real SDK transport, retries, budget) pointed at an emulator. */
export function emulatorApi(emu: RunningEmulator): EcsApi {
  const key = emu.accessKeys[0]!;
  return createEcsApi({
    regionId: "cn-hangzhou",
    credentials: { kind: "static", ...key },
    protocol: "http",
    endpoint: emu.endpoint,
    readTimeoutMs: 5000,
    connectTimeoutMs: 5000,
  });
}
