/**
 * Node's module compile cache for the dynamic provider host. Every `pulumi` command starts a new
 * host, which compiles the lifecycle, its rules and the cloud SDK from source again: loading them
 * takes about 175 ms here, 125 ms with the cache (docs/performance.md). With the cache, V8's
 * compiled code is kept between commands where build tools keep theirs —
 * `node_modules/.cache/pulumi-ecs-invocation` of the project the package is installed in — never
 * in the temp dir. Nothing changes under a Node.js without the API (before 22.10), with
 * `NODE_DISABLE_COMPILE_CACHE=1`, outside a node_modules folder or when the folder is read-only:
 * the modules compile as before.
 *
 * The engine ends a provider host with SIGKILL, so nothing is written at exit: what was compiled is
 * flushed after the lifecycle loads and after each step ends (the SDK loads on a step's first cloud
 * call; a flush with nothing new costs about a microsecond).
 */
import * as nodeModule from "node:module";
import { join, sep } from "node:path";

/** The two functions of `node:module` this needs (Node.js 22.10 and later). */
interface CompileCacheApi {
  enableCompileCache?: (directory: string) => unknown;
  flushCompileCache?: () => void;
}

/** `node_modules/.cache/pulumi-ecs-invocation` of the innermost node_modules holding `from`, if any. */
export function compileCacheDir(from: string): string | undefined {
  const parts = from.split(sep);
  const at = parts.lastIndexOf("node_modules");
  return at < 0 ? undefined : join(parts.slice(0, at + 1).join(sep) || sep, ".cache", "pulumi-ecs-invocation");
}

let enabled = false;

/** Writes what was compiled; a cache that cannot be written is no cache, never a failed step. */
function flush(api: CompileCacheApi): void {
  try {
    api.flushCompileCache?.();
  } catch {
    // Nothing to do: the modules were compiled and run all the same.
  }
}

/**
 * Loads `load` (a lifecycle module) with the compile cache on for the rest of the process, once.
 * `api` is `node:module` but in tests.
 */
export function loadWithCompileCache<T>(load: () => T, directory = compileCacheDir(__dirname), api: CompileCacheApi = nodeModule): T {
  if (enabled || directory === undefined || !api.enableCompileCache || !api.flushCompileCache) return load();
  enabled = true;
  api.enableCompileCache(directory);
  const loaded = load();
  flush(api);
  return loaded;
}

/** `step`, after which what it compiled (the SDK, on its first cloud call) is written too. */
export function flushedAfter<T>(step: Promise<T>, api: CompileCacheApi = nodeModule): Promise<T> {
  if (!enabled) return step;
  const after = () => flush(api);
  step.then(after, after);
  return step;
}
