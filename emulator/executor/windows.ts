import type { CommandType } from "../model/types";

/**
 * Windows instances do not execute anything: the emulator echoes the script and takes the exit code
 * from its last `exit N` / `exit /b N` line (0 when there is none), so tests can still exercise
 * success and failure on Windows targets.
 */
export function simulateWindowsScript(content: string, type: CommandType): { exitCode: number; outputBase64: string; dropped: number } {
  const exits = [...content.matchAll(/^\s*exit\s+(?:\/b\s+)?(-?\d+)\s*$/gim)];
  const last = exits[exits.length - 1];
  const exitCode = last ? Number(last[1]) : 0;
  return { exitCode, outputBase64: Buffer.from(`[emulator] simulated ${type}\r\n${content}`, "utf8").toString("base64"), dropped: 0 };
}
