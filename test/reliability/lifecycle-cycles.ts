import * as $Ecs from "@alicloud/ecs20140526";
import type { FaultSettings, RunningEmulator } from "../../emulator";
import { startSession } from "../../provider/cloud/session";
import { create, read, remove } from "../../provider/lifecycle/invocation-lifecycle";
import { PartialFailure } from "../../provider/lifecycle/partial-failure";
import { control, eventually, sdkClient } from "../support/emulator";
import { configureFor } from "../support/provider";
import { countRuns, firstLine, type Tally } from "./tally";

/** One fault, applied while whole create → read → delete cycles run through the real SDK. */
export interface FaultCase {
  slug: string;
  /** How the docs table names it. */
  fault: string;
  faults: FaultSettings;
  /** The command each cycle runs (a shell script). */
  content?: string;
  createTimeout?: string;
  /** Per-call read timeout of the client, ms (alicloud:clientReadTimeout). */
  clientReadTimeoutMs?: number;
  /** How many `pulumi up`s a user would try before giving up (default 4). */
  ups?: number;
  /** The fault hits only each cycle's first `up`; the ones after it run clean (a pipeline retried later). */
  firstUpOnly?: boolean;
  /** Something that happens while create waits, e.g. restarting the emulator. */
  duringWait?: (commandId: string) => Promise<void>;
}

/** The emulator a fault runs against; `current` changes when a fault restarts it. */
export interface EmulatorTarget {
  current(): RunningEmulator;
}

const INSTANCE = "i-linux0000000000001";
/** A secret parameter every run gets: no error message may ever show it. */
const PARAMETER_SECRET = "pr0d-db-pa55word-in-parameters";

async function attempts<T>(times: number, run: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      if (attempt >= times) throw error;
    }
  }
}

/**
 * Runs `cycles` create → read → delete cycles under `fault`, each as the engine would drive the
 * provider: a create that fails without an id is tried again (the user's next `up`), one that
 * records a partial failure stops there; refresh and destroy are retried until they succeed.
 */
export async function runFaultCycles(target: EmulatorTarget, fault: FaultCase, cycles: number): Promise<Tally> {
  const ecs = () => sdkClient(target.current());
  const content = `test -n "{{token}}" && ${fault.content ?? "echo run"}`;
  const commandIds: string[] = [];
  for (let i = 0; i < cycles; i++) {
    const request = new $Ecs.CreateCommandRequest({
      regionId: "cn-hangzhou",
      name: `${fault.slug}-${i}`,
      type: "RunShellScript",
      enableParameter: true,
      commandContent: Buffer.from(content).toString("base64"),
    });
    commandIds.push((await ecs().createCommand(request)).body!.commandId!);
  }
  const extra: Record<string, string> = fault.clientReadTimeoutMs ? { "alicloud:clientReadTimeout": String(fault.clientReadTimeoutMs) } : {};
  configureFor(target.current(), extra);
  const recorded = new Set<string>();
  const errors = new Set<string>();
  const secrets = [PARAMETER_SECRET, ...target.current().accessKeys.map((k) => k.accessKeySecret)];
  let secretsShown = 0;
  const seen = (error: unknown): void => {
    errors.add(firstLine(error));
    const text = error instanceof Error ? `${error.message}\n${error.stack ?? ""}` : String(error);
    secretsShown += secrets.filter((secret) => text.includes(secret)).length;
  };
  let completed = 0;
  let failed = 0;
  let refused = 0;
  await control(target.current(), "PUT", "faults", fault.faults);
  try {
    for (const [i, commandId] of commandIds.entries()) {
      const inputs = {
        commandId,
        instanceIds: [INSTANCE],
        parameters: { token: PARAMETER_SECRET },
        timeouts: { create: fault.createTimeout ?? "30s", delete: "30s" },
        __provider: "shim",
        __urn: `urn:pulumi:reliability::soak::pulumi-nodejs:dynamic/alicloud:EcsInvocation::${fault.slug}-${i}`,
      };
      let state: { id: string; outs: Record<string, unknown> } | undefined;
      for (let up = 1; up <= (fault.ups ?? 4) && !state; up++) {
        // Each `pulumi up` runs the provider in a process of its own.
        startSession();
        if (fault.firstUpOnly) await control(target.current(), "PUT", "faults", up === 1 ? fault.faults : {});
        const during = fault.duringWait?.(commandId);
        try {
          const result = await create(inputs as never);
          state = { id: result.id, outs: result.outs as never };
          completed += 1;
        } catch (error) {
          seen(error);
          if (error instanceof PartialFailure) {
            state = { id: error.id, outs: error.properties as Record<string, unknown> };
            failed += 1;
          }
        }
        await during;
      }
      if (!state) {
        refused += 1;
        continue;
      }
      recorded.add(state.id);
      const refreshed = await attempts(10, () =>
        read(state!.id, state!.outs as never).catch((error: unknown) => {
          seen(error);
          throw error;
        }),
      );
      await attempts(10, () =>
        remove(state!.id, (refreshed.props ?? state!.outs) as never).catch((error: unknown) => {
          seen(error);
          throw error;
        }),
      );
    }
  } finally {
    await control(target.current(), "PUT", "faults", {});
  }
  // Anything still running must settle before runs are counted.
  await eventually(async () => {
    const open = Object.values(target.current().store.state.regions["cn-hangzhou"]!.invocations).filter(
      (i) => commandIds.includes(i.commandId) && i.instances.some((s) => ["Pending", "Running", "Stopping"].includes(s.status)),
    );
    return open.length === 0 ? true : undefined;
  }, 60_000);
  const counts = countRuns(target.current(), commandIds, recorded, 1);
  const outcome = [completed && `${completed} succeeded`, failed && `${failed} recorded as failed`, refused && `${refused} refused with nothing run`]
    .filter(Boolean)
    .join(", ");
  return { fault: fault.fault, cycles, intended: cycles - refused, ...counts, secretsShown, result: outcome, errors: [...errors].sort() };
}
