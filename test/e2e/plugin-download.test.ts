import { createReadStream, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PACKAGE_NAME, pluginDownloadUrl, RELEASES_URL } from "../../provider/package/identity";
import { archiveName, buildPluginArchives, PLATFORMS } from "../../tools/release/plugin-executable";
import { emulatorForFile } from "../support/emulator";
import { exampleDir, PulumiProject, ROOT } from "./harness";
import { calls, LINUX } from "./support";

// The engine fetches the plugin by itself, as users get Pulumi packages: the linux-amd64 executable
// (no Node.js needed) served from a local release folder, in a fresh PULUMI_HOME, with nothing
// installed and no plugin path. The schema's pluginDownloadURL is redirected to the folder with the
// engine's PULUMI_PLUGIN_DOWNLOAD_URL_OVERRIDES, as a mirror would be.
jest.setTimeout(900_000);

const emu = emulatorForFile();
const VERSION = (require(join(ROOT, "package.json")) as { version: string }).version;
const RELEASE_URL = pluginDownloadUrl(VERSION);
const LINUX_AMD64 = PLATFORMS.find((p) => p.os === "linux" && p.arch === "amd64")!;

let release: string;
let server: Server;
let base: string;
const requested: string[] = [];

beforeAll(async () => {
  release = mkdtempSync(join(tmpdir(), "plugin-release-"));
  await buildPluginArchives(release, [LINUX_AMD64]);
  // The folder as a static file server; `/missing/…` has nothing, `/corrupt/…` a damaged archive.
  mkdirSync(join(release, "corrupt"));
  writeFileSync(join(release, "corrupt", archiveName(VERSION, LINUX_AMD64)), "not a gzip archive");
  server = createServer((request, response) => {
    requested.push(request.url ?? "");
    const path = join(release, decodeURIComponent((request.url ?? "/").split("?")[0]!));
    if (!path.startsWith(release) || !existsSync(path) || !path.endsWith(".tar.gz")) {
      response.writeHead(404).end("not found");
      return;
    }
    // The engine checks the length it was told against what it received.
    response.writeHead(200, { "content-type": "application/gzip", "content-length": String(statSync(path).size) });
    createReadStream(path).pipe(response);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 300_000);

afterAll(async () => {
  await new Promise<void>((resolve) => server?.close(() => resolve()));
  rmSync(release, { recursive: true, force: true });
});

/**
 * A project that gets its plugin like a user's: a fresh PULUMI_HOME (`dir`/home), acquisition on,
 * downloads redirected to `folder`. Its temporary directory is `dir`/tmp: the CLI leaves each
 * downloaded archive (the whole plugin, tens of MB) in its temporary directory after installing it,
 * and `dir` goes with the test. Returns what the machine's temporary directory gained since: nothing.
 */
async function downloading(project: PulumiProject, folder: string, dir: string, path?: string): Promise<() => string[]> {
  mkdirSync(join(dir, "tmp"), { recursive: true });
  const before = downloadsLeftIn(tmpdir());
  Object.assign(project.env, {
    PULUMI_HOME: join(dir, "home"),
    TMPDIR: join(dir, "tmp"),
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: undefined,
    // Every release's folder, as the SDK gives it or a program spells it out.
    PULUMI_PLUGIN_DOWNLOAD_URL_OVERRIDES: `^${RELEASES_URL.replace(/[.]/g, "\\.")}=${base}${folder}`,
    ...(path ? { PATH: path } : {}),
  });
  return () => downloadsLeftIn(tmpdir()).filter((name) => !before.includes(name));
}

/** The archives a plugin download left in `dir` (the CLI's `pulumi-plugin-tar*` temporary files). */
function downloadsLeftIn(dir: string): string[] {
  return readdirSync(dir).filter((name) => name.startsWith("pulumi-plugin-tar"));
}

function yamlProgram(dir: string, name: string): string {
  const program = join(dir, name);
  mkdirSync(program, { recursive: true });
  writeFileSync(
    join(program, "Pulumi.yaml"),
    [
      `name: ${name}`,
      "runtime: yaml",
      "resources:",
      "  run:",
      `    type: ${PACKAGE_NAME}:EcsInvocation`,
      `    properties: { commandContent: 'echo fetched', instanceIds: [${LINUX[0]}] }`,
      // A YAML program names the package's version and where it comes from (it has no SDK to say so).
      `    options: { version: ${VERSION}, pluginDownloadURL: '${RELEASE_URL}' }`,
      "outputs:",
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the YAML program's own interpolation.
      "  output: ${run.instances[0].output}",
      "",
    ].join("\n"),
  );
  return program;
}

describe("automatic plugin download", () => {
  it("a YAML program in a fresh PULUMI_HOME, with no Node.js on PATH, gets the plugin executable from the release folder: up and destroy work", async () => {
    const dir = mkdtempSync(join(tmpdir(), "plugin-download-"));
    const project = await PulumiProject.from(yamlProgram(dir, "downloaded-yaml"), "downloaded-yaml", emu, { native: true, pluginPath: false });
    try {
      // Only the CLI and its language hosts on PATH: no node anywhere.
      const leftOver = await downloading(project, "/", dir, process.env["PULUMI_BIN_DIR"]!);
      const before = requested.length;
      const up = await project.up();
      expect({ code: up.code, output: up.code === 0 ? "" : up.output }).toEqual({ code: 0, output: "" });
      expect(leftOver()).toEqual([]);
      expect(up.output).toContain(`Downloading plugin ${PACKAGE_NAME}-${VERSION}`);
      expect(requested.slice(before)).toEqual([`/${archiveName(VERSION, LINUX_AMD64)}`]);
      expect(await project.outputs()).toEqual({ output: "fetched\n" });
      expect(calls(emu, "RunCommand").filter((c) => c.code === "OK").length).toBeGreaterThan(0);
      expect((await project.destroy()).code).toBe(0);
      // Installed once: the destroy used the plugin in the cache.
      expect(requested.length - before).toBe(1);
    } finally {
      await project.dispose();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("a TypeScript program with the generated SDK gets it from the schema's pluginDownloadURL", async () => {
    const dir = mkdtempSync(join(tmpdir(), "plugin-download-ts-"));
    const project = await PulumiProject.from(exampleDir("package-typescript"), "downloaded-ts", emu, { native: true, pluginPath: false });
    try {
      const leftOver = await downloading(project, "/", dir);
      // The example names this checkout's plugin folder (for development); a user's program does not.
      const file = join(project.dir, "Pulumi.yaml");
      writeFileSync(file, readFileSync(file, "utf8").replace(/^plugins:\n(?:\s+.*\n)*/m, ""));
      const before = requested.length;
      const up = await project.up();
      expect({ code: up.code, output: up.code === 0 ? "" : up.output }).toEqual({ code: 0, output: "" });
      expect(requested.slice(before)).toEqual([`/${archiveName(VERSION, LINUX_AMD64)}`]);
      // The CLI leaves the archive it installed in its temporary directory: the test's own here.
      expect(leftOver()).toEqual([]);
      expect((await project.destroy()).code).toBe(0);
    } finally {
      await project.dispose();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.each([
    ["a missing archive", "/missing/", /404|not found/i],
    ["a damaged archive", "/corrupt/", /gzip|invalid|checksum|archive/i],
  ])("%s fails the update naming the plugin and where it was looked for", async (_what, folder, cause) => {
    const dir = mkdtempSync(join(tmpdir(), "plugin-download-bad-"));
    const project = await PulumiProject.from(yamlProgram(dir, "bad-download"), "bad-download", emu, { native: true, pluginPath: false });
    try {
      const leftOver = await downloading(project, folder, dir);
      const up = await project.up();
      expect(up.code).not.toBe(0);
      expect(leftOver()).toEqual([]);
      expect(up.output).toContain(`${PACKAGE_NAME}`);
      expect(up.output).toMatch(cause);
      expect(existsSync(join(dir, "home", "plugins", `resource-${PACKAGE_NAME}-v${VERSION}`, `pulumi-resource-${PACKAGE_NAME}`))).toBe(false);
    } finally {
      await project.dispose();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
