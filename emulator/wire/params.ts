import { apiError, missingParameter } from "../errors";

/**
 * Typed access to the flattened request parameters (`InstanceId.1`, `Tag.2.Key`, …), raising the
 * documented error when a value is missing or malformed.
 */
export class Params {
  /** Every parameter name an action looked at: what the emulator implements (docs/emulator.md's table). */
  constructor(
    readonly raw: Readonly<Record<string, string>>,
    readonly consulted = new Set<string>(),
  ) {}

  has(name: string): boolean {
    this.consulted.add(name);
    return this.raw[name] !== undefined && this.raw[name] !== "";
  }

  string(name: string, fallback = ""): string {
    this.consulted.add(name);
    return this.raw[name] ?? fallback;
  }

  required(name: string): string {
    this.consulted.add(name);
    const value = this.raw[name];
    if (value === undefined || value === "") throw missingParameter(name);
    return value;
  }

  int(name: string, fallback: number): number {
    this.consulted.add(name);
    const value = this.raw[name];
    if (value === undefined || value === "") return fallback;
    if (!/^-?\d+$/.test(value)) throw apiError("InvalidParameter", name);
    return Number(value);
  }

  bool(name: string, fallback = false): boolean {
    this.consulted.add(name);
    const value = this.raw[name];
    if (value === undefined || value === "") return fallback;
    return value.toLowerCase() === "true";
  }

  /** `Name.1`, `Name.2`, … in index order (the wire form of a repeat list). */
  list(name: string): string[] {
    this.consulted.add(name);
    return indexed(this.raw, name)
      .map(([, suffix, value]) => (suffix === "" ? value : undefined))
      .filter((v): v is string => v !== undefined);
  }

  /** `Name.N.Key` / `Name.N.Value` pairs in index order. */
  pairs(name: string): { key: string | undefined; value: string | undefined }[] {
    this.consulted.add(name);
    const byIndex = new Map<number, { key: string | undefined; value: string | undefined }>();
    for (const [index, suffix, value] of indexed(this.raw, name)) {
      const entry = byIndex.get(index) ?? { key: undefined, value: undefined };
      if (suffix === ".Key") entry.key = value;
      if (suffix === ".Value") entry.value = value;
      byIndex.set(index, entry);
    }
    return [...byIndex.entries()].sort((a, b) => a[0] - b[0]).map(([, e]) => e);
  }
}

function indexed(raw: Readonly<Record<string, string>>, name: string): [number, string, string][] {
  const pattern = new RegExp(`^${name.replace(/\./g, "\\.")}\\.(\\d+)(\\.Key|\\.Value)?$`);
  const out: [number, string, string][] = [];
  for (const [key, value] of Object.entries(raw)) {
    const match = pattern.exec(key);
    if (match) out.push([Number(match[1]), match[2] ?? "", value]);
  }
  return out.sort((a, b) => a[0] - b[0]);
}
