/**
 * The one catalogue of wire errors the emulator returns: code, HTTP status and message exactly as
 * Alibaba Cloud's API reference documents them (each action's error table; the codes are kept in
 * test/fidelity/documented-error-codes.json, which the fidelity test holds this table to). Raise sites name an
 * entry of this table; they never invent code strings.
 */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    /** Extra response headers, e.g. x-acs-retry-after for throttling. */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = "ApiError";
  }
}

type Entry = readonly [status: number, message: string];

const catalogue = {
  // Gateway: request, authentication and signature errors.
  MissingParameter: [400, 'The input parameter "%s" that is mandatory for processing this request is not supplied.'],
  InvalidParameter: [400, "The specified parameter %s is not valid."],
  IncompleteSignature: [400, "The request signature does not conform to Aliyun standards."],
  SignatureDoesNotMatch: [400, "Specified signature is not matched with our calculation."],
  "InvalidAccessKeyId.NotFound": [404, "Specified access key is not found."],
  "InvalidSecurityToken.Expired": [400, "Specified SecurityToken is expired."],
  "InvalidSecurityToken.Malformed": [400, "Specified SecurityToken is malformed."],
  SignatureNonceUsed: [400, "Specified signature nonce was used already."],
  "InvalidTimeStamp.Expired": [400, "Specified time stamp or date value is expired."],
  "InvalidTimeStamp.Format": [400, "Specified time stamp or date value is not well formatted."],
  InvalidSignatureMethod: [400, "Specified signature method is not valid."],
  "InvalidAction.NotFound": [404, "Specified api is not found, please check your url and method."],
  InvalidVersion: [400, "Specified parameter Version is not valid."],
  "InvalidParameter.Format": [400, "Specified parameter format is not valid."],
  "Throttling.User": [400, "Request was denied due to user flow control."],
  InternalError: [500, "The request processing has failed due to some unknown error, exception or failure."],
  ServiceUnavailable: [503, "The request has failed due to a temporary failure of the server."],
  "InternalError.Dispatch": [500, "An error occurred when you dispatched the request."],
  IdempotentParameterMismatch: [403, "The specified parameter has changed while using an already used clientToken."],
  // Regions and common Cloud Assistant errors.
  "InvalidRegionId.NotFound": [404, "The RegionId provided does not exist in our records."],
  "Operation.Forbidden": [403, "The operation is not permitted."],
  "InvalidParameter.NextToken": [400, "The specified parameter NextToken is not valid."],
  "InvalidParameter.MaxResults": [400, "The specified parameter MaxResults is not valid."],
  "InvalidParam.PageNumber": [400, "The specified parameter is invalid."],
  "InvalidParam.PageSize": [400, "The specified parameter is invalid."],
  "NumberExceed.Tags": [400, "The Tags parameter number is exceed."],
  "Duplicate.TagKey": [400, "The Tag.N.Key contain duplicate key."],
  "InvalidTagKey.Malformed": [400, "The specified Tag.n.Key is not valid."],
  "InvalidTagValue.Malformed": [400, "The specified Tag.n.Value is not valid."],
  "MissingParameter.TagKey": [400, "You must specify Tag.N.Key."],
  // Tag APIs (TagResources, UntagResources).
  "NumberExceed.ResourceIds": [400, "The ResourceIds parameter's number is exceed , Valid : 50"],
  "InvalidResourceType.NotFound": [404, "The ResourceType provided does not exist in our records."],
  "InvalidResourceId.NotFound": [404, "The specified ResourceIds are not found in our records."],
  InvalidTagCount: [400, "The specified tags are beyond the permitted range."],
  // Commands.
  "CmdParam.EmptyKey": [400, "You must specify the parameter names."],
  "CmdParam.InvalidParamName": [
    400,
    "Invalid parameter name. The name can contain only lowercase letters (a to z), uppercase letters (A to Z), numbers (0 to 9), hyphens (-), and underscores (_).",
  ],
  "CmdContent.DecodeError": [400, "The CommandContent can not be base64 decoded."],
  "InvalidParameter.WorkingDir": [400, "The specified parameter WorkingDir is not valid."],
  "CmdContent.ExceedLimit": [403, "The length of the command content exceeds the upper limit."],
  "CmdName.ExceedLimit": [403, "The length of the command name exceeds the upper limit."],
  "CmdDesc.ExceedLimit": [403, "The length of the command description exceeds the upper limit."],
  "CmdCount.ExceedQuota": [403, "The total number of commands in the current region exceeds the quota."],
  "CmdParamCount.ExceedLimit": [403, "The maximum number of custom parameters is exceeded."],
  "CmdParamName.ExceedLimit": [403, "The maximum length of a parameter name is exceeded."],
  "InvalidLauncher.LengthLimitExceeded": [403, "The length of the parameter Launcher exceeds the limit of 1 KB characters."],
  "InvalidParameterCharacter.CommandName": [403, "The command Name contains illegal characters."],
  "InvalidParameterCharacter.CommandDescription": [403, "The command Description contains illegal characters."],
  "InvalidParameterCharacter.CommandWorkingDir": [403, "The command WorkingDir contains illegal characters."],
  "CmdName.Readonly": [403, "The command name is readonly after publishing."],
  "InvalidName.LengthLimitExceeded": [403, "The length of the parameter Name exceeds the upper limit."],
  "InvalidDescription.LengthLimitExceeded": [403, "The length of the parameter Description exceeds the upper limit."],
  "InvalidOssOutputDelivery.KeyPrefixMalformed": [400, "The prefix of the OSS key specified in the parameter OssOutputDelivery is not valid."],
  "InvalidTimeout.ExceedLimit": [403, "The specified parameter Timeout exceeds the upper limit."],
  "InvalidCmdType.NotFound": [404, "The specified command type does not exist."],
  "InvalidCommandType.NotFound": [404, "The specified parameter Type does not exist."],
  "InvalidCmdId.NotFound": [404, "The specified command ID does not exist."],
  "InvalidResourceGroup.NotFound": [404, "The ResourceGroup provided does not exist in our records."],
  // Invocations.
  "MissingParam.InstanceId": [400, "The parameter instanceId is missing or empty."],
  "InvalidContainerId.Malformed": [400, "The specified parameter ContainerId is not valid."],
  "InvalidContainerName.Malformed": [400, "The specified parameter ContainerName is not valid."],
  "InvalidClientToken.Malformed": [400, "The specified parameter clientToken is not valid."],
  "InvalidInstance.NotMatch": [400, "The specified instance type does not match the command."],
  "MissingParam.Frequency": [400, "The frequency must be specified when you create a timed task."],
  "InvalidParam.Frequency": [400, "The specified frequency is invalid."],
  "Parameter.MissingValue": [400, "The parameter value of this command is required."],
  "Parameter.Disabled": [400, "Parameters cannot be passed in when the command customization function is disabled."],
  "InvalidParameter.Parameters": [400, "The specified parameter Parameters is not valid."],
  "NumberExceed.ResourceTags": [400, "The maximum number of ResourceTags is exceeded."],
  "MissingParameter.ResourceTagKey": [400, "You must specify ResourceTag.N.Key."],
  "InvalidResourceTagKey.Malformed": [400, "The specified ResourceTag key is not valid."],
  "InvalidResourceTagValue.Malformed": [400, "The specified ResourceTag value is not valid."],
  "Duplicate.ResourceTagKey": [400, "The ResourceTag contains duplicate keys."],
  "InvalidResourceTag.InstanceNotFound": [400, "InstanceIds are not found by the specified ResourceTag."],
  "InvalidResourceTag.ConflictWithInstanceIds": [400, "The specified param ResourceTag conflicts with InstanceId."],
  "InstanceIds.ExceedLimit": [403, "The number of instance IDs exceeds the upper limit."],
  "Invocation.ExceedQuota": [403, "The invocation quota in the current region has been reached for today."],
  "ParameterCount.ExceedLimit": [403, "The maximum number of parameters is exceeded."],
  "ParameterKey.ExceedLimit": [403, "The maximum length of a parameter name is exceeded."],
  "InvokeCmdContent.ExceedLimit": [403, "The maximum length of a command is exceeded."],
  "ParameterKey.Duplicate": [403, "Parameter names cannot be duplicated."],
  "Parameter.NotMatched": [403, "The passed-in parameters do not match the parameters defined when you created the command."],
  "ParameterType.NotSupported": [403, "The type of parameter value is not supported."],
  "Username.ExceedLimit": [403, "The length of the username exceeds the upper limit."],
  "WindowsPasswordName.ExceedLimit": [403, "The length of the WindowsPasswordName exceeds the upper limit."],
  "WindowsPasswordName.Missed": [403, "WindowsPasswordName must be specified when you create a Windows task."],
  "InvalidRepeatMode.NotFound": [404, "The specified repeat mode does not exist."],
  "InvalidInstance.NotFound": [404, "The specified instance does not exist."],
  "InvalidTerminationMode.NotFound": [404, "The specified parameter TerminationMode does not exist."],
  "InvalidParameter.OssOutputDelivery": [400, "The specified parameter OssOutputDelivery is not valid."],
  "InvalidInvokeId.NotFound": [404, "The specified invoke ID does not exist."],
  "InvalidInstanceId.NotFound": [404, "The specified InstanceId does not exist."],
  "StopInvocation.InvalidInstanceId.NotFound": [404, "The specified parameter InstanceId does not exist."],
  "InvalidParam.IncludeHistory": [400, "The specified parameter IncludeHistory requires a periodic task."],
  // Instances.
  "InvalidStatus.NotFound": [404, "The specified Status is not found"],
  "InvalidNetworkType.NotFound": [404, "The specified InstanceNetworkType is not found"],
  "InvalidInstanceChargeType.NotFound": [404, "The InstanceChargeType does not exist in our records"],
  "InvalidFilterKey.NotFound": [404, "The specified filter key is not found."],
  IncorrectInstanceStatus: [403, "The current status of the resource does not support this operation."],
  DryRunOperation: [400, "Request validation has been passed with DryRun flag set."],
} as const satisfies Record<string, Entry>;

