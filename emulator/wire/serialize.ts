import type { ApiError } from "../errors";

export type ResponseBody = Record<string, unknown>;

export interface SerializedResponse {
  status: number;
  headers: Record<string, string>;
  /** Text, or bytes for a raw object (the control API's OSS objects). */
  body: string | Buffer;
}

/** A successful response body in the format the client asked for. */
export function success(action: string, body: ResponseBody, format: "JSON" | "XML"): SerializedResponse {
  if (format === "JSON") return json(200, body);
  return xml(200, `<?xml version="1.0" encoding="UTF-8"?><${action}Response>${toXml(body)}</${action}Response>`);
}

/** The one place errors are put on the wire. */
export function failure(error: ApiError, requestId: string, hostId: string, format: "JSON" | "XML"): SerializedResponse {
  const body = {
    RequestId: requestId,
    HostId: hostId,
    Code: error.code,
    Message: error.message,
    Recommend: `https://api.alibabacloud.com/troubleshoot?intl_lang=EN_US&q=${encodeURIComponent(error.code)}&product=Ecs&requestId=${requestId}`,
  };
  const response = format === "JSON" ? json(error.status, body) : xml(error.status, `<?xml version="1.0" encoding="UTF-8"?><Error>${toXml(body)}</Error>`);
  response.headers = { ...response.headers, ...error.headers };
  return response;
}

function json(status: number, body: unknown): SerializedResponse {
  return { status, headers: { "content-type": "application/json;charset=utf-8" }, body: JSON.stringify(body) };
}

function xml(status: number, body: string): SerializedResponse {
  return { status, headers: { "content-type": "text/xml;charset=utf-8" }, body };
}

/** Arrays repeat their parent element, as the XML form of `{"Invocations":{"Invocation":[…]}}` does. */
function toXml(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value !== "object") return escapeXml(String(value));
  return Object.entries(value as Record<string, unknown>)
    .map(([key, child]) => {
      if (Array.isArray(child)) return child.map((item) => `<${key}>${toXml(item)}</${key}>`).join("");
      return `<${key}>${toXml(child)}</${key}>`;
    })
    .join("");
}

function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}
