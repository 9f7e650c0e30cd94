import { overallStatus } from "../../emulator/model/status";
import type { InstanceInvocationStatus } from "../../emulator/model/types";

describe("overall InvocationStatus", () => {
  const cases: [InstanceInvocationStatus[], string][] = [
    [["Success", "Success"], "Success"],
    [["Success", "Cancelled"], "Success"],
    [["Success", "Failed"], "PartialFailed"],
    [["Success", "Timeout"], "PartialFailed"],
    [["Failed", "Failed"], "Failed"],
    [["Failed", "Terminated"], "Failed"],
    [["Invalid", "Aborted"], "Failed"],
    [["Cancelled", "Terminated"], "Stopped"],
    [["Success", "Running"], "Running"],
    [["Pending", "Success"], "Pending"],
    [["Stopping", "Pending"], "Stopping"],
    [["Scheduled", "Scheduled"], "Scheduled"],
    [["Running", "Scheduled"], "Running"],
  ];
  it.each(cases)("derives %j as %s", (instances, expected) => {
    expect(overallStatus(instances)).toBe(expected);
  });
});
