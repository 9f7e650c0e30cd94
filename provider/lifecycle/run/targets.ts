/**
 * Instance ids as a set, in one order whatever order the program lists them in: a rollout's plan,
 * its batches and a dry run's parts never depend on it (so a reordered list changes nothing).
 */
export function stableOrder(instanceIds: readonly string[]): string[] {
  return [...new Set(instanceIds)].sort();
}
