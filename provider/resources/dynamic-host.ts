/**
 * The lifecycle served as a dynamic provider: the host side of the step contract (see
 * lifecycle/step-context) for the one host that is told neither the URN nor any timeout.
 *
 * The resource class computes the URN in the program and passes it as the `__urn` property
 * (engine-urn), which the dynamic provider also stores with the outputs so that refresh and delete
 * know it. Here, and only here, it is taken out of the properties into the step's context and put
 * back into what the step returns; `__provider` (the serialized provider) goes with a partial
 * failure's properties, or later steps could not load the provider. The lifecycle never sees either.
 */
import type * as pulumi from "@pulumi/pulumi";
import { useStackConfig } from "../cloud/settings";
import { PartialFailure } from "../lifecycle/partial-failure";
import { type ResourceLifecycle, stepContext } from "../lifecycle/step-context";

/** The keys only this host adds to a resource's properties. */
export interface HostKeys {
  __urn?: string;
  __provider?: string;
}

function split<T extends object>(props: T & HostKeys): { urn: string | undefined; provider: string | undefined; own: T } {
  const { __urn: urn, __provider: provider, ...own } = props;
  return { urn, provider, own: own as T };
}

/** `outs` as this host stores them: with the URN, when it is known. */
function withUrn<T extends object>(outs: T, urn: string | undefined): T & HostKeys {
  return urn === undefined ? outs : { ...outs, __urn: urn };
}

/**
 * A step that failed after something ran is recorded as this host stores resources: with the URN,
 * and with `__provider`, without which later steps could not load the provider.
 */
function recorded(urn: string | undefined, provider: string | undefined): (error: unknown) => never {
  return (error) => {
    if (!(error instanceof PartialFailure)) throw error;
    throw new PartialFailure(error.message, error.id, { ...withUrn(error.properties, urn), __provider: provider });
  };
}

/**
 * The six steps of `lifecycle` in the dynamic provider's shape (plus configure). Each lifecycle
 * module exports them under the names the serialized provider calls (resources/providers).
 */
export function dynamicHost<I extends object, O extends object>(lifecycle: ResourceLifecycle<I, O>) {
  return {
    async configure(request: pulumi.dynamic.ConfigureRequest): Promise<void> {
      useStackConfig(request.config);
    },
    async check(olds: Partial<I> & HostKeys, news: I & HostKeys): Promise<{ inputs: I & HostKeys; failures: { property: string; reason: string }[] }> {
      const { urn, own } = split(news);
      const result = await lifecycle.check(stepContext(urn), split(olds).own, own);
      return { inputs: news, failures: result.failures };
    },
    async diff(id: string, olds: O & HostKeys, news: I & HostKeys): Promise<pulumi.dynamic.DiffResult> {
      const urn = news.__urn ?? olds.__urn;
      return lifecycle.diff(stepContext(urn), id, split(olds).own, split(news).own);
    },
    async create(inputs: I & HostKeys): Promise<{ id: string; outs: O & HostKeys }> {
      const { urn, provider, own } = split(inputs);
      const result = await lifecycle.create(stepContext(urn), own).catch(recorded(urn, provider));
      return { id: result.id, outs: withUrn(result.outs, urn) };
    },
    async read(id: string, props: O & HostKeys): Promise<pulumi.dynamic.ReadResult> {
      const { urn, own } = split(props);
      const result = await lifecycle.read(stepContext(urn), id, own);
      // Inputs as the cloud reports them: the URN is not one (the program passes it anew each time).
      return { id: result.id, props: result.props && withUrn(result.props, urn), inputs: result.inputs };
    },
    async update(id: string, olds: O & HostKeys, news: I & HostKeys): Promise<{ outs: O & HostKeys }> {
      const urn = news.__urn ?? olds.__urn;
      const result = await lifecycle.update(stepContext(urn), id, split(olds).own, split(news).own).catch(recorded(urn, news.__provider));
      return { outs: withUrn(result.outs, urn) };
    },
    async delete(id: string, props: O & HostKeys): Promise<void> {
      const { urn, own } = split(props);
      await lifecycle.remove(stepContext(urn), id, own);
    },
  };
}
