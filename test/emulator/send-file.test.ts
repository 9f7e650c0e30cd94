import * as $Ecs from "@alicloud/ecs20140526";
import { control, emulatorForFile, eventually, sdkClient, sdkError } from "../support/emulator";

const emu = emulatorForFile();
const ecs = () => sdkClient(emu);
const LINUX = "i-linux0000000000001";
const SECOND = "i-linux0000000000002";

/** A SendFile request with the given fields over a valid one. */
function request(overrides: Partial<$Ecs.SendFileRequest> = {}): $Ecs.SendFileRequest {
  return new $Ecs.SendFileRequest({
    regionId: "cn-hangzhou",
    name: "app.conf",
    content: "port=8080\n",
    targetDir: "/etc/app",
    instanceId: [LINUX, SECOND],
    ...overrides,
  });
}

async function results(invokeId: string): Promise<$Ecs.DescribeSendFileResultsResponseBodyInvocationsInvocation> {
  const answer = await ecs().describeSendFileResults(new $Ecs.DescribeSendFileResultsRequest({ regionId: "cn-hangzhou", invokeId }));
  return answer.body!.invocations!.invocation![0]!;
}

async function finished(invokeId: string): Promise<$Ecs.DescribeSendFileResultsResponseBodyInvocationsInvocation> {
  return eventually(async () => {
    const task = await results(invokeId);
    return task.invocationStatus === "Pending" || task.invocationStatus === "Running" ? undefined : task;
  });
}

const fileOn = (instanceId: string, path: string) => control<{ content: string; mode: string }>(emu, "GET", `files/${instanceId}${path}`);

