import type { InvocationView } from "../../provider/cloud/ecs-api";
import { adoptionMismatches, driftedInputs, readBack } from "../../provider/lifecycle/read-back";
import { READ_BACK_FIELDS } from "../../provider/schema/invocation-fields";

const view: InvocationView = {
  invokeId: "t-1",
  commandId: "c-1",
  commandContent: "",
  commandName: "n",
  commandType: "RunShellScript",
  status: "Success",
  repeatMode: "Once",
  frequency: "",
  parameters: { token: "s3cret" },
  username: "",
  timeout: 60,
  workingDir: "/srv",
  launcher: "",
  containerId: "",
  containerName: "",
  terminationMode: "Process",
  ossOutputDelivery: "",
  creationTime: "2026-06-01T12:00:00Z",
  tags: { team: "a", "pulumi-ecs-invocation:resource": "x" },
  instances: ["i-2", "i-1"].map((instanceId) => ({
    instanceId,
    status: "Success",
    exitCode: 0,
    errorCode: "",
    errorInfo: "",
    output: "",
    dropped: 0,
    repeats: 1,
    startTime: "",
    finishTime: "",
  })),
};

describe("inputs as the cloud reports them back (one table: schema/invocation-fields)", () => {
  it("reads every field the table marks, derived ones included", () => {
    expect(READ_BACK_FIELDS.map((f) => f.field).sort()).toEqual(
      [
        "commandId",
        "containerId",
        "containerName",
        "frequency",
        "instanceIds",
        "launcher",
        "ossOutputDelivery",
        "parameters",
        "repeatMode",
        "tags",
        "terminationMode",
        "timeout",
        "username",
        "workingDir",
      ].sort(),
    );
    expect(readBack("instanceIds", view)).toEqual(["i-2", "i-1"]);
    expect(readBack("username", view)).toBe("root");
    expect(readBack("tags", view)).toEqual({ team: "a" });
    expect(readBack("clientToken", view)).toBeUndefined();
  });

  it("adoption names each declared field that differs, sets and key order aside, secrets unshown", () => {
    expect(
      adoptionMismatches({ commandId: "c-1", instanceIds: ["i-1", "i-2"], tags: { team: "a" }, username: "root", parameters: { token: "s3cret" } }, view),
    ).toEqual([]);
    const mismatches = adoptionMismatches({ commandId: "c-2", instanceIds: ["i-1"], workingDir: "/opt", parameters: { token: "other" } }, view);
    expect(mismatches).toEqual([
      'commandId: declared "c-2", actual "c-1"',
      'instanceIds: declared ["i-1"], actual ["i-2","i-1"]',
      "parameters: the declared values differ from the invocation's (values are secret and not shown)",
      'workingDir: declared "/opt", actual "/srv"',
    ]);
    expect(JSON.stringify(mismatches)).not.toContain("s3cret");
  });

  it("refresh reports drift of the fields marked for it, keeping the program's order for the same set", () => {
    expect(driftedInputs({ commandId: "c-1", instanceIds: ["i-1", "i-2"], timeout: 30, workingDir: "/opt", frequency: "rate(1h)" }, view)).toEqual({
      commandId: "c-1",
      instanceIds: ["i-1", "i-2"],
      timeout: 60,
    });
    expect(driftedInputs({ instanceIds: ["i-1"] }, view)).toEqual({ instanceIds: ["i-2", "i-1"] });
  });
});
