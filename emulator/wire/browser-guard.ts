/**
 * The emulator runs commands as real shells, listens on loopback and accepts documented keys, and a
 * classic-signature request fits in a URL: any web page open while it runs could make the
 * browser send one (`<img src="http://127.0.0.1:PORT/?Action=RunCommand&…">`). Official SDKs and
 * CLIs are not browsers; a browser marks what a page sends on its own behalf. So a request is
 * refused when:
 * - `Sec-Fetch-Site` says another site (or a page of another port) made it: anything but `none`
 *   (typed in the address bar) or `same-origin` (the dashboard's own requests);
 * - `Origin` names anything but the emulator's own address;
 * - `Host` is not a loopback name or the address it was bound to: a page on a name that was made
 *   to resolve to 127.0.0.1 (DNS rebinding) is then same-origin to the browser, but not to us.
 * Browsers too old to send Fetch Metadata remain: the per-run keys of `ecs-emulator` cover them.
 */
import type { IncomingMessage } from "node:http";

const LOOPBACK_NAMES = new Set(["localhost", "127.0.0.1", "[::1]", "::1"]);

/** Why the request must be refused, or undefined when it may be served. `boundHost` is the --host given. */
export function crossSiteReason(request: Pick<IncomingMessage, "headers">, boundHost: string | undefined): string | undefined {
  const headers = request.headers;
  const host = String(headers.host ?? "");
  const hostName = host.replace(/:\d+$/, "").toLowerCase();
  const allowedHosts = new Set([...LOOPBACK_NAMES, ...(boundHost ? [boundHost.toLowerCase(), `[${boundHost.toLowerCase()}]`] : [])]);
  // 0.0.0.0 / :: listen everywhere: the machine's other addresses are then legitimate Host values.
  const anyHost = boundHost === "0.0.0.0" || boundHost === "::";
  if (host && !anyHost && !allowedHosts.has(hostName) && !hostName.startsWith("127.")) {
    return `its Host header names ${JSON.stringify(host)}, which is not this emulator's address`;
  }
  const site = String(headers["sec-fetch-site"] ?? "");
  if (site && site !== "none" && site !== "same-origin") return `a web page of another site sent it (Sec-Fetch-Site: ${site})`;
  const origin = headers.origin;
  if (origin !== undefined && origin !== `http://${host}`) return `a web page of another origin sent it (Origin: ${origin})`;
  return undefined;
}
