import type { RunningEmulator } from "../../emulator";
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
