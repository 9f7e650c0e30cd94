import { cronHasZone } from "../../common/frequency";
import type { RunRecord } from "../../provider/cloud/ecs-api";
import { failedScheduleNote, lastRunFailed, summarizeRuns } from "../../provider/lifecycle/schedule-summary";

const CREATED = "2026-06-01T12:00:00Z";
const NOW = Date.parse("2026-06-01T14:30:00Z");
const run = (instanceId: string, status: string, finishedTime: string, exitCode = 0, output = "ok\n"): RunRecord => ({
  instanceId,
  status,
  exitCode,
  errorCode: status === "Failed" ? "ExitCodeNonzero" : "",
  output,
  startTime: finishedTime,
  finishedTime,
});

describe("a scheduled invocation's summary", () => {
  it("counts finished and failed runs and picks the latest, ignoring the one still running", () => {
    const summary = summarizeRuns(
      [
        run("i-1", "Success", "2026-06-01T13:00:05Z"),
        run("i-2", "Failed", "2026-06-01T14:00:07Z", 3, `${"x".repeat(300)}disk full\n`),
        run("i-1", "Success", "2026-06-01T14:00:03Z"),
        run("i-1", "Running", ""),
      ],
      { frequency: "rate(1h)", creationTime: CREATED, active: true },
      NOW,
    );
    expect(summary).toEqual({
      runs: 3,
      failedRuns: 1,
      lastRun: {
        instanceId: "i-2",
        status: "Failed",
        exitCode: 3,
        errorCode: "ExitCodeNonzero",
        finishedTime: "2026-06-01T14:00:07Z",
        outputTail: `${"x".repeat(190)}disk full\n`,
      },
      nextRunTime: "2026-06-01T15:00:00.000Z",
    });
    expect(lastRunFailed(summary)).toBe(true);
  });

  it("tells the next run only when it can: rate, at and zoned cron; not a zone-less cron, a reboot task or a stopped one", () => {
    const next = (frequency: string | undefined, active = true) => summarizeRuns([], { frequency, creationTime: CREATED, active }, NOW).nextRunTime;
    expect(next("0 0 16 * * ? Asia/Shanghai")).toBe("2026-06-02T08:00:00.000Z");
    expect(next("at(2026-06-03 00:00:00 UTC)")).toBe("2026-06-03T00:00:00.000Z");
    expect(next("0 0 16 * * ?")).toBeUndefined();
    expect(next(undefined)).toBeUndefined();
    expect(next("rate(1h)", false)).toBeUndefined();
    expect(summarizeRuns([], { frequency: "rate(1h)", creationTime: CREATED, active: true }, NOW)).toEqual({
      runs: 0,
      failedRuns: 0,
      nextRunTime: "2026-06-01T15:00:00.000Z",
    });
    expect(cronHasZone("0 0 16 * * ? 2027 GMT+8:00")).toBe(true);
    expect(cronHasZone("0 0 16 * * MON-FRI")).toBe(false);
  });

  it("says what failed, where and when, and hides the output when it is secret", () => {
    const summary = summarizeRuns([run("i-2", "Failed", "2026-06-01T14:00:07Z", 3, "checking\ndisk full\n")], { creationTime: CREATED, active: true }, NOW);
    expect(failedScheduleNote("t-1", summary, false)).toBe(
      "the last scheduled run of t-1 on i-2 ended Failed, error ExitCodeNonzero, exit code 3 at 2026-06-01T14:00:07Z (1 of 1 runs failed so far, as of the last refresh); " +
        "output ends: checking | disk full. The schedule keeps running; fix the command, or run `pulumi up --replace` on this resource to start it afresh.",
    );
    expect(failedScheduleNote("t-1", summary, true)).not.toContain("disk full");
  });
});
