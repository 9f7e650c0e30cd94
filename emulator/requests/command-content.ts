/** Request side: command content in either encoding, its size limits and its `{{parameter}}` names. */
import { apiError } from "../errors";
import type { Command } from "../model/types";
import type { Params } from "../wire/params";

export const CONTENT_LIMIT_BYTES = 18 * 1024;

/** RunCommand without KeepCommand may send more: 24 KB of Base64. */
const RUN_ONLY_CONTENT_LIMIT_BYTES = 24 * 1024;

/** The documented Base64 size limit of a command's content (with its parameters, when invoked). */
export function contentLimit(command: Pick<Command, "hidden">): number {
  return command.hidden ? RUN_ONLY_CONTENT_LIMIT_BYTES : CONTENT_LIMIT_BYTES;
}

export function isBase64(text: string): boolean {
  return text.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(text);
}

/** The command's content as Base64, from either encoding the request may use. */
export function contentAsBase64(params: Params, defaultEncoding: "Base64" | "PlainText"): string {
  const content = params.required("CommandContent");
  // An unknown encoding falls back to the action's default, as the API documents.
  const requested = params.string("ContentEncoding").toLowerCase();
  const encoding = requested === "plaintext" ? "PlainText" : requested === "base64" ? "Base64" : defaultEncoding;
  if (encoding === "PlainText") return Buffer.from(content, "utf8").toString("base64");
  if (!isBase64(content)) throw apiError("CmdContent.DecodeError");
  return content;
}

/** Custom `{{name}}` parameters of a command body (built-in `ACS::` names excluded). */
export function parameterNamesOf(contentBase64: string): string[] {
  const text = Buffer.from(contentBase64, "base64").toString("utf8");
  const names = new Map<string, string>();
  for (const match of text.matchAll(/\{\{\s*([^{}]*?)\s*\}\}/g)) {
    const name = match[1] ?? "";
    if (/^ACS::/i.test(name)) continue;
    if (name === "") throw apiError("CmdParam.EmptyKey");
    if (!/^[A-Za-z0-9_-]+$/.test(name)) throw apiError("CmdParam.InvalidParamName");
    if (Buffer.byteLength(name) > 64) throw apiError("CmdParamName.ExceedLimit");
    if (!names.has(name.toLowerCase())) names.set(name.toLowerCase(), name);
  }
  if (names.size > 20) throw apiError("CmdParamCount.ExceedLimit");
  return [...names.values()];
}
