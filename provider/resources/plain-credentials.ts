import * as pulumi from "@pulumi/pulumi";

/** Config keys that hold credentials, each with the environment variable that keeps it out of state. */
const CREDENTIAL_KEYS: Record<string, string> = {
  "alicloud:accessKey": "ALICLOUD_ACCESS_KEY",
  "alicloud:secretKey": "ALICLOUD_SECRET_KEY",
  "alicloud:securityToken": "ALICLOUD_SECURITY_TOKEN",
};

let warned = false;

/**
 * Pulumi stores the whole stack configuration in the state of every dynamic provider, where only
 * secret values are encrypted. Users of @pulumi/alicloud had credentials encrypted by that
 * provider's schema whether or not they set them with --secret; here a plain value would land in
 * the state file unencrypted, so say so at preview, once per program, naming each key and the fix.
 */
export function warnPlainCredentials(): void {
  if (warned) return;
  warned = true;
  const isSecret = (pulumi.runtime as unknown as { isConfigSecret?: (key: string) => boolean }).isConfigSecret;
  if (!isSecret) return;
  for (const [key, envVar] of Object.entries(CREDENTIAL_KEYS)) {
    if (pulumi.runtime.getConfig(key) === undefined || isSecret(key)) continue;
    void pulumi.log.warn(
      `${key} is set in plain text, and Pulumi keeps the stack configuration in this dynamic provider's state: ` +
        `it would be written to the state file unencrypted. Run \`pulumi config set --secret ${key} <value>\`, ` +
        `or remove it (\`pulumi config rm ${key}\`) and use ${envVar}, an aliyun CLI profile (alicloud:profile) or a RAM role instead.`,
    );
  }
}
