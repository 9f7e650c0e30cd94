import type { Clock } from "./clock";
import { type RandomSource, seededRandom } from "./random";

/**
 * `internal` answers 500 InternalError; `dispatch` answers 500 InternalError.Dispatch, the code the
 * Cloud Assistant pages document for a request that could not be dispatched to the service.
 */
export type FaultKind = "throttle" | "internal" | "dispatch" | "unavailable" | "reset" | "lose-response" | "slow-response";

/** One-shot faults, consumed in order by the first matching request: deterministic for tests. */
export interface ScriptedFault {
  fault: FaultKind;
  /** Only requests for this action match; any action when absent. */
  action?: string;
  /** How many matching requests it hits (default 1). */
  count?: number;
}

export interface FaultSettings {
  /** Seed of the random source behind the rates below. */
  seed?: number;
  /** Requests per second accepted per access key; more get `Throttling.User` with x-acs-retry-after. */
  throttleRps?: number;
  /** Share of requests (0..1) answered 500 InternalError. */
  internalErrorRate?: number;
  /** Share of requests (0..1) answered 500 InternalError.Dispatch. */
  dispatchErrorRate?: number;
  /** Share of requests (0..1) answered 503 ServiceUnavailable. */
  unavailableRate?: number;
  /** Share of requests (0..1) whose connection is reset before any work is done. */
  resetRate?: number;
  /** Share of InvokeCommand/RunCommand calls that take effect but whose response is lost. */
  loseResponseRate?: number;
  /** Added delay for every request, in milliseconds. */
  latencyMs?: number;
  /** Share of requests (0..1) that take effect but are answered only after `slowResponseMs`. */
  slowResponseRate?: number;
  /** How late a slow response comes (default 2000 ms): set it above the client's read timeout. */
  slowResponseMs?: number;
  script?: ScriptedFault[];
}

export interface FaultDecision {
  /** Answer with this fault instead of running the action. */
  before?: Exclude<FaultKind, "lose-response" | "slow-response">;
  /** Run the action, then drop the connection instead of answering. */
  loseResponse: boolean;
  /** Run the action, then wait this long before answering (a response slower than the client waits). */
  slowResponseMs?: number;
  latencyMs: number;
  /** For throttling: milliseconds until the next request would be accepted. */
  retryAfterMs?: number;
}

const SIDE_EFFECT_ACTIONS = new Set(["InvokeCommand", "RunCommand"]);

export class FaultInjector {
  private settings: FaultSettings = {};
  private random: RandomSource = seededRandom(1);
  private readonly windows = new Map<string, { second: number; count: number }>();

  constructor(
    private readonly clock: Clock,
    initial: FaultSettings = {},
  ) {
    this.configure(initial);
  }

  configure(settings: FaultSettings): void {
    this.settings = { ...settings, script: (settings.script ?? []).map((s) => ({ ...s, count: s.count ?? 1 })) };
    this.random = seededRandom(settings.seed ?? 1);
  }

  current(): FaultSettings {
    return this.settings;
  }

  decide(action: string, accessKeyId: string): FaultDecision {
    const decision: FaultDecision = { loseResponse: false, latencyMs: this.settings.latencyMs ?? 0 };
    const scripted = this.takeScripted(action);
    if (scripted === "lose-response") {
      decision.loseResponse = SIDE_EFFECT_ACTIONS.has(action);
      return decision;
    }
    if (scripted === "slow-response") return { ...decision, slowResponseMs: this.settings.slowResponseMs ?? 2_000 };
    if (scripted) {
      decision.before = scripted;
      if (scripted === "throttle") decision.retryAfterMs = 1000;
      return decision;
    }
    const throttleWait = this.throttleWait(accessKeyId);
    if (throttleWait !== undefined) return { ...decision, before: "throttle", retryAfterMs: throttleWait };
    const roll = this.random.next();
    const internal = this.settings.internalErrorRate ?? 0;
    const dispatch = internal + (this.settings.dispatchErrorRate ?? 0);
    const unavailable = dispatch + (this.settings.unavailableRate ?? 0);
    const reset = unavailable + (this.settings.resetRate ?? 0);
    if (roll < internal) decision.before = "internal";
    else if (roll < dispatch) decision.before = "dispatch";
    else if (roll < unavailable) decision.before = "unavailable";
    else if (roll < reset) decision.before = "reset";
    else if (SIDE_EFFECT_ACTIONS.has(action) && this.random.next() < (this.settings.loseResponseRate ?? 0)) decision.loseResponse = true;
    else if (this.random.next() < (this.settings.slowResponseRate ?? 0)) decision.slowResponseMs = this.settings.slowResponseMs ?? 2_000;
    return decision;
  }

  private takeScripted(action: string): FaultKind | undefined {
    const script = this.settings.script ?? [];
    const index = script.findIndex((s) => !s.action || s.action === action);
    if (index < 0) return undefined;
    const entry = script[index]!;
    entry.count = (entry.count ?? 1) - 1;
    if (entry.count <= 0) script.splice(index, 1);
    return entry.fault;
  }

  private throttleWait(accessKeyId: string): number | undefined {
    const limit = this.settings.throttleRps;
    if (!limit) return undefined;
    const now = this.clock.now();
    const second = Math.floor(now / 1000);
    const window = this.windows.get(accessKeyId);
    if (!window || window.second !== second) {
      this.windows.set(accessKeyId, { second, count: 1 });
      return undefined;
    }
    window.count += 1;
    return window.count > limit ? (second + 1) * 1000 - now : undefined;
  }
}
