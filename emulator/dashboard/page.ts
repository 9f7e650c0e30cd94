/**
 * The dashboard page: one self-contained HTML document (no build step, nothing fetched from
 * elsewhere) that polls the snapshot endpoint once a second and redraws. Every value from the
 * emulator is escaped before it is drawn: command output is whatever a user's script printed.
 */
export function dashboardPage(snapshotPath: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>ECS Cloud Assistant emulator</title>
<link rel="icon" href="data:,">
<style>${STYLE}</style>
</head>
<body>
<header>
  <h1>ECS Cloud Assistant emulator</h1>
  <span id="live" class="live" data-testid="live">connecting…</span>
</header>
<nav id="counts" data-testid="counts"></nav>
<main>
  <section><h2>Invocations</h2><div id="invocations" data-testid="invocations"></div></section>
  <section><h2>File deliveries</h2><div id="files" data-testid="files"></div></section>
  <section><h2>Schedules</h2><div id="schedules" data-testid="schedules"></div></section>
  <section><h2>Fleet</h2><div id="fleet" data-testid="fleet"></div></section>
  <section><h2>Commands</h2><div id="commands" data-testid="commands"></div></section>
  <section><h2>Request log</h2><div id="requests" data-testid="requests"></div></section>
</main>
<script>const SNAPSHOT_PATH = ${JSON.stringify(snapshotPath)};
${SCRIPT}</script>
</body>
</html>
`;
}

const STYLE = `
:root { --ok: #1a7f37; --bad: #cf222e; --busy: #9a6700; --idle: #57606a; --line: #d0d7de; --bg: #f6f8fa; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1f2328; background: #fff; }
header { display: flex; align-items: baseline; gap: 16px; padding: 12px 24px; border-bottom: 1px solid var(--line); background: var(--bg); }
h1 { font-size: 18px; margin: 0; }
h2 { font-size: 15px; margin: 20px 0 8px; }
nav { padding: 8px 24px; color: var(--idle); }
main { padding: 0 24px 24px; max-width: 1400px; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { font-weight: 600; background: var(--bg); }
code, pre, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12.5px; }
pre { margin: 0; padding: 6px 8px; background: #0d1117; color: #e6edf3; border-radius: 4px; max-height: 180px; overflow: auto; white-space: pre-wrap; word-break: break-all; }
.card { border: 1px solid var(--line); border-radius: 6px; margin-bottom: 12px; }
.card > .head { display: flex; flex-wrap: wrap; gap: 12px; align-items: baseline; padding: 8px 12px; background: var(--bg); border-bottom: 1px solid var(--line); }
.status { font-weight: 600; }
.status.good { color: var(--ok); } .status.bad { color: var(--bad); } .status.busy { color: var(--busy); } .status.idle { color: var(--idle); }
.live { color: var(--ok); font-size: 12px; } .live.down { color: var(--bad); }
.empty { color: var(--idle); font-style: italic; }
.code-error { color: var(--bad); font-weight: 600; }
.tag { display: inline-block; padding: 0 6px; margin: 0 4px 2px 0; border: 1px solid var(--line); border-radius: 10px; font-size: 12px; }
`;

const SCRIPT = `
const GOOD = ["Success", "online", "OK"];
const BAD = ["Failed", "PartialFailed", "Invalid", "Aborted", "Error", "Timeout", "not installed", "stopped"];
const BUSY = ["Pending", "Running", "Stopping", "Starting"];

function esc(value) {
  return String(value ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
}
function tone(status) {
  if (GOOD.includes(status)) return "good";
  if (BAD.includes(status)) return "bad";
  if (BUSY.includes(status)) return "busy";
  return "idle";
}
function badge(status, toneOf = tone) {
  return '<span class="status ' + toneOf(status) + '" data-status="' + esc(status) + '">' + esc(status) + "</span>";
}
function time(iso) {
  return iso ? '<span class="mono" title="' + esc(iso) + '">' + esc(iso.replace("T", " ").slice(0, 19)) + "</span>" : "";
}
function table(columns, rows, empty) {
  if (rows.length === 0) return '<p class="empty">' + esc(empty) + "</p>";
  return "<table><thead><tr>" + columns.map((c) => "<th>" + esc(c) + "</th>").join("") + "</tr></thead><tbody>" + rows.join("") + "</tbody></table>";
}

function fleet(rows) {
  return table(["Instance", "Name", "Status", "OS", "Cloud Assistant agent", "Time zone", "Zone", "Tags"], rows.map((i) =>
    '<tr data-instance="' + esc(i.instanceId) + '"><td class="mono">' + esc(i.instanceId) + "</td><td>" + esc(i.name) + "</td><td>" + badge(i.status, (s) => (s === "Running" ? "good" : "idle")) +
    "</td><td>" + esc(i.osName) + " (" + esc(i.osType) + ')</td><td data-agent="' + esc(i.agent) + '">' + badge(i.agent) + (i.agentVersion ? ' <span class="mono">' + esc(i.agentVersion) + "</span>" : "") +
    "</td><td>" + esc(i.timeZone) + "</td><td>" + esc(i.zoneId) + "</td><td>" + Object.entries(i.tags).map(([k, v]) => '<span class="tag">' + esc(k) + "=" + esc(v) + "</span>").join("") + "</td></tr>"),
    "No instances.");
}

function commands(rows) {
  return table(["Command", "Name", "Type", "Timeout (s)", "Invoked", "Created"], rows.map((c) =>
    '<tr data-command="' + esc(c.commandId) + '"><td class="mono">' + esc(c.commandId) + "</td><td>" + esc(c.name) + "</td><td>" + esc(c.type) +
    "</td><td>" + esc(c.timeout) + "</td><td>" + esc(c.invokeTimes) + "</td><td>" + time(c.creationTime) + "</td></tr>"),
    "No commands yet.");
}

function invocation(inv) {
  const runs = table(["Instance", "Status", "Exit code", "Runs", "Output"], inv.instances.map((r) =>
    '<tr data-run="' + esc(r.instanceId) + '"><td class="mono">' + esc(r.instanceId) + "</td><td>" + badge(r.status) +
    (r.errorCode ? ' <span class="code-error">' + esc(r.errorCode) + "</span>" : "") +
    '</td><td class="mono" data-exit-code>' + (r.exitCode === null ? "" : esc(r.exitCode)) + "</td><td>" + esc(r.repeats) +
    "</td><td>" + (r.output ? (r.truncated ? '<span class="empty">… (tail)</span>' : "") + "<pre data-output>" + esc(r.output) + "</pre>" : '<span class="empty">no output</span>') + "</td></tr>"),
    "No instances.");
  return '<div class="card" data-invoke-id="' + esc(inv.invokeId) + '"><div class="head"><code>' + esc(inv.invokeId) + "</code>" + badge(inv.status) +
    "<span>" + esc(inv.commandName) + ' <span class="mono">' + esc(inv.commandId) + "</span></span><span>" + esc(inv.repeatMode) +
    (inv.frequency ? " · <code>" + esc(inv.frequency) + "</code>" : "") + "</span><span>created " + time(inv.creationTime) + "</span></div>" + runs + "</div>";
}

function files(rows) {
  return table(["Task", "File", "Mode", "Size", "Status", "Instances", "Created"], rows.map((f) =>
    '<tr data-file="' + esc(f.invokeId) + '"><td class="mono">' + esc(f.invokeId) + '</td><td class="mono">' + esc(f.path) + '</td><td class="mono">' + esc(f.fileMode) +
    "</td><td>" + esc(f.bytes) + " B</td><td>" + badge(f.status) + "</td><td>" + f.instances.map((d) =>
      '<div data-delivery="' + esc(d.instanceId) + '"><span class="mono">' + esc(d.instanceId) + "</span> " + badge(d.status) +
      (d.errorCode ? ' <span class="code-error">' + esc(d.errorCode) + "</span>" : "") + "</div>").join("") + "</td><td>" + time(f.creationTime) + "</td></tr>"),
    "No files sent yet.");
}

function schedules(rows) {
  const scheduled = rows.filter((i) => i.repeatMode !== "Once");
  return table(["Invocation", "Command", "Mode", "Frequency", "Status", "Next run", "Past runs"], scheduled.map((i) =>
    '<tr data-schedule="' + esc(i.invokeId) + '"><td class="mono">' + esc(i.invokeId) + "</td><td>" + esc(i.commandName) + "</td><td>" + esc(i.repeatMode) +
    "</td><td><code>" + esc(i.frequency || "on reboot") + "</code></td><td>" + badge(i.status) + '</td><td data-next-run="' + esc(i.nextRun || "") + '">' +
    (i.nextRun ? time(i.nextRun) : '<span class="empty">none armed</span>') + "</td><td>" + esc(i.pastRuns) + "</td></tr>"),
    "No scheduled or reboot-triggered invocations.");
}

function requests(rows, total) {
  const shown = table(["Time", "Action", "Style", "Answer", "HTTP", "Ids", "RequestId"], rows.map((r) =>
    '<tr data-request="' + esc(r.requestId) + '" data-action="' + esc(r.action) + '" data-code="' + esc(r.code) + '"><td>' + time(r.time) + "</td><td>" + esc(r.action) +
    "</td><td>" + esc(r.style) + "</td><td>" + (r.code === "OK" ? badge("OK") : '<span class="code-error">' + esc(r.code) + "</span>") +
    "</td><td>" + esc(r.status) + '</td><td class="mono">' + esc(r.subject) + '</td><td class="mono">' + esc(r.requestId) + "</td></tr>"),
    "No API requests yet.");
  return (total > rows.length ? '<p class="empty">Newest ' + rows.length + " of " + total + " requests.</p>" : "") + shown;
}

function count(n, noun) {
  return n + " " + noun + (n === 1 ? "" : "s");
}

let lastBody = "";
async function refresh() {
  const live = document.getElementById("live");
  try {
    const response = await fetch(SNAPSHOT_PATH, { cache: "no-store" });
    const body = await response.text();
    live.textContent = "live · updated " + new Date().toLocaleTimeString();
    live.className = "live";
    if (body === lastBody) return;
    lastBody = body;
    const s = JSON.parse(body);
    const active = s.invocations.filter((i) => ["Pending", "Running", "Stopping"].includes(i.status)).length;
    document.getElementById("counts").textContent = count(s.fleet.length, "instance") + " · " + count(s.commands.length, "command") + " · " +
      count(s.invocations.length, "invocation") + " (" + active + " active) · " + count(s.requestCount, "request") + " · emulator time " + s.now.slice(0, 19).replace("T", " ") + " UTC";
    document.getElementById("invocations").innerHTML = s.invocations.length ? s.invocations.map(invocation).join("") : '<p class="empty">No invocations yet.</p>';
    document.getElementById("schedules").innerHTML = schedules(s.invocations);
    document.getElementById("files").innerHTML = files(s.files);
    document.getElementById("fleet").innerHTML = fleet(s.fleet);
    document.getElementById("commands").innerHTML = commands(s.commands);
    document.getElementById("requests").innerHTML = requests(s.requests, s.requestCount);
  } catch (error) {
    live.textContent = "emulator not answering (" + error.message + "); retrying";
    live.className = "live down";
  }
}
refresh();
setInterval(refresh, 1000);
`;
