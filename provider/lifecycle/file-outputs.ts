import type { FileDelivery } from "../cloud/file-api";
import type { FileInputs } from "../schema/file-schema";

/** What an EcsFile stores: its inputs plus the task and each instance's delivery. */
export interface FileOutputs extends FileInputs {
  /** The file-sending task (`f-…`), the same as the id. */
  invokeId: string;
  status: string;
  instances: FileDelivery[];
  /** SHA-256 of the file's bytes: what changed, without showing the (secret) content. */
  contentSha256: string;
  creationTime: string;
  resolvedRegionId: string;
  /** The cloud no longer has the task's record (kept six weeks); the outputs are the last read. */
  recordExpired?: boolean;
}

export const FILE_OUTPUT_KEYS = [
  "invokeId",
  "status",
  "instances",
  "contentSha256",
  "creationTime",
  "resolvedRegionId",
  "recordExpired",
] as const satisfies readonly (keyof FileOutputs)[];
