/**
 * The combination test (issue #24): every way to run — a plain run, a rollout, an inline script,
 * an onDelete cleanup — with every feature the docs allow beside it, through the real CLI. Each
 * scenario is one stack holding one resource per way to run, all with the same feature, so one
 * `pulumi up` tests four pairs; both serving paths run the same scenarios (combinations-*.test.ts).
 *
 * The promises checked every time: each instance runs exactly as documented (once, unless a
 * rollout round runs it again on purpose), no run overlaps another run of the same resource, and
 * nothing secret shows in plain text in the state (history and backups included) or in what the
 * CLI printed (the harness scans every command's output and the whole backend folder).
 */
import { DEFAULT_FLEET, type InstanceSpec, type RunningEmulator } from "../../../emulator";
import { concurrentRuns, type Run, runsWhere } from "../../support/runs";
import { PulumiProject, SPEC_PROGRAM } from "../harness";

/** The ways to run, one resource each. */
export const MODES = ["plain", "rollout", "inline", "cleanup"] as const;
export type Mode = (typeof MODES)[number];

/** Each mode's own instances, so their runs are told apart (the cleanup's are the resource's). */
export const TARGETS: Record<Mode, string[]> = {
  plain: ids(1, 2),
  rollout: ids(3, 8),
  inline: ids(9, 10),
  cleanup: ids(11, 12),
};

/** Instances i-combo…01 to …NN: Running, agent online, tagged `combo=<n>`. */
function ids(from: number, to: number): string[] {
  return Array.from({ length: to - from + 1 }, (_, i) => `i-combo${String(from + i).padStart(13, "0")}`);
}

/** A fleet for the matrix: the default one, the combo instances, and 150 for a wide rollout. */
export const FLEET: InstanceSpec[] = [
  ...DEFAULT_FLEET,
  ...ids(1, 16).map((instanceId) => ({ instanceId, tags: { combo: "yes" } })),
  ...Array.from({ length: 150 }, (_, i) => ({ instanceId: `i-wide${String(i + 1).padStart(14, "0")}`, tags: { wide: "yes" } })),
];

export const WIDE = FLEET.filter((i) => i.tags?.["wide"]).map((i) => i.instanceId);

/** A script that names itself in its output (`<marker>`), so its runs are found among the emulator's. */
export function script(marker: string, body = ""): string {
  return `echo ${marker} on {{ACS::InstanceId}}${body ? `; ${body}` : ""}`;
}

/** What each mode's resource is, given its marker's script and extra arguments for all. */
export function matrixSpec(
  scripts: Record<Mode, string>,
  extra: Record<string, unknown>,
  options: { cleanupScript?: string; cleanupExtra?: Record<string, unknown>; targets?: Partial<Record<Mode, unknown>>; enableParameter?: boolean } = {},
) {
  const command = (content: string) => ({ name: "combo", type: "RunShellScript", commandContent: content, enableParameter: options.enableParameter });
  const targets = (mode: Mode) => options.targets?.[mode] ?? { instanceIds: TARGETS[mode] };
  return {
    commands: { plain: command(scripts.plain), rollout: command(scripts.rollout), cleanup: command(scripts.cleanup) },
    invocations: {
      plain: { args: { commandId: "$plain", ...targets("plain"), ...extra } },
      rollout: { args: { commandId: "$rollout", ...targets("rollout"), rollout: { maxConcurrency: 2 }, ...extra } },
      inline: { args: { commandContent: scripts.inline, ...targets("inline"), ...extra } },
      cleanup: {
        args: {
          commandId: "$cleanup",
          ...targets("cleanup"),
          ...extra,
          onDelete: { commandContent: options.cleanupScript ?? script("never-set"), ...options.cleanupExtra },
        },
      },
    },
  };
}

/** The markers of one scenario: each mode's script and the cleanup's, unique to the scenario and path. */
export function markers(scenario: string, path: string): Record<Mode | "onDelete" | "byTags" | "wide", string> {
  const tag = `${scenario}-${path}`.replace(/[^a-z0-9-]/gi, "");
  // None is part of another: a script is found by the marker it prints.
  return {
    plain: `${tag}-plain`,
    rollout: `${tag}-rollout`,
    inline: `${tag}-inline`,
    cleanup: `${tag}-main`,
    onDelete: `${tag}-ondelete`,
    byTags: `${tag}-bytags`,
    wide: `${tag}-wide`,
  };
}

/** Every execution of a script that printed `marker` (InvokeCommand or RunCommand alike). */
export function runsOfScript(emu: RunningEmulator, marker: string): Run[] {
  return runsWhere(emu, (invocation) => Buffer.from(invocation.commandContent, "base64").toString("utf8").includes(marker));
}

/** How many times the script ran on each instance, as `{ instanceId: count }`. */
export function runCounts(emu: RunningEmulator, marker: string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const run of runsOfScript(emu, marker)) counts[run.instanceId] = (counts[run.instanceId] ?? 0) + 1;
  return counts;
}

/** `{ id: 1 }` for each of `instanceIds`: what "each ran exactly once" looks like. */
export function once(instanceIds: readonly string[]): Record<string, number> {
  return Object.fromEntries(instanceIds.map((id) => [id, 1]));
}

/** The promises of one marker: each target ran exactly once, none beside another run of itself. */
export function expectOnceEach(emu: RunningEmulator, marker: string, targets: readonly string[]): void {
  expect({ marker, counts: runCounts(emu, marker) }).toEqual({ marker, counts: once(targets) });
  expect({ marker, overlapping: concurrentRuns(runsOfScript(emu, marker)) }).toEqual({ marker, overlapping: [] });
}

/** A project of the spec program through one serving path (`native`: the package's SDK and plugin). */
export async function matrixProject(name: string, emu: RunningEmulator, native: boolean): Promise<PulumiProject> {
  const project = await PulumiProject.from(SPEC_PROGRAM, name, emu, { native });
  if (native) await project.config("sdk", "package");
  return project;
}