describe("SendFile through the official SDK", () => {
  it("puts the file with its mode on every instance, and DescribeSendFileResults reports each delivery", async () => {
    const sent = await ecs().sendFile(request({ fileMode: "0600", tag: [new $Ecs.SendFileRequestTag({ key: "app", value: "web" })] }));
    const invokeId = sent.body!.invokeId!;
    expect(invokeId).toMatch(/^f-/);
    const task = await finished(invokeId);
    expect(task).toMatchObject({ invocationStatus: "Success", name: "app.conf", targetDir: "/etc/app", fileMode: "0600", vmCount: 2, overwrite: "false" });
    expect(task.invokeInstances!.invokeInstance!.map((d) => [d.instanceId, d.invocationStatus])).toEqual([
      [LINUX, "Success"],
      [SECOND, "Success"],
    ]);
    expect(task.tags!.tag).toEqual([expect.objectContaining({ tagKey: "app", tagValue: "web" })]);
    const file = await fileOn(LINUX, "/etc/app/app.conf");
    expect([Buffer.from(file.content, "base64").toString("utf8"), file.mode]).toEqual(["port=8080\n", "0600"]);
    // The dashboard lists the delivery, its size but never its content (it may be secret).
    const snapshot = await control<{ files: { invokeId: string; path: string; bytes: number; status: string }[] }>(emu, "GET", "snapshot");
    expect(snapshot.files[0]).toMatchObject({ invokeId, path: "/etc/app/app.conf", bytes: 10, status: "Success" });
    expect(JSON.stringify(snapshot.files)).not.toContain("port=8080");
  });

  it("refuses to replace a file unless Overwrite says so, per instance", async () => {
    const first = await finished((await ecs().sendFile(request({ name: "once.txt", instanceId: [LINUX] }))).body!.invokeId!);
    expect(first.invocationStatus).toBe("Success");
    const again = await finished((await ecs().sendFile(request({ name: "once.txt", content: "new" }))).body!.invokeId!);
    expect(again.invocationStatus).toBe("PartialFailed");
    expect(again.invokeInstances!.invokeInstance!.map((d) => [d.instanceId, d.invocationStatus, d.errorCode])).toEqual([
      [LINUX, "Failed", "FileAlreadyExists"],
      [SECOND, "Success", ""],
    ]);
    await finished((await ecs().sendFile(request({ name: "once.txt", content: "newer", overwrite: true }))).body!.invokeId!);
    expect(Buffer.from((await fileOn(LINUX, "/etc/app/once.txt")).content, "base64").toString()).toBe("newer");
  });

  it("answers a retried ClientToken with the task it created, and a changed request with IdempotentParameterMismatch", async () => {
    const token = "file-token-1";
    const a = await ecs().sendFile(request({ name: "token.txt", clientToken: token }));
    const b = await ecs().sendFile(request({ name: "token.txt", clientToken: token }));
    expect(b.body!.invokeId).toBe(a.body!.invokeId);
    expect((await sdkError(ecs().sendFile(request({ name: "other.txt", clientToken: token })))).code).toBe("IdempotentParameterMismatch");
  });

  it("decodes Base64 content and counts the 32 KB limit after encoding", async () => {
    const bytes = Buffer.from([0, 1, 2, 250, 255]);
    const sent = await ecs().sendFile(request({ name: "blob.bin", content: bytes.toString("base64"), contentType: "Base64", instanceId: [LINUX] }));
    await finished(sent.body!.invokeId!);
    expect(Buffer.from((await fileOn(LINUX, "/etc/app/blob.bin")).content, "base64")).toEqual(bytes);
    // 24 576 bytes encode to exactly 32 768 characters: accepted; one byte more is refused.
    await expect(ecs().sendFile(request({ name: "edge", content: "a".repeat(24_576), instanceId: [LINUX] }))).resolves.toBeDefined();
    const over = await sdkError(ecs().sendFile(request({ name: "edge2", content: "a".repeat(24_577) })));
    expect([over.code, over.message]).toEqual(["InvalidParameter", expect.stringContaining("Content")]);
  });

  const refusals: [string, Partial<$Ecs.SendFileRequest>, string, string][] = [
    ["no name", { name: "" }, "MissingName", "Name"],
    ["a relative target dir", { targetDir: "etc/app" }, "InvalidParameter", "TargetDir"],
    ["an invalid mode", { fileMode: "0999" }, "InvalidParameter", "FileMode"],
    ["an unknown content type", { contentType: "Hex" }, "InvalidParameter", "ContentType"],
    ["no instances", { instanceId: [] }, "MissingInstanceId", "InstanceId"],
    ["51 instances", { instanceId: Array.from({ length: 51 }, (_, i) => `i-x${i}`) }, "InstanceIds.ExceedLimit", ""],
    ["an unknown instance", { instanceId: ["i-nothere"] }, "InvalidInstance.NotFound", ""],
  ];
  it.each(refusals)("refuses %s", async (_name, overrides, code, field) => {
    const error = await sdkError(ecs().sendFile(request(overrides)));
    expect([error.code, error.message.includes(field)]).toEqual([code, true]);
  });

  it("fails a delivery whose owner does not exist on the instance, or whose agent is stopped", async () => {
    await control(emu, "PUT", `fleet/${SECOND}`, { agent: { installed: true, running: false, version: "2.2.0.1" } });
    const task = await finished((await ecs().sendFile(request({ name: "owned.txt", fileOwner: "nobody" }))).body!.invokeId!);
    expect(task.invokeInstances!.invokeInstance!.map((d) => [d.instanceId, d.errorCode])).toEqual([
      [LINUX, "AccountNotExists"],
      [SECOND, "ClientNotRunning"],
    ]);
    expect(task.invocationStatus).toBe("Failed");
  });

  it("lists tasks newest first with filters and pages", async () => {
    const all = await ecs().describeSendFileResults(new $Ecs.DescribeSendFileResultsRequest({ regionId: "cn-hangzhou", name: "once.txt", maxResults: 2 }));
    expect(all.body!.totalCount).toBe(3);
    expect(all.body!.invocations!.invocation!.length).toBe(2);
    const rest = await ecs().describeSendFileResults(
      new $Ecs.DescribeSendFileResultsRequest({ regionId: "cn-hangzhou", name: "once.txt", maxResults: 2, nextToken: all.body!.nextToken }),
    );
    expect(rest.body!.invocations!.invocation!.map((t) => t.overwrite)).toEqual(["false"]);
    const failed = await ecs().describeSendFileResults(new $Ecs.DescribeSendFileResultsRequest({ regionId: "cn-hangzhou", invocationStatus: "Failed" }));
    expect(failed.body!.invocations!.invocation!.map((t) => t.name)).toEqual(["owned.txt"]);
  });
});
