import type { WireQuery } from "../../cloud/ecs-transport";
import { invokeCommandQuery, type RunAction, runActionOf } from "../../schema/invocation-fields";
import type { InvocationInputs } from "../../schema/invocation-schema";

/** The call that starts a run of these inputs, and its parameters (ClientToken and region added by the caller). */
export interface RunRequest {
  action: RunAction;
  query: WireQuery;
}

/**
 * InvokeCommand for an existing command; RunCommand for an inline script, with RunCommand's
 * defaults stated rather than left to the cloud: the script's type (RunShellScript), placeholders
 * on when parameters are given, and no command kept unless asked.
 */
export function runRequest(inputs: Partial<InvocationInputs>): RunRequest {
  const action = runActionOf(inputs);
  const query: WireQuery = invokeCommandQuery(inputs, action);
  if (action === "RunCommand") {
    query["Type"] ??= "RunShellScript";
    query["ContentEncoding"] ??= "PlainText";
    query["EnableParameter"] ??= inputs.parameters !== undefined;
    query["KeepCommand"] ??= false;
  }
  return { action, query };
}