export type ErrorCode = keyof typeof catalogue;

/** Codes whose wire code differs from the catalogue key (two actions document different messages). */
const wireCode: Partial<Record<ErrorCode, string>> = {
  "InvokeCmdContent.ExceedLimit": "CmdContent.ExceedLimit",
  "StopInvocation.InvalidInstanceId.NotFound": "InvalidInstanceId.NotFound",
  "InvalidParam.IncludeHistory": "InvalidParameter",
};

/**
 * The gateway's answer to a missing business parameter: `Missing{Name}` (e.g. `MissingCommandId`),
 * 400, "{Name} is mandatory for this action." One template, so raise sites still name no code.
 */
export function missingParameter(name: string): ApiError {
  return new ApiError(`Missing${name}`, 400, `${name} is mandatory for this action.`);
}

/**
 * SignatureDoesNotMatch to a classic-signed request, as the real gateway words it: the message
 * ends with the string it signed, and official clients read it (the legacy Python and Go SDKs
 * compare it with their own, and report a wrong AccessKey secret when the two agree).
 */
export function signatureMismatch(stringToSign: string): ApiError {
  const [status, message] = catalogue.SignatureDoesNotMatch;
  return new ApiError("SignatureDoesNotMatch", status, `${message} server string to sign is:${stringToSign}`);
}

/**
 * The emulator's own refusal of a request a web browser sent on a page's behalf (see
 * wire/browser-guard). The cloud has no such answer: it is not in the catalogue of documented errors.
 */
export function crossSiteRefused(reason: string): ApiError {
  return new ApiError(
    "Emulator.CrossSiteRequestRefused",
    403,
    `The emulator refused this request: ${reason}. It runs commands as real shells on this machine, so it answers only ` +
      "API clients (SDKs, the CLI, Terraform) and its own dashboard, never a request a web page makes a browser send.",
  );
}

/** Builds the documented error; `%s` in the message is filled with `detail` when given. */
export function apiError(code: ErrorCode, detail?: string, headers?: Record<string, string>): ApiError {
  const [status, template] = catalogue[code];
  const message = template.includes("%s") ? template.replace("%s", detail ?? "") : template;
  return new ApiError(wireCode[code] ?? code, status, message, headers);
}
