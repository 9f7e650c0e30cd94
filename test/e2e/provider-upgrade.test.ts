import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { emulatorForFile } from "../support/emulator";
import { PulumiProject, SPEC_PROGRAM } from "./harness";
import { calls, spec } from "./support";

jest.setTimeout(600_000);

const emu = emulatorForFile();

/**
 * `__provider` as versions before 2026-12-05 stored it: an object of seven methods, each calling the
 * installed lifecycle module (the provider serialized per resource). State written then must keep
 * working with this version's package installed.
 */
function previousShim(kind: "invocation" | "command"): string {
  const lifecycle = `${kind}Lifecycle`;
  const methods = [
    ["configure", "request", "request"],
    ["check", "olds, news", "olds, news"],
    ["diff", "id, olds, news", "id, olds, news"],
    ["create", "inputs", "inputs"],
    ["read", "id, props", "id, props"],
    ["update", "id, olds, news", "id, olds, news"],
    ["delete", "id, props", "id, props"],
  ];
  const body = methods
    .map(
      ([name, params, args], i) =>
        `function __f${i + 1}() {\n  return (function() {\n    with({ this: undefined, arguments: undefined }) {\n\n` +
        `return (${params}) => ${lifecycle}.${name === "delete" ? "remove" : name}(${args});\n\n    }\n  }).apply(undefined, undefined).apply(this, arguments);\n}\n`,
    )
    .join("\n");
  return (
    "exports.handler = __f0;\n\n" +
    `var __provider = {${methods.map(([name], i) => `${name}: __f${i + 1}`).join(", ")}};\n` +
    `const ${lifecycle} = require("pulumi-ecs-invocation/dist/provider/lifecycle/${kind}-lifecycle.js");\n\n${body}\n` +
    "function __f0() {\n  return (function() {\n    with({ provider: __provider, this: undefined, arguments: undefined }) {\n\nreturn () => provider;\n\n    }\n  }).apply(undefined, undefined).apply(this, arguments);\n}\n"
  );
}

describe("state written by an earlier version", () => {
  it("refreshes and destroys resources whose __provider is the earlier shim, releasing the run", async () => {
    const project = await PulumiProject.from(SPEC_PROGRAM, "provider-upgrade", emu);
    try {
      await project.spec(spec("echo upgraded", { run: {} }));
      expect((await project.up()).code).toBe(0);
      const state = await project.exportState();
      for (const resource of state.deployment.resources) {
        const kind = /EcsInvocation$/.test(resource.type) ? "invocation" : /EcsCommand$/.test(resource.type) ? "command" : undefined;
        if (!kind) continue;
        for (const props of [resource.inputs, resource.outputs]) if (props?.["__provider"]) props["__provider"] = previousShim(kind);
      }
      const file = join(project.dir, "upgraded-state.json");
      writeFileSync(file, JSON.stringify(state));
      await project.pulumi(["stack", "import", "--file", file], { check: true });

      const refresh = await project.refresh();
      expect(refresh.code).toBe(0);
      const destroy = await project.destroy();
      expect(destroy.code).toBe(0);
      const released = calls(emu, "TagResources").filter((c) => c.code === "OK" && Object.values(c.params).includes("released"));
      expect(released).toHaveLength(1);
    } finally {
      await project.dispose();
    }
  });
});
