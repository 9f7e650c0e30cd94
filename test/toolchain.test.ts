import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { satisfies } from "semver";

const ROOT = join(__dirname, "..");
const pins = Object.fromEntries(
  readFileSync(join(ROOT, "scripts", "toolchain.env"), "utf8")
    .split("\n")
    .filter((line) => /^[A-Z_]+=/.test(line))
    .map((line) => line.split("=", 2) as [string, string]),
);

describe("toolchain pins", () => {
  it("uses the pinned @pulumi/pulumi in the package and in the examples", () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));
    const examples = JSON.parse(readFileSync(join(ROOT, "examples", "package.json"), "utf8"));
    expect([pkg.devDependencies["@pulumi/pulumi"], examples.dependencies["@pulumi/pulumi"]]).toEqual([pins["PULUMI_NPM_VERSION"], pins["PULUMI_NPM_VERSION"]]);
  });

  it("asks users for an @pulumi/pulumi that can read dynamic resources by id (get needs 3.268 or newer)", () => {
    const range = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).peerDependencies["@pulumi/pulumi"];
    expect([satisfies("3.267.0", range), satisfies("3.268.0", range), satisfies(pins["PULUMI_NPM_VERSION"]!, range)]).toEqual([false, true, true]);
  });

  it("runs tests under Node 22 or newer", () => {
    expect(Number(process.versions.node.split(".")[0])).toBeGreaterThanOrEqual(22);
  });

  it("runs the pinned Pulumi CLI", () => {
    const version = execFileSync("pulumi", ["version"], { encoding: "utf8" }).trim();
    expect(version).toBe(`v${pins["PULUMI_CLI_VERSION"]}`);
  });
});
