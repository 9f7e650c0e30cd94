/**
 * The error codes the official documentation lists per action, read from the reference the project
 * mirrors (../shared/reference: the InvokeCommand page, and the research notes' per-action tables)
 * into documented-error-codes.json beside this file, so the fidelity table can be built without it.
 *
 *   node -r ts-node/register/transpile-only test/fidelity/documented-errors.ts [reference dir]
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";

export type DocumentedErrors = Record<string, string[]>;

export const SNAPSHOT = join(__dirname, "documented-error-codes.json");

/** "A / B", "A / .B" (a suffix of A's prefix) and bold marks, as the tables write them. */
function codesIn(cell: string): string[] {
  const parts = cell
    .replace(/\*/g, "")
    .split("/")
    .map((p) => p.trim())
    .filter(Boolean);
  const out: string[] = [];
  for (const part of parts) {
    if (part.startsWith(".") && out.length > 0) out.push(`${out[out.length - 1]!.split(".")[0]}${part}`);
    else if (/^[A-Z][\w.]*$/.test(part)) out.push(part);
  }
  return out;
}

interface Section {
  number: string;
  action: string;
  rows: { status: number; code: string }[];
  prose: string;
}

function sections(markdown: string): Section[] {
  const out: Section[] = [];
  let current: Section | undefined;
  let inErrors = false;
  for (const line of markdown.split("\n")) {
    const heading = /^### (\d+\.\d+) (\w+)/.exec(line);
    if (heading) {
      current = { number: heading[1]!, action: heading[2]!, rows: [], prose: "" };
      out.push(current);
      inErrors = false;
      continue;
    }
    if (!current) continue;
    if (/^\*\*Errors/.test(line)) {
      inErrors = true;
      current.prose += `${line}\n`;
      continue;
    }
    const row = /^\|\s*(\d{3})[^|]*\|\s*([^|]+)\|/.exec(line);
    if (inErrors && row) for (const code of codesIn(row[2]!)) current.rows.push({ status: Number(row[1]), code });
    else if (inErrors && line.trim() === "" && current.rows.length > 0) inErrors = false;
  }
  return out;
}

export function extractDocumentedErrors(referenceDir: string): DocumentedErrors {
  const all = sections(readFileSync(join(referenceDir, "api-reference.md"), "utf8"));
  const byNumber = new Map(all.map((s) => [s.number, s]));
  const documented: DocumentedErrors = {};
  const resolved = new Map<string, Set<string>>();
  for (const section of all) {
    const codes = new Set(section.rows.map((r) => r.code));
    // Prose: "`500 InternalError.Dispatch`", "plus 403 Operation.Forbidden, 404 …", "as in 3.7", "set as … (3.2)".
    for (const match of section.prose.matchAll(/\b\d{3} ([A-Z][\w.]*\w)/g)) codes.add(match[1]!);
    for (const match of section.prose.matchAll(/as in (\d+\.\d+)/g)) for (const code of resolved.get(match[1]!) ?? []) codes.add(code);
    for (const match of section.prose.matchAll(/the same 400 [^(]*\((\d+\.\d+)\)/g)) {
      for (const r of byNumber.get(match[1]!)?.rows ?? []) if (r.status === 400) codes.add(r.code);
    }
    resolved.set(section.number, codes);
    if (codes.size > 0) documented[section.action] = [...codes].sort();
  }
  // InvokeCommand: its own page is the contract ("400 Code Message" lines).
  const page = readFileSync(join(referenceDir, "invoke-command-api.txt"), "utf8");
  const invoke = [...page.matchAll(/^\d{3} ([A-Z][\w.]+) /gm)].map((m) => m[1]!);
  documented["InvokeCommand"] = [...new Set(invoke)].sort();
  return documented;
}

if (require.main === module) {
  const referenceDir = resolve(process.argv[2] ?? join(__dirname, "../../../shared/reference"));
  writeFileSync(SNAPSHOT, `${JSON.stringify(extractDocumentedErrors(referenceDir), null, 2)}\n`);
  process.stdout.write(`wrote ${SNAPSHOT}\n`);
}
