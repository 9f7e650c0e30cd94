import type { IncomingMessage } from "node:http";
import type { Clock } from "./clock";
import { dashboardPage } from "./dashboard/page";
import { dashboardSnapshot } from "./dashboard/snapshot";
import type { Executor } from "./executor/executor";
import type { LocalOss } from "./executor/oss-delivery";
import type { Sandbox } from "./executor/sandbox";
import type { FaultInjector, FaultSettings } from "./faults";
import { buildInstance, type InstanceSpec } from "./model/fleet";
import type { Store } from "./model/store";
import type { Scheduler } from "./schedule/scheduler";
import type { SerializedResponse } from "./wire/serialize";
import { CONTROL_PREFIX, type RequestLogEntry } from "./wire/server";

export interface ControlDependencies {
  store: Store;
  faults: FaultInjector;
  executor: Executor;
  scheduler: Scheduler;
  oss: LocalOss;
  sandbox: Sandbox;
  clock: Clock;
  log: RequestLogEntry[];
  /** Restores the initial fleet and drops all commands, invocations and the request log. */
  reset: () => void;
}

/**
 * The emulator's own API under /_emulator/ for tests and benchmarks: request log, fleet, faults,
 * time and record expiry. It needs no signature: it is for the machine the emulator runs on.
 *
 *   GET    /_emulator/health                      → {"ok":true}
 *   GET    /_emulator/dashboard                   → the dashboard page (HTML; docs/emulator.md)
 *   GET    /_emulator/snapshot                    → what the dashboard draws (JSON)
 *   GET    /_emulator/requests[?action=X]         → request log entries
 *   DELETE /_emulator/requests                    → clears the log
 *   GET    /_emulator/fleet                       → instances
 *   PUT    /_emulator/fleet/<instanceId>          → creates or patches an instance (JSON body)
 *   POST   /_emulator/fleet                       → {count, prefix?, tags?, …}: that many instances at once
 *   DELETE /_emulator/fleet/<instanceId>          → releases it: runs still aimed at it end InstanceReleased
 *   GET    /_emulator/faults | PUT /_emulator/faults (FaultSettings JSON)
 *   POST   /_emulator/reset
 *   POST   /_emulator/clock/advance               → {"ms": N}: moves emulator time forward
 *   GET    /_emulator/oss/<bucket>/<key>          → an object OssOutputDelivery wrote (the run's whole output)
 *   GET    /_emulator/files/<instanceId>/<path>   → {content (Base64), mode (octal text)} of a file on the instance
 *   GET    /_emulator/invocations/<invokeId>      → the stored record
 *   POST   /_emulator/invocations/<invokeId>/expire → drops it, as retention would
 */
