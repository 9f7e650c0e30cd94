/**
 * The main script of the plugin's single executable. The plugin itself (one bundled script) is an
 * asset, compiled here with V8's code cache of a warm-up run (another asset, linux-amd64 only; see
 * warm-up): the cache holds every function that run compiled — the lifecycle, the rules, the SDK's
 * request path, the gRPC and protobuf code of each step — where one made as Node.js does for a
 * single executable (`useCodeCache`) holds only the script's top level, and each start compiled the
 * rest again (docs/performance.md). A cache V8 rejects (another Node.js, or a V8 flag in
 * NODE_OPTIONS that changes compilation) is said once on stderr, and the plugin compiles as it runs.
 *
 * Outside an executable — only when the release build makes that cache — the script comes from
 * PULUMI_ECS_PLUGIN_SCRIPT, runs as if it were in PULUMI_ECS_PLUGIN_DIR (where its package files
 * are found, as in dist/provider/plugin), and on SIGUSR2 writes the cache to PULUMI_ECS_WRITE_CODE_CACHE.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { isBuiltin } from "node:module";
import { join } from "node:path";
import { Script } from "node:vm";
import { SEA_MAIN_ASSETS } from "./sea-main-assets";

interface SeaModule {
  isSea(): boolean;
  getAsset(key: string, encoding: "utf8"): string;
  getRawAsset(key: string): ArrayBuffer;
}

/** The plugin runs as a CommonJS module would: these are its module's variables. */
const WRAPPER = ["(function (exports, require, module, __filename, __dirname) {", "\n})"] as const;

function main(): void {
  const sea = require("node:sea") as SeaModule;
  const inExecutable = sea.isSea();
  const building = inExecutable ? undefined : process.env["PULUMI_ECS_PLUGIN_SCRIPT"];
  if (!inExecutable && !building) throw new Error("sea-main runs inside the plugin executable, or with PULUMI_ECS_PLUGIN_SCRIPT while a release is built");
  const source = building ? readFileSync(building, "utf8") : sea.getAsset(SEA_MAIN_ASSETS.script, "utf8");
  const cachedData = inExecutable ? assetOrUndefined(sea, SEA_MAIN_ASSETS.codeCache) : undefined;
  const script = new Script(`${WRAPPER[0]}${source}${WRAPPER[1]}`, { filename: SEA_MAIN_ASSETS.script, cachedData });
  if (cachedData && script.cachedDataRejected) {
    process.stderr.write("pulumi-resource-alicloud-ecs-invocation: code cache rejected by this Node.js or its V8 flags; compiling as it starts\n");
  }
  const cacheOut = building ? process.env["PULUMI_ECS_WRITE_CODE_CACHE"] : undefined;
  if (cacheOut) {
    process.on("SIGUSR2", () => {
      writeFileSync(cacheOut, script.createCachedData());
      process.exit(0);
    });
  }
  const run = script.runInThisContext() as (...args: unknown[]) => void;
  const dir = (building && process.env["PULUMI_ECS_PLUGIN_DIR"]) || __dirname;
  run(module.exports, building ? builtinsOnly : require, module, building ? join(dir, SEA_MAIN_ASSETS.script) : __filename, dir);
}

/**
 * A single executable's `require`, which loads built-in modules only: while the cache is made, the
 * plugin must take the code it carries, as it does in the executable, not packages found on disk.
 */
const builtinsOnly = Object.assign(
  (id: string): unknown => {
    if (!isBuiltin(id)) throw Object.assign(new Error(`Cannot find module '${id}'`), { code: "MODULE_NOT_FOUND" });
    return require(id);
  },
  {
    resolve: (id: string): never => {
      throw Object.assign(new Error(`Cannot find module '${id}'`), { code: "MODULE_NOT_FOUND" });
    },
  },
);

function assetOrUndefined(sea: SeaModule, key: string): Buffer | undefined {
  try {
    return Buffer.from(sea.getRawAsset(key));
  } catch {
    // The executables of the other platforms carry none (plugin-executable: valid only where made).
    return undefined;
  }
}

main();
