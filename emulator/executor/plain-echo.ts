import type { ShellRun } from "./shell";

/** `echo` and plain words: no quoting, expansion, redirection or anything else a shell would interpret. */
const PLAIN_ECHO = /^echo((?: [A-Za-z0-9_.,:=+@%/-]+)*)\s*$/;

/**
 * A command that is one plain `echo` (such as the benchmark's `echo ok`), answered without a shell:
 * the same output and exit code /bin/sh would give, no process started. Only with the emulator's
 * `inProcessEcho` option (a benchmark setting, so the emulator's own cost of starting shells can
 * be measured apart, docs/performance.md); by default every command runs in /bin/sh.
 */
export function plainEcho(content: string): ShellRun | undefined {
  const match = PLAIN_ECHO.exec(content.trim());
  if (!match) return undefined;
  const output = Buffer.from(`${(match[1] ?? "").trim()}\n`);
  return { done: Promise.resolve({ exitCode: 0, outputBase64: output.toString("base64"), dropped: 0 }), kill: () => undefined };
}
