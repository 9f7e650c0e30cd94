import { PACKAGE_NAME } from "../../provider/package/identity";

/** Where each language's generated SDK lives and what it is called (the schema's `language` section). */
export const SDK_NAMES = {
  nodejs: "@pulumi-ecs-invocation/alicloud-ecs-invocation",
  python: "pulumi_alicloud_ecs_invocation",
  goModule: "github.com/pulumi-ecs-invocation/pulumi-ecs-invocation/sdk/go/alicloud-ecs-invocation",
} as const;

export const PACKAGE_LANGUAGES = {
  nodejs: {
    packageName: SDK_NAMES.nodejs,
    packageDescription: `Pulumi SDK for the ${PACKAGE_NAME} provider.`,
    dependencies: { "@pulumi/pulumi": "^3.259.0" },
    respectSchemaVersion: true,
  },
  python: { packageName: SDK_NAMES.python, requires: { pulumi: ">=3.259.0,<4.0.0" }, pyproject: { enabled: true }, respectSchemaVersion: true },
  go: { importBasePath: SDK_NAMES.goModule, generateResourceContainerTypes: false, respectSchemaVersion: true },
} as const;
