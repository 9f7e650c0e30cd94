import { PartialFailure } from "../../provider/lifecycle/partial-failure";
import type { ResourceLifecycle, StepContext } from "../../provider/lifecycle/step-context";
import { dynamicHost } from "../../provider/resources/dynamic-host";

type Props = Record<string, unknown>;

/** A lifecycle that records the context and properties it was handed, and answers as told. */
function recordingLifecycle(answer: (step: string) => Promise<unknown>) {
  const seen: { step: string; urn: string | undefined; props: Props }[] = [];
  const note = (step: string, ctx: StepContext, props: Props) => seen.push({ step, urn: ctx.urn, props });
  const lifecycle: ResourceLifecycle<Props, Props> = {
    check: async (ctx, _olds, news) => {
      note("check", ctx, news);
      return { inputs: news, failures: [] };
    },
    diff: async (ctx, _id, _olds, news) => {
      note("diff", ctx, news);
      return { changes: false, replaces: [], deleteBeforeReplace: true };
    },
    create: async (ctx, inputs) => {
      note("create", ctx, inputs);
      return (await answer("create")) as { id: string; outs: Props };
    },
    read: async (ctx, id, props) => {
      note("read", ctx, props);
      return { id, props };
    },
    update: async (ctx, _id, _olds, news) => {
      note("update", ctx, news);
      return (await answer("update")) as { outs: Props };
    },
    remove: async (ctx, _id, props) => {
      note("remove", ctx, props);
    },
  };
  return { lifecycle, seen };
}

const URN = "urn:pulumi:dev::app::pulumi-nodejs:dynamic/alicloud:EcsInvocation::web";

describe("the dynamic host: the step contract for the host that is told no URN", () => {
  it("hands the lifecycle the URN in the context and the resource's own properties, and stores the URN with the outputs", async () => {
    const { lifecycle, seen } = recordingLifecycle(async () => ({ id: "t-1", outs: { status: "Success" } }));
    const host = dynamicHost(lifecycle);
    const created = await host.create({ commandId: "c-1", __urn: URN, __provider: "code" });
    expect(created).toEqual({ id: "t-1", outs: { status: "Success", __urn: URN } });
    await host.delete("t-1", { status: "Success", __urn: URN, __provider: "code" });
    expect(seen).toEqual([
      { step: "create", urn: URN, props: { commandId: "c-1" } },
      { step: "remove", urn: URN, props: { status: "Success" } },
    ]);
  });

  it("records a create or an update that failed after something ran with the URN and the provider, so later steps can load it", async () => {
    const failing = async () => {
      throw new PartialFailure("the run failed", "t-2", { status: "Failed" });
    };
    const host = dynamicHost(recordingLifecycle(failing).lifecycle);
    for (const step of [
      () => host.create({ commandId: "c-1", __urn: URN, __provider: "code" }),
      () => host.update("t-2", { status: "Failed", __urn: URN }, { commandId: "c-1", __urn: URN, __provider: "code" }),
    ]) {
      const error = await step().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(PartialFailure);
      expect((error as PartialFailure).properties).toEqual({ status: "Failed", __urn: URN, __provider: "code" });
    }
  });
});
