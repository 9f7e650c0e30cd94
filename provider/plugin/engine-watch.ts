/** How often the plugin looks whether the engine that started it is still there. */
const ENGINE_CHECK_MS = 1_000;

/**
 * The engine ends its plugins when it ends; when it is killed (a CI runner's -9), nobody does, and
 * nothing will ever call again. The plugin then exits by itself: its parent is gone when it has
 * been handed to another one. A run it was waiting for goes on in the cloud; the next `up` finds it
 * by its tags and records it (lifecycle/run).
 */
export function exitWithEngine(): void {
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) process.exit(0);
  }, ENGINE_CHECK_MS).unref();
}
