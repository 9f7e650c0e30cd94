/**
 * What the acceptance suite runs against: the real cloud when `npm run test:live` is given
 * credentials, a region and the instances it may use; otherwise (in `npm test`) an emulator.
 * The flows are the same code either way: only the target differs.
 */
import type { RunningEmulator } from "../../emulator";
import type { CloudConnection } from "../e2e/harness";

/** Every resource the suite creates carries this tag: the sweeper finds leftovers by it. */
export const SUITE_TAG = { key: "acceptance-suite", value: "pulumi-ecs-invocation" } as const;
/** And this one, with the run's id as value: a run cleans up after itself by it. */
export const RUN_TAG_KEY = "acceptance-run";

export interface AcceptanceTarget {
  against: "cloud" | "emulator";
  /** Region, endpoint and (when given as a pair) keys, as the Pulumi projects are configured. */
  connection: CloudConnection;
  /** The environment the provider, `ecs-import` and the suite's own client read (ALICLOUD_*). */
  env: NodeJS.ProcessEnv;
  /** Instances the suite may run commands on (at least one). */
  instanceIds: string[];
  /** A tag selecting instances the suite may run on, for the resourceTags flow. */
  instanceTag?: { key: string; value: string };
  /** This run's id: the value of its run tag, and part of every name it creates. */
  runId: string;
}

/** The tags every resource of one run carries. */
export function suiteTags(target: AcceptanceTarget): Record<string, string> {
  return { [SUITE_TAG.key]: SUITE_TAG.value, [RUN_TAG_KEY]: target.runId };
}

export const SETTINGS_HELP = `The acceptance suite runs against the real cloud only when given everything it needs:
  credentials   ALICLOUD_ACCESS_KEY and ALICLOUD_SECRET_KEY (and ALICLOUD_SECURITY_TOKEN for STS),
                or ALICLOUD_PROFILE (a profile of ~/.aliyun/config.json)
  region        ALICLOUD_REGION, e.g. cn-hangzhou
  instances     ECS_ACCEPTANCE_INSTANCE_IDS=i-…,i-… (Running, Cloud Assistant agent online; the
                suite runs harmless shell commands on them), and/or
                ECS_ACCEPTANCE_INSTANCE_TAG=key=value (instances carrying it, for the resourceTags flow)
  endpoint      optional: ALICLOUD_ECS_ENDPOINT (default: the region's public endpoint)
Everything it creates is tagged ${SUITE_TAG.key}=${SUITE_TAG.value}; \`npm run test:live -- --sweep\` removes leftovers.`;

export type TargetOrRefusal = { target: AcceptanceTarget } | { refusal: string };

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === "" ? undefined : value.trim();
}

/** The live target `env` describes, or why it cannot run and what to set. */
export function liveTarget(env: NodeJS.ProcessEnv, runId: string, needInstances = true): TargetOrRefusal {
  const missing: string[] = [];
  const region = nonEmpty(env["ALICLOUD_REGION"]) ?? nonEmpty(env["ALIBABA_CLOUD_REGION_ID"]);
  if (!region) missing.push("a region (ALICLOUD_REGION)");
  const accessKeyId = nonEmpty(env["ALICLOUD_ACCESS_KEY"]);
  const accessKeySecret = nonEmpty(env["ALICLOUD_SECRET_KEY"]);
  const profile = nonEmpty(env["ALICLOUD_PROFILE"]);
  if (Boolean(accessKeyId) !== Boolean(accessKeySecret)) missing.push("both halves of the key pair (ALICLOUD_ACCESS_KEY and ALICLOUD_SECRET_KEY)");
  else if (!accessKeyId && !profile) missing.push("credentials (ALICLOUD_ACCESS_KEY and ALICLOUD_SECRET_KEY, or ALICLOUD_PROFILE)");
  const instanceIds = (nonEmpty(env["ECS_ACCEPTANCE_INSTANCE_IDS"]) ?? "")
    .split(",")
    .map((id) => id.trim())
    .filter(Boolean);
  const tagText = nonEmpty(env["ECS_ACCEPTANCE_INSTANCE_TAG"]);
  const tagMatch = tagText ? /^([^=]+)=(.+)$/.exec(tagText) : undefined;
  if (tagText && !tagMatch) missing.push(`ECS_ACCEPTANCE_INSTANCE_TAG as key=value (got ${JSON.stringify(tagText)})`);
  const badIds = instanceIds.filter((id) => !/^i-[a-z0-9]+$/.test(id));
  if (badIds.length > 0) missing.push(`instance ids of the form i-… in ECS_ACCEPTANCE_INSTANCE_IDS (got ${badIds.map((id) => JSON.stringify(id)).join(", ")})`);
  if (needInstances && instanceIds.length === 0 && !tagMatch)
    missing.push("the instances it may use (ECS_ACCEPTANCE_INSTANCE_IDS and/or ECS_ACCEPTANCE_INSTANCE_TAG)");
  if (missing.length > 0) return { refusal: `Not running against the cloud: missing ${missing.join("; ")}.\n\n${SETTINGS_HELP}` };
  const endpoint = nonEmpty(env["ALICLOUD_ECS_ENDPOINT"]);
  return {
    target: {
      against: "cloud",
      connection: { region: region!, endpoint, accessKeyId, accessKeySecret },
      env,
      instanceIds,
      instanceTag: tagMatch ? { key: tagMatch[1]!, value: tagMatch[2]! } : undefined,
      runId,
    },
  };
}

/** The same suite against an emulator: its two Linux web instances, named and by their `role=web` tag. */
export function emulatorTarget(emu: RunningEmulator, runId: string): AcceptanceTarget {
  const key = emu.accessKeys[0]!;
  const connection = { region: "cn-hangzhou", endpoint: emu.url, accessKeyId: key.accessKeyId, accessKeySecret: key.accessKeySecret };
  return {
    against: "emulator",
    connection,
    env: {
      ...process.env,
      ALICLOUD_REGION: connection.region,
      ALICLOUD_ECS_ENDPOINT: emu.url,
      ALICLOUD_ACCESS_KEY: key.accessKeyId,
      ALICLOUD_SECRET_KEY: key.accessKeySecret,
    },
    instanceIds: ["i-linux0000000000001", "i-linux0000000000002"],
    instanceTag: { key: "role", value: "web" },
    runId,
  };
}

/** A run id: short, sortable, safe in names and tag values. */
export function newRunId(now = new Date(), random = Math.random): string {
  return `${now.toISOString().replace(/\D/g, "").slice(2, 12)}-${Math.floor(random() * 36 ** 4)
    .toString(36)
    .padStart(4, "0")}`;
}
