import type { EcsApi } from "../cloud/ecs-api";
import { tagText } from "./vocabulary";

/**
 * For an invocation aimed by `resourceTags`: the instances it ran on, against those the tags
 * select now. Tags move (instances are added to a fleet, retagged, released) while the invocation
 * stays as it ran; refresh reports the difference instead of silently re-targeting or re-running.
 */
export interface TargetDrift {
  /** The instances the invocation ran on (sorted). */
  ranOn: string[];
  /** The instances carrying the tags at the last refresh (sorted). */
  matchingNow: string[];
  /** Carry the tags now, but the command never ran on them. */
  added: string[];
  /** Ran the command, but no longer carry the tags (or no longer exist). */
  removed: string[];
}

/** The drift, or undefined when the tags still select exactly the instances the command ran on. */
export async function readTargetDrift(api: EcsApi, tags: Record<string, string>, ranOn: readonly string[], deadline: number): Promise<TargetDrift | undefined> {
  const matchingNow = (await api.describeInstances({ tags }, deadline)).map((i) => i.instanceId).sort();
  const before = [...ranOn].sort();
  const added = matchingNow.filter((id) => !before.includes(id));
  const removed = before.filter((id) => !matchingNow.includes(id));
  return added.length === 0 && removed.length === 0 ? undefined : { ranOn: before, matchingNow, added, removed };
}

/** The warning preview, up and refresh show beside the resource. */
export function targetDriftNote(invokeId: string | undefined, tags: Record<string, string> | undefined, drift: TargetDrift): string {
  const changes = [
    drift.added.length > 0 && `${drift.added.join(", ")} now carry them but never ran it`,
    drift.removed.length > 0 && `${drift.removed.join(", ")} ran it but no longer carry them`,
  ].filter(Boolean);
  return (
    `resourceTags ${tagText(tags)} now select ${drift.matchingNow.length} instance(s), not the ${drift.ranOn.length} that ${invokeId ?? "the invocation"} ran on: ` +
    `${changes.join("; ")} (as of the last refresh). Nothing is re-run by itself: \`pulumi up --replace\` on this resource runs the command on the instances the tags select now.`
  );
}
