import { spawnSync } from "node:child_process";
import { join } from "node:path";

const ROOT = join(__dirname, "..");
const BIOME = join(ROOT, "node_modules", "@biomejs", "biome", "bin", "biome");
const TSC = join(ROOT, "node_modules", "typescript", "bin", "tsc");

function run(script: string, args: string[], input?: string) {
  return spawnSync(process.execPath, [script, ...args], { cwd: ROOT, encoding: "utf8", input, env: { ...process.env, NO_COLOR: "1" } });
}

// `npm run lint` runs the same two checks; `npm run format` applies Biome's fixes.
describe("the whole tree's style and types", () => {
  it("passes Biome (formatting, lint rules, sorted imports; biome.jsonc)", () => {
    const check = run(BIOME, ["check", "--reporter=summary", "--diagnostic-level=warn", "."]);
    expect({ status: check.status, output: check.status === 0 ? "" : check.stdout + check.stderr }).toEqual({ status: 0, output: "" });
  });

  it("has Biome's configuration in force: a badly formatted file is told apart", () => {
    const stdinPath = ["--stdin-file-path", "provider/example.ts"];
    const ugly = run(BIOME, ["format", ...stdinPath], "const  x = {a:1,'b':2}\n");
    expect(ugly.stdout).toBe("const x = { a: 1, b: 2 };\n");
    // With fixes applied, the unused import is gone: the lint rules are read from the config.
    const unused = run(BIOME, ["lint", "--write", "--unsafe", ...stdinPath], 'import { join } from "node:path";\nexport const y = 1;\n');
    expect(unused.stdout).toBe("\nexport const y = 1;\n");
  });

  it("type-checks provider, emulator, tests and benchmarks with the strict settings (tsconfig.json)", () => {
    const tsc = run(TSC, ["--noEmit", "-p", "tsconfig.json"]);
    expect(tsc.stdout + tsc.stderr).toBe("");
    expect(tsc.status).toBe(0);
  });
});
