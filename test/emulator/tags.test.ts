import * as $Ecs from "@alicloud/ecs20140526";
import { emulatorForFile, sdkClient, sdkError } from "../support/emulator";

const REGION = "cn-hangzhou";
const emu = emulatorForFile();

async function invocation(tags: Record<string, string> = {}): Promise<string> {
  const ecs = sdkClient(emu);
  const tag = Object.entries(tags).map(([key, value]) => new $Ecs.RunCommandRequestTag({ key, value }));
  return (
    await ecs.runCommand(
      new $Ecs.RunCommandRequest({ regionId: REGION, type: "RunShellScript", commandContent: "true", instanceId: ["i-linux0000000000001"], tag }),
    )
  ).body!.invokeId!;
}

async function tagsOf(invokeId: string): Promise<Record<string, string>> {
  const found = (await sdkClient(emu).describeInvocations(new $Ecs.DescribeInvocationsRequest({ regionId: REGION, invokeId }))).body!.invocations!
    .invocation![0]!;
  return Object.fromEntries((found.tags?.tag ?? []).map((t) => [t.tagKey!, t.tagValue!]));
}

const tagRequest = (invokeIds: string[], tags: Record<string, string>, resourceType = "invocation") =>
  new $Ecs.TagResourcesRequest({
    regionId: REGION,
    resourceType,
    resourceId: invokeIds,
    tag: Object.entries(tags).map(([key, value]) => new $Ecs.TagResourcesRequestTag({ key, value })),
  });

describe("TagResources and UntagResources on invocations", () => {
  it("adds tags, overwrites the value of a key the invocation has, and DescribeInvocations filters by them", async () => {
    const invokeId = await invocation({ owner: "ops", stage: "live" });
    await sdkClient(emu).tagResources(tagRequest([invokeId], { stage: "released", team: "db" }));
    expect(await tagsOf(invokeId)).toEqual({ owner: "ops", stage: "released", team: "db" });
    const byTag = (value: string) =>
      sdkClient(emu).describeInvocations(
        new $Ecs.DescribeInvocationsRequest({
          regionId: REGION,
          tag: [new $Ecs.DescribeInvocationsRequestTag({ key: "stage", value })],
        }),
      );
    expect((await byTag("released")).body!.invocations!.invocation!.map((i) => i.invokeId)).toContain(invokeId);
    expect((await byTag("live")).body!.invocations!.invocation!.map((i) => i.invokeId)).not.toContain(invokeId);
  });

  it("removes named keys, or all tags with All", async () => {
    const invokeId = await invocation({ a: "1", b: "2", c: "3" });
    await sdkClient(emu).untagResources(
      new $Ecs.UntagResourcesRequest({ regionId: REGION, resourceType: "invocation", resourceId: [invokeId], tagKey: ["a"] }),
    );
    expect(await tagsOf(invokeId)).toEqual({ b: "2", c: "3" });
    await sdkClient(emu).untagResources(new $Ecs.UntagResourcesRequest({ regionId: REGION, resourceType: "invocation", resourceId: [invokeId], all: true }));
    expect(await tagsOf(invokeId)).toEqual({});
  });

  it.each([
    ["an unknown invocation", () => tagRequest(["t-missing"], { a: "1" }), "InvalidResourceId.NotFound", 404],
    ["a resource type that is not Cloud Assistant's", () => tagRequest(["t-x"], { a: "1" }, "disk"), "InvalidResourceType.NotFound", 404],
    [
      "more than 50 resources",
      () =>
        tagRequest(
          Array.from({ length: 51 }, (_, i) => `t-${i}`),
          { a: "1" },
        ),
      "NumberExceed.ResourceIds",
      400,
    ],
    ["a key starting with acs:", () => tagRequest(["t-x"], { "acs:x": "1" }), "InvalidTagKey.Malformed", 400],
  ])("refuses %s", async (_case, request, code, status) => {
    const error = await sdkError(sdkClient(emu).tagResources(request()));
    expect([error.code, error.statusCode]).toEqual([code, status]);
  });

  it("refuses to take an invocation past 20 tags", async () => {
    const invokeId = await invocation(Object.fromEntries(Array.from({ length: 19 }, (_, i) => [`k${i}`, "v"])));
    const error = await sdkError(sdkClient(emu).tagResources(tagRequest([invokeId], { x: "1", y: "2" })));
    expect([error.code, error.statusCode]).toEqual(["InvalidTagCount", 400]);
    expect(Object.keys(await tagsOf(invokeId))).toHaveLength(19);
  });
});

describe("ListTagResources", () => {
  it("lists the tags of named invocations, and finds invocations by tag, page by page", async () => {
    const first = await invocation({ stage: "listed", owner: "a" });
    const second = await invocation({ stage: "listed" });
    const byId = (
      await sdkClient(emu).listTagResources(new $Ecs.ListTagResourcesRequest({ regionId: REGION, resourceType: "invocation", resourceId: [first] }))
    ).body!;
    expect(byId.tagResources!.tagResource!.map((t) => [t.resourceId, t.resourceType, t.tagKey, t.tagValue]).sort()).toEqual([
      [first, "invocation", "owner", "a"],
      [first, "invocation", "stage", "listed"],
    ]);
    const rows: string[] = [];
    let nextToken: string | undefined;
    do {
      const pageOf = (
        await sdkClient(emu).listTagResources(
          new $Ecs.ListTagResourcesRequest({
            regionId: REGION,
            resourceType: "invocation",
            tag: [new $Ecs.ListTagResourcesRequestTag({ key: "stage", value: "listed" })],
            nextToken,
          }),
        )
      ).body!;
      rows.push(...pageOf.tagResources!.tagResource!.map((t) => `${t.resourceId}:${t.tagKey}`));
      nextToken = pageOf.nextToken || undefined;
    } while (nextToken);
    expect(rows.sort()).toEqual([`${first}:owner`, `${first}:stage`, `${second}:stage`].sort());
  });
});
