import { spawn } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import type * as CompileCache from "../../provider/resources/dynamic/compile-cache";

const ROOT = join(__dirname, "../..");

/** The module with its once-per-process state fresh. */
function freshModule(): typeof CompileCache {
  let loaded: typeof CompileCache | undefined;
  jest.isolateModules(() => {
    loaded = require("../../provider/resources/dynamic/compile-cache");
  });
  return loaded!;
}

/** A stand-in for `node:module`'s two functions, recording what was asked of it. */
function fakeApi() {
  const calls: string[] = [];
  return {
    calls,
    enableCompileCache: (directory: string) => calls.push(`enable ${directory}`),
    flushCompileCache: () => calls.push("flush"),
  };
}

describe("where the dynamic provider host keeps compiled code", () => {
  it("is node_modules/.cache of the innermost node_modules holding the package, else nowhere", () => {
    const { compileCacheDir } = freshModule();
    expect(compileCacheDir("/p/node_modules/pulumi-ecs-invocation/dist/provider/resources/dynamic")).toBe("/p/node_modules/.cache/pulumi-ecs-invocation");
    expect(compileCacheDir("/p/node_modules/a/node_modules/pulumi-ecs-invocation/dist")).toBe("/p/node_modules/a/node_modules/.cache/pulumi-ecs-invocation");
    // A checkout (or a linked package, which Node resolves to its real path): no cache at all.
    expect(compileCacheDir("/work/checkout/dist/provider/resources/dynamic")).toBeUndefined();
  });
});

describe("loading a lifecycle with the compile cache", () => {
  it("turns the cache on once per process, and writes what was compiled right after the load", () => {
    const { loadWithCompileCache } = freshModule();
    const api = fakeApi();
    expect(loadWithCompileCache(() => "first", "/p/node_modules/.cache/x", api)).toBe("first");
    expect(loadWithCompileCache(() => "second", "/p/node_modules/.cache/x", api)).toBe("second");
    expect(api.calls).toEqual(["enable /p/node_modules/.cache/x", "flush"]);
  });

  it("loads as before without a place for the cache or under a Node.js without the API (before 22.10)", () => {
    const api = fakeApi();
    expect(freshModule().loadWithCompileCache(() => 1, undefined, api)).toBe(1);
    expect(freshModule().loadWithCompileCache(() => 2, "/p/node_modules/.cache/x", {})).toBe(2);
    expect(api.calls).toEqual([]);
  });

  it("writes again after each step ends, failed or not (the SDK loads on a step's first cloud call)", async () => {
    const { loadWithCompileCache, flushedAfter } = freshModule();
    const api = fakeApi();
    loadWithCompileCache(() => undefined, "/p/node_modules/.cache/x", api);
    await expect(flushedAfter(Promise.resolve("done"), api)).resolves.toBe("done");
    await expect(flushedAfter(Promise.reject(new Error("failed")), api)).rejects.toThrow("failed");
    await new Promise((resolve) => setImmediate(resolve));
    expect(api.calls).toEqual(["enable /p/node_modules/.cache/x", "flush", "flush", "flush"]);
  });

  it("a cache that cannot be written fails nothing: not the load, not a step", async () => {
    const { loadWithCompileCache, flushedAfter } = freshModule();
    const failing = {
      enableCompileCache: () => undefined,
      flushCompileCache: () => {
        throw new Error("EROFS: read-only file system");
      },
    };
    expect(loadWithCompileCache(() => "loaded", "/p/node_modules/.cache/x", failing)).toBe("loaded");
    const unhandled = jest.fn();
    process.on("unhandledRejection", unhandled);
    try {
      await expect(flushedAfter(Promise.resolve("done"), failing)).resolves.toBe("done");
      await new Promise((resolve) => setImmediate(resolve));
      expect(unhandled).not.toHaveBeenCalled();
    } finally {
      process.off("unhandledRejection", unhandled);
    }
  });

  it("leaves steps alone while the cache is off", async () => {
    const api = fakeApi();
    await freshModule().flushedAfter(Promise.resolve(1), api);
    expect(api.calls).toEqual([]);
  });
});

describe("the compile cache in real Node.js processes", () => {
  const dir = join(ROOT, ".build", `compile-cache-test-${process.pid}`);
  beforeAll(() => mkdirSync(dir, { recursive: true }));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /**
   * A fresh process that loads zod with the cache and waits, killed by SIGKILL once loaded — as the
   * engine ends a provider host (a process that kills itself gets its cache written anyway).
   */
  function loadThenKilled(): Promise<string> {
    const script = `
      const { loadWithCompileCache } = require("./provider/resources/dynamic/compile-cache.ts");
      loadWithCompileCache(() => require("zod"), ${JSON.stringify(dir)});
      console.log("loaded");
      setInterval(() => {}, 60_000);`;
    return new Promise((resolve) => {
      let stderr = "";
      const child = spawn(process.execPath, ["-r", "ts-node/register/transpile-only", "-e", script], {
        cwd: ROOT,
        env: { ...process.env, NODE_DEBUG_NATIVE: "COMPILE_CACHE" },
      });
      child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
      child.stdout.on("data", (chunk: Buffer) => {
        if (chunk.toString().includes("loaded")) child.kill("SIGKILL");
      });
      child.on("close", () => resolve(stderr));
    });
  }

  it("a host killed right after loading leaves its compiled code, which the next host uses", async () => {
    const first = await loadThenKilled();
    expect(first).not.toMatch(/zod[\\/]index\.cjs was accepted/);
    const second = await loadThenKilled();
    expect(second).toMatch(/zod[\\/]index\.cjs was accepted/);
  });
});
