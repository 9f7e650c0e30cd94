import { type Browser, chromium } from "playwright-core";

/**
 * Debian's Chromium (scripts/ensure-chromium exports its path as CHROMIUM), headless, driven by
 * playwright-core. Nothing is downloaded: the flags keep Chromium from reaching out at start, which
 * this machine's closed network would refuse, and a fresh profile dir is made and removed per launch.
 */
export async function launchChromium(): Promise<Browser> {
  const executablePath = process.env["CHROMIUM"];
  if (!executablePath) throw new Error("Browser tests need Debian's Chromium: run them with `npm test` (scripts/ensure-chromium finds or installs it).");
  return chromium.launch({
    executablePath,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}
