/**
 * What an instance printed, made safe to show in a terminal: control characters are shown escaped
 * (`\x1b`, `\r`, `\x07`), never passed through, so a command's output cannot recolour, retitle or
 * clear the user's terminal, ring its bell or overwrite a line. Tabs stay tabs. Bidirectional
 * overrides and line separators are escaped too: they would make the shown text differ from what
 * was printed.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is what it is for.
const CONTROL = /[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Record<string, string> = { "\r": "\\r", "\n": "\\n" };

export function terminalText(text: string): string {
  return text.replace(CONTROL, (char) => NAMED[char] ?? escapeCode(char.charCodeAt(0)));
}

/** Multi-line text (a failure report's output): each line made safe, the line breaks kept. */
export function terminalLines(text: string): string {
  return text
    .split("\n")
    .map((line) => terminalText(line.replace(/\r$/, "")))
    .join("\n");
}

function escapeCode(code: number): string {
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`;
}
