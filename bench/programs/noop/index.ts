// The floor P1 measures against: N dynamic resources whose provider does nothing, with the same
// shape as EcsInvocation (an input that replaces, delete before replace), so the ratio isolates
// what the EcsInvocation provider adds to the engine's own cost for a dynamic resource.
import * as pulumi from "@pulumi/pulumi";

const noop: pulumi.dynamic.ResourceProvider = {
  async create(inputs) {
    return { id: `noop-${inputs.index}-${inputs.rev}`, outs: inputs };
  },
  async diff(_id, olds, news) {
    const replace = olds.rev !== news.rev;
    return { changes: replace, replaces: replace ? ["rev"] : [], deleteBeforeReplace: true };
  },
  async read(id, props) {
    return { id, props };
  },
  async delete() {},
};

class Noop extends pulumi.dynamic.Resource {
  constructor(name: string, args: { index: number; rev: string }) {
    super(noop, name, args, {}, "bench:Noop");
  }
}

const config = new pulumi.Config();
const count = config.requireNumber("count");
const rev = config.require("rev");
export const ids = Array.from({ length: count }, (_, index) => new Noop(`noop-${index}`, { index, rev }).id);
