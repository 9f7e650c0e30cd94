/**
 * The plugin's version and schema: files of the package it is part of (package.json,
 * package/schema.json), or — inside the single executable, which has no package around it — the
 * assets the release build put in it (tools/release: the same two files).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";

export interface PackageFiles {
  version: string;
  schema: string;
}

/** The asset names the release build stores the two files under. */
export const ASSETS = { packageJson: "package.json", schema: "schema.json" } as const;

export function packageFiles(): PackageFiles {
  const sea = singleExecutable();
  const packageJson = sea ? sea.getAsset(ASSETS.packageJson, "utf8") : readFileSync(join(PACKAGE_ROOT, "package.json"), "utf8");
  const schema = sea ? sea.getAsset(ASSETS.schema, "utf8") : readFileSync(join(PACKAGE_ROOT, "package", "schema.json"), "utf8");
  return { version: (JSON.parse(packageJson) as { version: string }).version, schema };
}

/** The package root, from dist/provider/plugin. */
const PACKAGE_ROOT = join(__dirname, "..", "..", "..");

interface SeaModule {
  isSea(): boolean;
  getAsset(key: string, encoding: "utf8"): string;
}

function singleExecutable(): SeaModule | undefined {
  try {
    const sea = require("node:sea") as SeaModule;
    return sea.isSea() ? sea : undefined;
  } catch {
    return undefined;
  }
}
