/**
 * Removes what acceptance runs left in the cloud, found by their tags: commands are deleted,
 * invocations that could still run (pending, running, scheduled) are stopped. An invocation's
 * record cannot be deleted (the cloud drops it after about 30 days); a stopped one costs nothing.
 * Run after every suite run with its run tag, and on demand (`npm run test:live -- --sweep`) with
 * the suite tag alone, for runs that were interrupted before they could clean up.
 */
import type { CloudView } from "./cloud-view";

/** Statuses of an invocation that may still run something. */
const LIVE = new Set(["Pending", "Running", "Scheduled", "Stopping"]);

export interface SweepReport {
  stopped: string[];
  deleted: string[];
  /** Calls the cloud refused, with code and RequestId: the sweeper goes on and reports them. */
  failed: string[];
}

export async function sweep(view: CloudView, tags: Record<string, string>, log: (line: string) => void = () => {}): Promise<SweepReport> {
  const report: SweepReport = { stopped: [], deleted: [], failed: [] };
  const attempt = async (what: string, call: () => Promise<unknown>, done: string[]): Promise<void> => {
    try {
      await call();
      done.push(what);
      log(`  ${what}`);
    } catch (error) {
      const e = error as { code?: string; message?: string; data?: { RequestId?: string } };
      const line = `${what}: ${e.code ?? "error"} ${e.message ?? String(error)}${e.data?.RequestId ? ` (RequestId ${e.data.RequestId})` : ""}`;
      report.failed.push(line);
      log(`  ${line}`);
    }
  };
  const selector = Object.entries(tags)
    .map(([k, v]) => `${k}=${v}`)
    .join(", ");
  log(`sweeping ${view.region} for resources tagged ${selector}`);
  for (const invocation of await view.invocationsTagged(tags)) {
    if (!LIVE.has(String(invocation["InvocationStatus"]))) continue;
    const id = String(invocation["InvokeId"]);
    await attempt(`StopInvocation ${id} (${String(invocation["InvocationStatus"])})`, () => view.call("StopInvocation", { InvokeId: id }), report.stopped);
  }
  for (const command of await view.commandsTagged(tags)) {
    const id = String(command["CommandId"]);
    await attempt(`DeleteCommand ${id} (${String(command["Name"])})`, () => view.call("DeleteCommand", { CommandId: id }), report.deleted);
  }
  log(`swept: ${report.stopped.length} stopped, ${report.deleted.length} deleted, ${report.failed.length} refused`);
  return report;
}
