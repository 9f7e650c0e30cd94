import type { CommandInputs } from "../schema/command-schema";

/** The outputs a command has beyond its inputs (see INVOCATION_OUTPUT_KEYS). */
export const COMMAND_OUTPUT_KEYS = ["commandId", "creationTime", "resolvedRegionId"] as const satisfies readonly (keyof CommandOutputs)[];

/** What an EcsCommand stores: its inputs plus the command's id, region and creation time. */
export interface CommandOutputs extends CommandInputs {
  commandId: string;
  resolvedRegionId: string;
  creationTime: string;
}
