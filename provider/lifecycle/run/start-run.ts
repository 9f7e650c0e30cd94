/**
 * Starts one run: InvokeCommand for a command, RunCommand for an inline script, with the run
 * identity tags and one ClientToken for every retry (see run-identity, run-request).
 */
import type { EcsApi, InvokeRequest, RunCommandRequest } from "../../cloud/ecs-api";
import { CloudError } from "../../cloud/errors";
import type { InvocationInputs } from "../../schema/invocation-schema";
import { runRequest } from "./run-request";

export async function startRun(
  api: EcsApi,
  args: InvocationInputs,
  clientToken: string,
  identityTags: Record<string, string> | undefined,
  deadline: number,
): Promise<string> {
  const tags = identityTags ? { ...args.tags, ...identityTags } : args.tags;
  const request = runRequest({ ...args, tags });
  try {
    // The schema made sure the action's required parameters are there (commandId or commandContent).
    const query = { ...request.query, ClientToken: clientToken } as InvokeRequest & RunCommandRequest;
    return await (request.action === "RunCommand" ? api.runCommand(query, deadline) : api.invokeCommand(query, deadline));
  } catch (error) {
    throw lostInvokeError(error, args.commandId ?? "an inline script (RunCommand)", api.regionId, clientToken);
  }
}

/**
 * When every InvokeCommand attempt ended without any HTTP response, the request may still have
 * reached the cloud: say so, and that the next `up` finds it (it carries this resource's tags).
 */
function lostInvokeError(error: unknown, commandId: string, regionId: string, clientToken: string): unknown {
  if (!(error instanceof CloudError) || error.statusCode !== undefined) return error;
  return new CloudError(
    error.action,
    error.code,
    error.cloudMessage,
    error.requestId,
    error.statusCode,
    `${error.hint ? `${error.hint}\n` : ""}The request may have reached the cloud before the connection failed, so the command may be running ` +
      `(an invocation of ${commandId} in region ${regionId}, sent with ClientToken ${clientToken}). The next \`pulumi up\` finds such an ` +
      "invocation by this resource's tags and records it instead of running the command again.",
  );
}
