/**
 * The suite's own window on the target: the same transport the provider sends with (the SDK's
 * OpenAPI client, signed with the target's credentials), so what it observes is what the cloud
 * reports, not what the provider believes. Everything it asserts is read through here, which is
 * what lets the same flows run against the real cloud.
 */
import { createEcsClient } from "../../provider/cloud/client-factory";
import type { WireBody, WireQuery } from "../../provider/cloud/ecs-transport";
import { resolveSettings } from "../../provider/cloud/settings";
import { eventually } from "../support/eventually";
import type { AcceptanceTarget } from "./target";

export type Wire = Record<string, unknown>;

/** How often the suite polls the target (the cloud rate-limits; a second apart would slow the emulator run). */
export const POLL_INTERVAL_MS = 250;

/** Statuses after which nothing more runs. */
const FINAL = new Set(["Success", "Failed", "PartialFailed", "Stopped", "Cancelled", "Finished"]);

export class CloudView {
  private readonly transport;
  readonly region: string;

  constructor(target: Pick<AcceptanceTarget, "env" | "connection">) {
    this.region = target.connection.region;
    this.transport = createEcsClient(resolveSettings(this.region, target.env));
  }

  call(action: string, query: WireQuery = {}): Promise<WireBody> {
    return this.transport.call(action, { RegionId: this.region, ...query });
  }

  /** Every page of a MaxResults/NextToken listing, its items at `path` (e.g. Invocations.Invocation). */
  async all(action: string, query: WireQuery, path: [string, string]): Promise<Wire[]> {
    const items: Wire[] = [];
    let token: string | undefined;
    do {
      const body = await this.call(action, { ...query, MaxResults: 50, NextToken: token });
      items.push(...((((body[path[0]] as Wire | undefined)?.[path[1]] as Wire[] | undefined) ?? []) as Wire[]));
      token = (body["NextToken"] as string | undefined) || undefined;
    } while (token);
    return items;
  }

  /** The invocations (runs) of one command, as DescribeInvocations reports them. */
  invocationsOf(commandId: string): Promise<Wire[]> {
    return this.all("DescribeInvocations", { CommandId: commandId }, ["Invocations", "Invocation"]);
  }

  async invocation(invokeId: string): Promise<Wire | undefined> {
    return (await this.all("DescribeInvocations", { InvokeId: invokeId }, ["Invocations", "Invocation"]))[0];
  }

  /** Per-instance results of one invocation (Invocation.InvocationResults.InvocationResult), output decoded. */
  async results(invokeId: string): Promise<Wire[]> {
    const rows: Wire[] = [];
    let token: string | undefined;
    do {
      const body = await this.call("DescribeInvocationResults", { InvokeId: invokeId, ContentEncoding: "PlainText", MaxResults: 50, NextToken: token });
      const invocation = body["Invocation"] as Wire | undefined;
      rows.push(...((((invocation?.["InvocationResults"] as Wire | undefined)?.["InvocationResult"] as Wire[] | undefined) ?? []) as Wire[]));
      token = (invocation?.["NextToken"] as string | undefined) || undefined;
    } while (token);
    return rows;
  }

  commandsTagged(tags: Record<string, string>): Promise<Wire[]> {
    return this.all("DescribeCommands", { Tag: tagList(tags) }, ["Commands", "Command"]);
  }

  invocationsTagged(tags: Record<string, string>): Promise<Wire[]> {
    return this.all("DescribeInvocations", { Tag: tagList(tags) }, ["Invocations", "Invocation"]);
  }

  async command(commandId: string): Promise<Wire | undefined> {
    return (await this.all("DescribeCommands", { CommandId: commandId }, ["Commands", "Command"]))[0];
  }

  async instanceIdsTagged(tag: { key: string; value: string }): Promise<string[]> {
    const instances = await this.all("DescribeInstances", { Tag: tagList({ [tag.key]: tag.value }) }, ["Instances", "Instance"]);
    return instances.map((i) => String(i["InstanceId"])).sort();
  }

  /** Instances among `ids` that cannot take a command now, with why (not Running, agent not online). */
  async notReady(ids: string[]): Promise<string[]> {
    const instances = await this.all("DescribeInstances", { InstanceIds: JSON.stringify(ids) }, ["Instances", "Instance"]);
    // Only instances that exist are asked about: an unknown id fails the whole status call.
    const found = ids.filter((id) => instances.some((i) => i["InstanceId"] === id));
    const statuses = found.length === 0 ? {} : await this.call("DescribeCloudAssistantStatus", { InstanceId: found });
    const rows = ((statuses as Wire)["InstanceCloudAssistantStatusSet"] as Wire | undefined)?.["InstanceCloudAssistantStatus"] as Wire[] | undefined;
    const agents = Object.fromEntries((rows ?? []).map((row) => [String(row["InstanceId"]), String(row["CloudAssistantStatus"])]));
    return ids.flatMap((id) => {
      const instance = instances.find((i) => i["InstanceId"] === id);
      if (!instance) return [`${id}: not found in ${this.region}`];
      if (instance["Status"] !== "Running") return [`${id}: ${String(instance["Status"])}, not Running`];
      if (agents[id] !== "true") return [`${id}: its Cloud Assistant agent is not online`];
      return [];
    });
  }

  /** Waits until the invocation reaches a final status; returns it. */
  async finished(invokeId: string, timeoutMs = 120_000): Promise<Wire> {
    return eventually(
      async () => {
        const invocation = await this.invocation(invokeId);
        return invocation && FINAL.has(String(invocation["InvocationStatus"])) ? invocation : undefined;
      },
      timeoutMs,
      POLL_INTERVAL_MS,
    );
  }
}

export function tagList(tags: Record<string, string>): { Key: string; Value: string }[] {
  return Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
}