export function controlApi(deps: ControlDependencies) {
  return async (request: IncomingMessage, body: Buffer): Promise<SerializedResponse> => {
    const url = new URL(request.url ?? "/", "http://emulator");
    const parts = url.pathname.slice(CONTROL_PREFIX.length).split("/").filter(Boolean);
    const method = request.method ?? "GET";
    const input = body.length > 0 ? (JSON.parse(body.toString("utf8")) as unknown) : {};
    const route = `${method} ${parts[0] ?? ""}`;
    switch (route) {
      case "GET health":
        return ok({ ok: true });
      case "GET dashboard":
        return {
          status: 200,
          headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" },
          body: dashboardPage(`${CONTROL_PREFIX}snapshot`),
        };
      case "GET snapshot":
        return ok(dashboardSnapshot({ store: deps.store, scheduler: deps.scheduler, log: deps.log, now: deps.clock.now() }));
      case "GET requests": {
        const action = url.searchParams.get("action");
        return ok(action ? deps.log.filter((e) => e.action === action) : deps.log);
      }
      case "DELETE requests":
        deps.log.length = 0;
        return ok({ ok: true });
      case "GET fleet":
        return ok(Object.values(deps.store.state.instances));
      case "PUT fleet": {
        const instanceId = parts[1];
        if (!instanceId) return notFound();
        const existing = deps.store.instance(instanceId);
        const spec = { ...(existing ?? {}), ...(input as Partial<InstanceSpec>), instanceId };
        deps.store.state.instances[instanceId] = buildInstance(spec, deps.clock.now());
        deps.store.changed();
        return ok(deps.store.state.instances[instanceId]);
      }
      case "POST fleet": {
        // Many instances in one call, for fleet-scale tests: {count, prefix?, tags?, ...spec}.
        const { count, prefix, ...spec } = input as Partial<InstanceSpec> & { count?: unknown; prefix?: unknown };
        const n = Number(count);
        const head = typeof prefix === "string" && /^i-[a-z0-9]{1,10}$/.test(prefix) ? prefix : "i-fleet";
        if (!Number.isInteger(n) || n < 1 || n > 10_000) return badRequest("count must be a whole number from 1 to 10000");
        const now = deps.clock.now();
        const ids: string[] = [];
        for (let i = 1; i <= n; i++) {
          const instanceId = `${head}${String(i).padStart(20 - head.length, "0")}`;
          deps.store.state.instances[instanceId] = buildInstance({ ...spec, instanceId }, now);
          ids.push(instanceId);
        }
        deps.store.changed();
        return ok({ created: ids.length, first: ids[0], last: ids[ids.length - 1] });
      }
      case "DELETE fleet": {
        const instanceId = parts[1] ?? "";
        return deps.store.release(instanceId, deps.clock.now()) ? ok({ released: instanceId }) : notFound();
      }
      case "GET faults":
        return ok(deps.faults.current());
      case "PUT faults":
        deps.faults.configure(input as FaultSettings);
        return ok(deps.faults.current());
      case "POST reset":
        deps.reset();
        return ok({ ok: true });
      case "POST clock": {
        const clock = deps.clock as Clock & { advance?: (ms: number) => void };
        const ms = Number((input as { ms?: unknown }).ms);
        if (parts[1] !== "advance" || !clock.advance || !Number.isFinite(ms)) return notFound();
        clock.advance(ms);
        return ok({ now: new Date(deps.clock.now()).toISOString() });
      }
      case "GET oss": {
        const object = deps.oss.get(parts[1] ?? "", parts.slice(2).join("/"));
        if (!object) return notFound();
        return { status: 200, headers: { "content-type": "application/octet-stream" }, body: object };
      }
      case "GET files": {
        const instance = deps.store.instance(parts[1] ?? "");
        const file = instance && deps.sandbox.readFile(instance, `/${parts.slice(2).map(decodeURIComponent).join("/")}`);
        if (!file) return notFound();
        return ok({ content: file.bytes.toString("base64"), mode: file.mode.toString(8).padStart(4, "0") });
      }
      case "GET invocations":
      case "POST invocations": {
        const invokeId = parts[1] ?? "";
        const region = Object.values(deps.store.state.regions).find((r) => r.invocations[invokeId]);
        const invocation = region?.invocations[invokeId];
        if (!region || !invocation) return notFound();
        if (method === "GET") return ok(invocation);
        if (parts[2] !== "expire") return notFound();
        deps.executor.stop(invocation);
        delete region.invocations[invokeId];
        deps.store.changed();
        return ok({ expired: invokeId });
      }
      default:
        return notFound();
    }
  };
}

function ok(body: unknown): SerializedResponse {
  return { status: 200, headers: { "content-type": "application/json" }, body: JSON.stringify(body) };
}

function notFound(): SerializedResponse {
  return { status: 404, headers: { "content-type": "application/json" }, body: JSON.stringify({ error: "no such control endpoint" }) };
}

function badRequest(message: string): SerializedResponse {
  return { status: 400, headers: { "content-type": "application/json" }, body: JSON.stringify({ error: message }) };
}
