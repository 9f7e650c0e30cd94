import type { FileSend } from "./types";

/** A sent file's bytes: its content as given, in `contentType`'s form (text, or Base64). */
export function fileBytes(send: Pick<FileSend, "content" | "contentType">): Buffer {
  return send.contentType === "Base64" ? Buffer.from(send.content, "base64") : Buffer.from(send.content, "utf8");
}
