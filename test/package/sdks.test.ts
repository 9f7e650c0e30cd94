import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";

/**
 * The SDKs in sdk/ are what the generator makes of package/schema.json today, and each compiles:
 * TypeScript with tsc, Go against the Pulumi Go SDK of this project's CLI, Python byte-compiled and
 * imported with the `pulumi` package (scripts/ensure-sdk-checkers). Python and Go programs also run,
 * through this project's language hosts: test/e2e/package-languages.
 */
const ROOT = join(__dirname, "..", "..");
const SDK = join(ROOT, "sdk");

function need(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run these tests with \`npm test\` (scripts/env.sh sets it up).`);
  return value;
}

function files(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (at: string): void => {
    for (const name of readdirSync(at)) {
      const path = join(at, name);
      if (statSync(path).isDirectory()) walk(path);
      else out.set(relative(dir, path), readFileSync(path, "utf8"));
    }
  };
  walk(dir);
  return out;
}

describe("the generated SDKs", () => {
  let scratch: string;
  beforeAll(() => {
    scratch = mkdtempSync(join(tmpdir(), "sdk-check-"));
  });
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it("are current: the generator makes the same files from package/schema.json (run `npm run gen-package`)", () => {
    const out = join(scratch, "generated");
    execFileSync(join(need("PULUMI_BIN_DIR"), "pulumi-package-sdks"), [
      "-registration",
      join(ROOT, "provider", "resources", "registration-stacks.ts"),
      join(ROOT, "package", "schema.json"),
      out,
      "nodejs",
      "python",
      "go",
    ]);
    for (const language of ["nodejs", "python", "go"]) {
      const committed = files(join(SDK, language));
      // The Go module files are written by scripts/gen-package around the generated code.
      committed.delete("go.mod");
      committed.delete("go.sum");
      expect([language, [...committed.keys()].sort()]).toEqual([language, [...files(join(out, language)).keys()].sort()]);
      for (const [file, text] of files(join(out, language))) expect([file, committed.get(file)]).toEqual([file, text]);
    }
  }, 60_000);

  it("TypeScript compiles", () => {
    execFileSync(process.execPath, [join(ROOT, "node_modules", "typescript", "bin", "tsc"), "--noEmit", "-p", join(SDK, "nodejs", "tsconfig.json")], {
      encoding: "utf8",
    });
  }, 120_000);

  it("Go compiles against the Pulumi Go SDK of the CLI's release, and so does examples/package-go", () => {
    const env = { ...process.env, CGO_ENABLED: "0" };
    execFileSync("go", ["build", "-mod=readonly", "./..."], { cwd: join(SDK, "go"), encoding: "utf8", env });
    execFileSync("go", ["build", "-mod=readonly", "-o", "/dev/null", "."], { cwd: join(ROOT, "examples", "package-go"), encoding: "utf8", env });
  }, 600_000);

  it("Python installs, byte-compiles and imports with the pulumi package", () => {
    const python = need("SDK_PYTHON");
    const source = join(scratch, "python-src");
    const target = join(scratch, "python-lib");
    // Built from a copy: setuptools writes build/ and *.egg-info beside the sources.
    cpSync(join(SDK, "python"), source, { recursive: true });
    execFileSync(python, ["-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--no-deps", "--no-build-isolation", "--target", target, source]);
    execFileSync(python, ["-m", "compileall", "-q", join(target, "pulumi_alicloud_ecs_invocation")]);
    const names = execFileSync(python, ["-c", "import pulumi_alicloud_ecs_invocation as p; print(p.EcsInvocation.__name__, p.EcsCommand.__name__)"], {
      env: { ...process.env, PYTHONPATH: target },
      encoding: "utf8",
    });
    expect(names.trim()).toBe("EcsInvocation EcsCommand");
    // examples/package-python compiles, and every name it uses exists in the SDK with that signature.
    const check = [
      "import ast, inspect, sys, pulumi_alicloud_ecs_invocation as ecs",
      "tree = ast.parse(open(sys.argv[1]).read())",
      "for call in [n for n in ast.walk(tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and getattr(n.func.value, 'id', '') == 'ecs']:",
      "    cls = getattr(ecs, call.func.attr)",
      "    inspect.signature(cls._internal_init).bind(None, call.args[0].value if call.args else 'x', **{k.arg: None for k in call.keywords})",
      "print('ok')",
    ].join("\n");
    const checked = execFileSync(python, ["-c", check, join(ROOT, "examples", "package-python", "__main__.py")], {
      env: { ...process.env, PYTHONPATH: target },
      encoding: "utf8",
    });
    expect(checked.trim()).toBe("ok");
  }, 300_000);
});
