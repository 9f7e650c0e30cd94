/**
 * What an executable is, read from its header: the format (ELF, Mach-O, PE) and the machine it runs
 * on — how the release checks the archives it cannot run here (every platform but linux-amd64).
 *
 *   node -r ts-node/register/transpile-only tools/release/binary-format.ts <archive.tar.gz> …
 */
import { execFileSync } from "node:child_process";
import { closeSync, mkdtempSync, openSync, readSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";

export interface BinaryFormat {
  format: "ELF" | "Mach-O" | "PE" | "unknown";
  /** Pulumi's arch names: amd64, arm64 (or what the header said). */
  arch: string;
}

function header(file: string, bytes: number, at = 0): Buffer {
  const buffer = Buffer.alloc(bytes);
  const fd = openSync(file, "r");
  try {
    readSync(fd, buffer, 0, bytes, at);
  } finally {
    closeSync(fd);
  }
  return buffer;
}

export function binaryFormat(file: string): BinaryFormat {
  const head = header(file, 64);
  if (head.readUInt32BE(0) === 0x7f454c46) {
    // e_machine at 18, little-endian for both targets.
    const machine = head.readUInt16LE(18);
    return { format: "ELF", arch: machine === 0x3e ? "amd64" : machine === 0xb7 ? "arm64" : `0x${machine.toString(16)}` };
  }
  if (head.readUInt32LE(0) === 0xfeedfacf) {
    const cpu = head.readUInt32LE(4);
    return { format: "Mach-O", arch: cpu === 0x01000007 ? "amd64" : cpu === 0x0100000c ? "arm64" : `0x${cpu.toString(16)}` };
  }
  if (head.toString("latin1", 0, 2) === "MZ") {
    const pe = head.readUInt32LE(0x3c);
    const signature = header(file, 6, pe);
    if (signature.toString("latin1", 0, 4) === "PE\0\0") {
      const machine = signature.readUInt16LE(4);
      return { format: "PE", arch: machine === 0x8664 ? "amd64" : machine === 0xaa64 ? "arm64" : `0x${machine.toString(16)}` };
    }
  }
  return { format: "unknown", arch: "unknown" };
}

/** The format Pulumi's os names run: linux ELF, darwin Mach-O, windows PE. */
export const FORMAT_OF_OS: Record<string, BinaryFormat["format"]> = { linux: "ELF", darwin: "Mach-O", windows: "PE" };

/** Each archive's one executable: its name, size and format, the archive extracted to a temp dir. */
export function inspectArchive(archive: string): { entries: string[]; executable: string; bytes: number } & BinaryFormat {
  const dir = mkdtempSync(join(tmpdir(), "plugin-archive-"));
  try {
    execFileSync("tar", ["-xzf", archive, "-C", dir]);
    const entries = execFileSync("tar", ["-tzf", archive], { encoding: "utf8" }).split("\n").filter(Boolean);
    const executable = join(dir, entries[0] ?? "");
    return { entries, executable: basename(executable), bytes: statSync(executable).size, ...binaryFormat(executable) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  for (const archive of process.argv.slice(2)) process.stdout.write(`${JSON.stringify({ archive: basename(archive), ...inspectArchive(archive) })}\n`);
}
