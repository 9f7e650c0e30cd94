import * as pulumi from "@pulumi/pulumi";

/**
 * The URN the engine will give a resource, computed in the program before it is registered.
 *
 * Works around: a dynamic provider's create and delete are never told the URN of the resource
 * they act on (pulumi/pulumi sdk/nodejs/cmd/dynamic-provider passes only id and properties), yet
 * this provider needs it to show progress beside the resource and to recognise the runs that an
 * interrupted create of the same resource started (lifecycle/run-identity.ts).
 *
 * The layout is the engine's: `urn:pulumi:<stack>::<project>::<qualified type>::<name>`, where a
 * child's qualified type is its parent's followed by `$<type>`, and the root stack is no parent.
 */
export function engineUrn(type: string, name: string, parent: pulumi.Resource | undefined): pulumi.Input<string> {
  const topLevel = `urn:pulumi:${pulumi.getStack()}::${pulumi.getProject()}::${type}::${name}`;
  if (!parent) return topLevel;
  return parent.urn.apply((parentUrn) => childUrn(parentUrn, type, name) ?? topLevel);
}

/** The URN of a child of the resource `parentUrn` names; undefined when that is not a URN. */
export function childUrn(parentUrn: string, type: string, name: string): string | undefined {
  const match = /^(urn:pulumi:[^:]*::[^:]*)::(.+)::([^:]*)$/.exec(parentUrn);
  if (!match) return undefined;
  const [, prefix, parentType] = match;
  const qualified = parentType === "pulumi:pulumi:Stack" ? type : `${parentType}$${type}`;
  return `${prefix}::${qualified}::${name}`;
}
