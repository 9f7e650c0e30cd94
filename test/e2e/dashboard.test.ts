import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import type { RunningEmulator } from "../../emulator";
import { launchChromium } from "../support/browser";
import { control, emulator } from "../support/emulator";
import { PulumiProject, ROOT, SPEC_PROGRAM } from "./harness";
import { LINUX, spec } from "./support";

jest.setTimeout(300_000);

/** Screenshots a person can look at after the run (not in the temp dir; .build is git-ignored). */
const SHOTS = join(ROOT, ".build", "screenshots");

// The run waits for this file in its own home, so the test decides when it ends, having seen it
// running in the browser (no race against a sleep).
const WAITING_COMMAND = "echo 'started <b>bold</b>'; for i in $(seq 1200); do [ -f \"$HOME/go\" ] && break; sleep 0.1; done; echo done";

describe("the emulator's dashboard, in a real browser while pulumi up runs", () => {
  let dataDir: string;
  let emu: RunningEmulator;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), "dashboard-"));
    emu = await emulator({ dataDir });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    mkdirSync(SHOTS, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await emu?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const run = (instanceId: string) => `[data-run="${instanceId}"]`;
  const target = LINUX[0]!;

  it("shows the fleet with each agent's state, and follows a change to it", async () => {
    // A browser opening the emulator's address lands on the dashboard.
    await page.goto(`${emu.url}/`);
    expect(page.url()).toBe(emu.dashboardUrl);
    await page.locator("[data-instance]").first().waitFor();
    // Looking is not an API call: the page and its polls leave the request log empty.
    expect(emu.requestLog).toEqual([]);
    const fleet = await control<{ instanceId: string }[]>(emu, "GET", "fleet");
    expect(await page.locator("[data-instance]").count()).toBe(fleet.length);
    await expect(page.locator('[data-instance="i-noagent00000000001"] [data-agent]').innerText()).resolves.toContain("not installed");
    await expect(page.locator(`[data-instance="${target}"] [data-agent]`).innerText()).resolves.toMatch(/^online/);
    await expect(page.locator('[data-instance="i-windows00000000001"]').innerText()).resolves.toContain("Windows Server 2022");

    await control(emu, "PUT", "fleet/i-linux0000000000003", { agent: { installed: true, running: false, version: "2.2.3.0" } });
    await page.locator('[data-instance="i-linux0000000000003"] [data-agent="stopped"]').waitFor();
  });

  it("shows an invocation live from Running to Success with its output and exit code, its schedule, and the request log with error codes", async () => {
    // The first InvokeCommand is throttled: the provider retries it, and the log shows both answers.
    await control(emu, "PUT", "faults", { script: [{ fault: "throttle", action: "InvokeCommand" }] });
    const project = await PulumiProject.from(SPEC_PROGRAM, "dashboard", emu);
    await project.spec(
      spec(WAITING_COMMAND, {
        live: {},
        hourly: { repeatMode: "Period", frequency: "rate(1h)" },
      }),
    );
    const up = project.startUp();

    const liveRun = page.locator(`[data-invoke-id]:has(${run(target)} [data-status="Running"])`);
    await liveRun.waitFor({ timeout: 120_000 });
    await page.screenshot({ path: join(SHOTS, "dashboard-running.png"), fullPage: true });
    await expect(liveRun.locator(".head [data-status]").innerText()).resolves.toBe("Running");
    writeFileSync(join(dataDir, "instances", target, "root", "go"), "");

    const result = await up.done;
    expect(result.code).toBe(0);
    const outputs = await project.outputs<{ invocations: Record<string, { id: string }> }>();
    const liveId = outputs.invocations["live"]!.id;
    const hourlyId = outputs.invocations["hourly"]!.id;

    const card = page.locator(`[data-invoke-id="${liveId}"]`);
    await card.locator(`${run(target)} [data-status="Success"]`).waitFor();
    await expect(card.locator(`${run(target)} [data-exit-code]`).innerText()).resolves.toBe("0");
    // Output is drawn as text: the script's markup stays visible, never interpreted.
    await expect(card.locator(`${run(target)} [data-output]`).innerText()).resolves.toBe("started <b>bold</b>\ndone\n");
    expect(await page.locator("[data-output] b").count()).toBe(0);

    const nextRun = await page.locator(`[data-schedule="${hourlyId}"] [data-next-run]`).getAttribute("data-next-run");
    const due = Date.parse(nextRun ?? "");
    expect(due).toBeGreaterThan(Date.now());
    expect(due).toBeLessThanOrEqual(Date.now() + 3_600_000);
    await expect(page.locator(`[data-schedule="${hourlyId}"]`).innerText()).resolves.toContain("rate(1h)");

    const throttled = page.locator('[data-action="InvokeCommand"][data-code="Throttling.User"]');
    expect(await throttled.count()).toBe(1);
    await expect(throttled.locator(".code-error").innerText()).resolves.toBe("Throttling.User");
    expect(await page.locator('[data-action="InvokeCommand"][data-code="OK"]').count()).toBe(2);
    await page.screenshot({ path: join(SHOTS, "dashboard.png"), fullPage: true });

    // Destroy stops the periodic task: the page follows, and no next run stays armed.
    await project.dispose();
    const stopped = page.locator(`[data-schedule="${hourlyId}"]`);
    await stopped.locator('[data-status="Stopped"]').waitFor();
    await expect(stopped.locator("[data-next-run]").getAttribute("data-next-run")).resolves.toBe("");
  });

  it("says so when the emulator stops answering", async () => {
    await emu.close();
    await page.locator('[data-testid="live"].down').waitFor();
    await expect(page.locator('[data-testid="live"]').innerText()).resolves.toContain("emulator not answering");
    emu = await emulator({ dataDir });
  });
});
