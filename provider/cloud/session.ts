import { createHash } from "node:crypto";
import { createEcsApi, type EcsApi } from "./ecs-api";
import { createRequestBudget, type RequestBudget } from "./request-budget";
import type { CloudSettings } from "./settings";
import type { Timing } from "./timing";

/**
 * One API (one SDK client) per region, endpoint and credentials, for the life of the provider
 * process (one `pulumi up`): every resource's calls go through it, so they share one request
 * budget per account and one reader that coalesces their status polls (see invocation-reader).
 */
const apis = new Map<string, EcsApi>();
const budgets = new Map<string, RequestBudget>();

export function sharedApi(settings: CloudSettings, timing: Timing): EcsApi {
  const key = digest(settings);
  let api = apis.get(key);
  if (!api) {
    api = createEcsApi(settings, timing, undefined, budgetFor(settings, timing));
    apis.set(key, api);
  }
  return api;
}

/**
 * Starts over, as a new provider process would: a process serves one engine operation, so the
 * lifecycle never calls this; tests that play several `pulumi up`s in one process do, between them.
 */
export function startSession(): void {
  apis.clear();
  budgets.clear();
}

/** The cloud limits each caller's calls to each endpoint: one budget per credentials and endpoint. */
function budgetFor(settings: CloudSettings, timing: Timing): RequestBudget {
  const account = digest({ endpoint: settings.endpoint ?? settings.regionId, credentials: settings.credentials, rate: settings.maxRequestsPerSecond });
  let budget = budgets.get(account);
  if (!budget) {
    budget = createRequestBudget(timing, { maxPerSecond: settings.maxRequestsPerSecond });
    budgets.set(account, budget);
  }
  return budget;
}

/** Keys are digests, so no credential is kept as a readable string beyond the settings themselves. */
function digest(value: unknown): string {
  return createHash("sha256").update(JSON.stringify(value)).digest("hex");
}
