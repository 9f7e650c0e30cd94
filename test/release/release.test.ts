import { execFile } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { PACKAGE_NAME } from "../../provider/package/identity";
import { archiveName, PLATFORMS } from "../../tools/release/plugin-executable";

// `npm run release -- --dry-run` builds every artifact and install-checks each (see scripts/release:
// the npm package and the Node.js SDK in a fresh project, the wheel in a fresh virtualenv, the Go
// module through `go mod`, each plugin archive's format and architecture, the linux-amd64 plugin
// started with no Node.js on PATH). Here: it succeeds, and every artifact carries package.json's version.
jest.setTimeout(1_200_000);

const ROOT = join(__dirname, "..", "..");
const run = promisify(execFile);

describe("the release dry run", () => {
  it("builds and install-checks every artifact, each at package.json's version", async () => {
    const { stderr } = await run("bash", [join(ROOT, "scripts", "release"), "--dry-run"], { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 });
    expect(stderr).toContain("dry run: nothing published");
    const version = (JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string }).version;
    const out = join(ROOT, ".build", "release");
    const files = readdirSync(out).filter((f) => !f.startsWith("."));
    expect(files.sort()).toEqual(
      [
        `pulumi-ecs-invocation-${version}.tgz`,
        `pulumi-ecs-invocation-alicloud-ecs-invocation-${version}.tgz`,
        `pulumi_alicloud_ecs_invocation-${version}-py3-none-any.whl`,
        `pulumi_alicloud_ecs_invocation-${version}.tar.gz`,
        `pulumi-resource-${PACKAGE_NAME}-v${version}-checksums.txt`,
        "goproxy",
        ...PLATFORMS.map((p) => archiveName(version, p)),
      ].sort(),
    );
    const sums = readFileSync(join(out, `pulumi-resource-${PACKAGE_NAME}-v${version}-checksums.txt`), "utf8");
    for (const p of PLATFORMS) expect(sums).toMatch(new RegExp(`^[0-9a-f]{64}  ${archiveName(version, p).replace(/[.]/g, "\\.")}$`, "m"));
    // The platforms and what each runs as, as the log lists them.
    for (const p of PLATFORMS) expect(stderr).toContain(`${p.os}-${p.arch}: pulumi-resource-${PACKAGE_NAME}`);
    // The executable of the platform that builds (linux-amd64) carries V8's code cache, accepted.
    expect(stderr).toContain("linux-amd64: starts without Node.js; its code cache accepted");
  });
});
