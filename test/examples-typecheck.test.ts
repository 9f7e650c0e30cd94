import { execFileSync } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";

const EXAMPLES = join(__dirname, "..", "examples");

describe("examples", () => {
  it("type-check against the packed package, as a user's project would", () => {
    // Every TypeScript file of every example: programs (index.ts) and scripts (pipelines/deploy.ts).
    const programs = readdirSync(EXAMPLES)
      .filter((name) => name !== "node_modules" && statSync(join(EXAMPLES, name)).isDirectory())
      .flatMap((name) =>
        readdirSync(join(EXAMPLES, name))
          .filter((file) => file.endsWith(".ts"))
          .map((file) => join(EXAMPLES, name, file)),
      );
    expect(programs.length).toBeGreaterThanOrEqual(2);
    const tsc = join(EXAMPLES, "node_modules", "typescript", "bin", "tsc");
    const run = () =>
      execFileSync(
        process.execPath,
        [
          tsc,
          "--noEmit",
          "--strict",
          "--esModuleInterop",
          "--skipLibCheck",
          "--target",
          "ES2022",
          "--module",
          "commonjs",
          "--moduleResolution",
          "node",
          ...programs,
        ],
        { cwd: EXAMPLES, encoding: "utf8" },
      );
    expect(run).not.toThrow();
  }, 120_000);
});
