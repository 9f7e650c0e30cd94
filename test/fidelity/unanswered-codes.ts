/**
 * The Cloud Assistant actions the emulator must cover in full, and the documented error codes of
 * theirs it never answers, each with why that code cannot occur against a local emulator. The
 * fidelity table shows these beside the codes answered; test/fidelity/fidelity.test.ts fails when a
 * documented code of these actions is neither answered nor explained here, or is explained but answered.
 */
export const CLOUD_ASSISTANT_ACTIONS = [
  "InvokeCommand",
  "RunCommand",
  "CreateCommand",
  "ModifyCommand",
  "DeleteCommand",
  "DescribeCommands",
  "DescribeInvocations",
  "DescribeInvocationResults",
  "StopInvocation",
  "DescribeCloudAssistantStatus",
  "SendFile",
  "DescribeSendFileResults",
] as const;

/** At least this share of each such action's SDK response fields is filled by the emulator. */
export const MIN_RESPONSE_FIELD_SHARE = 0.95;

const NO_OSS = "no OSS locally: output goes to a local folder, so every bucket exists, is in the region and is writable (docs/cloud-assumptions.md A7)";
const NO_RAM_ROLE = "no RAM locally: the service-linked role OSS delivery needs is never created or refused";
const NO_PARAMETER_STORE = "no OOS Parameter Store locally: `{{oos:…}}` parameter references are passed through unresolved";

export const NOT_ANSWERED: Record<string, string> = {
  "RegionId.ApiNotSupported": "every region the emulator serves offers Cloud Assistant; the cloud answers this in a region that does not",
  "InvalidStatus.ResourceGroup": "resource groups have no lifecycle locally: any rg-… id is ready, never being created or deleted",
  IdempotentProcessing: "the emulator finishes each call before it answers, so no earlier request with the same ClientToken is ever still in progress",
  "InvalidParameterCharset.Parameters":
    "which character sets the cloud refuses in Parameters is not documented; the emulator accepts any Unicode text JSON can carry",
  "InvalidOssOutputDelivery.BucketAccessDenied": NO_OSS,
  "InvalidOssOutputDelivery.BucketInOtherRegion": NO_OSS,
  "InvalidOssOutputDelivery.BucketNotFound": NO_OSS,
  "CreateServiceLinkedRole.NoPermission": NO_RAM_ROLE,
  "ResourceBusy.SlrCreation": NO_RAM_ROLE,
  "TemporaryAccessKey.Error": `${NO_PARAMETER_STORE} (the temporary key is the one the service takes to read them)`,
  "ParameterStore.InvalidParameters": NO_PARAMETER_STORE,
  "ParameterStore.NoPermission": NO_PARAMETER_STORE,
  "ParameterStore.NotSupported": NO_PARAMETER_STORE,
};
