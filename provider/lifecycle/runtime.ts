import type { EcsApi } from "../cloud/ecs-api";
import { sharedApi } from "../cloud/session";
import { resolveSettings } from "../cloud/settings";
import { realTiming, type Timing } from "../cloud/timing";
import { engineProgress, engineWarning } from "./engine-progress";

/**
 * The seams between the lifecycle code and the outside world. Production uses the real SDK and the
 * wall clock; unit tests swap in their own (a fake clock, an emulator endpoint, a stub API).
 */
export interface LifecycleRuntime {
  api(regionId?: string): EcsApi;
  timing: Timing;
  /** A fresh idempotency token for InvokeCommand. */
  newClientToken(): string;
  /** Where progress messages go while waiting (the engine's display, when run by Pulumi). */
  progress(message: string, urn?: string): void;
  /** Where warnings go that the user must see in the step's output (why it replaces, what it resumed). */
  warn(message: string, urn?: string): void;
}

const defaultRuntime: LifecycleRuntime = {
  // One API per account and region for the whole process: shared request budget and status reads.
  api: (regionId) => sharedApi(resolveSettings(regionId), realTiming),
  timing: realTiming,
  newClientToken: () => `pulumi-${globalThis.crypto.randomUUID()}`,
  progress: (message, urn) => engineProgress(message, urn),
  warn: (message, urn) => engineWarning(message, urn),
};

let current: LifecycleRuntime = defaultRuntime;

export function runtime(): LifecycleRuntime {
  return current;
}

/** Replaces parts of the runtime (tests, progress reporting); returns a function that restores it. */
export function overrideRuntime(overrides: Partial<LifecycleRuntime>): () => void {
  const previous = current;
  current = { ...current, ...overrides };
  return () => {
    current = previous;
  };
}
