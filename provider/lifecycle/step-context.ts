/**
 * The one contract between a host and the lifecycle. Two hosts serve the same steps: the dynamic
 * provider (resources/dynamic-host) and the provider plugin (plugin/provider-server). Each builds a
 * StepContext from what the engine told it and hands the lifecycle the resource's own properties,
 * nothing else: no URN or timeout smuggled in as an input, no cast between host and lifecycle.
 */

import type { EcsApi } from "../cloud/ecs-api";
import type { Timing } from "../cloud/timing";
import type { CheckFailure } from "../schema/check-failures";
import { timeoutMs } from "../schema/duration";
import { resourceLabel } from "./replace-reason";
import { runtime } from "./runtime";

export interface StepContext {
  /**
   * The resource's URN: it names the resource's runs (run-identity) and places messages beside it.
   * Undefined only where a host cannot know it (a dynamic resource read by `get`).
   */
  readonly urn: string | undefined;
  readonly timing: Timing;
  /** The cloud client of a region (default: the stack's `region`). */
  api(regionId?: string): EcsApi;
  /** How long this step may take, in ms: the declared timeout (an input) wins over the engine's (customTimeouts), then 1 minute. */
  timeoutMs(declared: string | undefined): number;
  /** The epoch ms by which this step must end: now plus timeoutMs(declared). */
  deadline(declared: string | undefined): number;
  /** A passing line beside the resource while it waits (replaced by the next one). */
  progress(line: string): void;
  /** A warning that stays beside the resource, naming it. */
  warn(message: string): void;
  /** A fresh idempotency token for a run. */
  newClientToken(): string;
}

/**
 * The context of one step of the resource `urn`. `engineTimeoutSeconds` is what the engine passed
 * for this step (the customTimeouts option; the plugin gets it, a dynamic provider never does).
 */
export function stepContext(urn: string | undefined, engineTimeoutSeconds?: number): StepContext {
  const rt = runtime();
  const stepTimeoutMs = (declared: string | undefined): number =>
    declared === undefined && engineTimeoutSeconds ? engineTimeoutSeconds * 1000 : timeoutMs(declared);
  return {
    urn,
    timing: rt.timing,
    api: (regionId) => rt.api(regionId),
    timeoutMs: stepTimeoutMs,
    deadline: (declared) => rt.timing.now() + stepTimeoutMs(declared),
    progress: (line) => rt.progress(line, urn),
    warn: (message) => rt.warn(`${resourceLabel(urn)}: ${message}`, urn),
    newClientToken: () => rt.newClientToken(),
  };
}

/** What diff answers: whether anything changed, what replaces, and that replacing deletes first. */
export interface DiffResult {
  changes: boolean;
  replaces: string[];
  deleteBeforeReplace: boolean;
}

/** What read answers: no id when the resource is gone; else its outputs, and its inputs as the cloud reports them. */
export interface ReadResult<I, O> {
  id?: string;
  props?: O;
  inputs?: Partial<I>;
}

/**
 * The six steps of a resource, as both hosts call them. Methods, so a host may hold any resource's
 * lifecycle as `ResourceLifecycle<object, object>`: it hands over the engine's (checked) values.
 */
export interface ResourceLifecycle<I extends object, O extends object> {
  check(ctx: StepContext, olds: Partial<I>, news: I): Promise<{ inputs: I; failures: CheckFailure[] }>;
  diff(ctx: StepContext, id: string, olds: O, news: I): Promise<DiffResult>;
  create(ctx: StepContext, inputs: I): Promise<{ id: string; outs: O }>;
  read(ctx: StepContext, id: string, props: O): Promise<ReadResult<I, O>>;
  update(ctx: StepContext, id: string, olds: O, news: I): Promise<{ outs: O }>;
  remove(ctx: StepContext, id: string, props: O): Promise<void>;
}
