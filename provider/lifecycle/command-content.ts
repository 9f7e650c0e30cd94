import type { CommandInputs } from "../schema/command-schema";

/** The content as the API stores it (Base64), whichever encoding the program used. */
export function contentBase64(inputs: Pick<CommandInputs, "commandContent" | "contentEncoding">): string {
  return inputs.contentEncoding === "Base64" ? inputs.commandContent : Buffer.from(inputs.commandContent, "utf8").toString("base64");
}

/**
 * The content as a program declares it, from the API's Base64: text when it is text (what people
 * write), Base64 with `contentEncoding` when its bytes are not UTF-8 text.
 */
export function declaredContent(base64: string): Pick<CommandInputs, "commandContent" | "contentEncoding"> {
  const bytes = Buffer.from(base64, "base64");
  const text = bytes.toString("utf8");
  return Buffer.from(text, "utf8").equals(bytes) ? { commandContent: text } : { commandContent: base64, contentEncoding: "Base64" };
}
