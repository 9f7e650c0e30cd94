import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, normalize, relative } from "node:path";

/** The provider's modules import one another without circles: each layer reads only from below. */
const ROOT = join(__dirname, "..", "..");

function modules(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? modules(path) : path.endsWith(".ts") ? [path] : [];
  });
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, "utf8");
  return [...text.matchAll(/^(?:import|export)[^;]*?from "(\.[^"]+)"/gm)]
    .map((m) => normalize(join(dirname(file), `${m[1]}.ts`)))
    .filter((path) => existsSync(path));
}

describe("the provider's import graph", () => {
  it("has no circles (type-only imports included)", () => {
    const graph = new Map(modules(join(ROOT, "provider")).map((file) => [file, importsOf(file)]));
    const circles: string[] = [];
    const done = new Set<string>();
    const visit = (file: string, path: string[]): void => {
      if (path.includes(file)) {
        circles.push([...path.slice(path.indexOf(file)), file].map((p) => relative(ROOT, p)).join(" → "));
        return;
      }
      if (done.has(file)) return;
      for (const next of graph.get(file) ?? []) visit(next, [...path, file]);
      done.add(file);
    };
    for (const file of graph.keys()) visit(file, []);
    expect(circles).toEqual([]);
  });
});
