import { execFileSync } from "node:child_process";
import { join } from "node:path";

/** Runs `script` in a fresh Node process (ts-node) and returns what it printed. */
function fresh(script: string): string {
  return execFileSync(process.execPath, ["-r", "ts-node/register/transpile-only", "-e", script], { cwd: join(__dirname, "../.."), encoding: "utf8" }).trim();
}

const loaded = `Object.keys(require.cache).filter((k) => /@alicloud[\\\\/](ecs20140526|openapi-core|credentials)[\\\\/]/.test(k)).length`;

describe("the official SDK is loaded only for a cloud call", () => {
  it("is not loaded by the resources, check or diff (previews and the program make no cloud call)", () => {
    const out = fresh(`
      require("./provider/index.ts");
      const lifecycle = require("./provider/lifecycle/invocation-lifecycle.ts");
      const inputs = { commandId: "c-abc123", instanceIds: ["i-abc1"] };
      (async () => {
        await lifecycle.check({}, inputs);
        await lifecycle.diff("t-1", { ...inputs, invokeId: "t-1", status: "Success", createOutcome: "completed" }, inputs);
        console.log(${loaded});
      })();`);
    expect(out).toBe("0");
  });

  it("is loaded once a cloud API is built", () => {
    const out = fresh(`
      const { createEcsApi } = require("./provider/cloud/ecs-api.ts");
      createEcsApi({ regionId: "cn-hangzhou", credentials: { kind: "static", accessKeyId: "a", accessKeySecret: "b" }, protocol: "http", endpoint: "127.0.0.1:1", readTimeoutMs: 1000, connectTimeoutMs: 1000 });
      console.log(${loaded} > 0);`);
    expect(out).toBe("true");
  });

  it("never loads the generated ECS client: calls go through the generic OpenAPI client", () => {
    const out = fresh(`
      const { startEmulator } = require("./emulator/index.ts");
      const { createEcsApi } = require("./provider/cloud/ecs-api.ts");
      (async () => {
        const emu = await startEmulator();
        const key = emu.accessKeys[0];
        const api = createEcsApi({ regionId: "cn-hangzhou", credentials: { kind: "static", ...key }, protocol: "http", endpoint: emu.url.replace("http://", ""), readTimeoutMs: 5000, connectTimeoutMs: 5000 });
        const view = await api.describeInvocation("t-none", Date.now() + 10000);
        // The emulator reads its requests through the SDK's model classes; the client itself stays unloaded.
        console.log(view === undefined, Object.keys(require.cache).some((k) => /@alicloud[\\/]ecs20140526[\\/]dist[\\/]client.js$/.test(k)));
        await emu.close();
      })();`);
    expect(out).toBe("true false");
  });
});

const rules = `Object.keys(require.cache).filter((k) => /[\\\\/]node_modules[\\\\/]zod[\\\\/]/.test(k)).length`;
const lifecycles = `Object.keys(require.cache).filter((k) => /[\\\\/]lifecycle[\\\\/](invocation|command|file)-lifecycle/.test(k)).length`;

describe("the rules (zod) and the lifecycles are loaded only when a step needs them", () => {
  it("the plugin's server and its package load neither before the engine asks about a resource", () => {
    const out = fresh(`
      require("./provider/plugin/provider-server.ts");
      require("./provider/plugin/resource-steps.ts");
      console.log(${rules}, ${lifecycles});`);
    expect(out).toBe("0 0");
  });

  it("a stack of invocations loads only the invocation lifecycle; refresh and destroy never load the rules", () => {
    const out = fresh(`
      const { PACKAGE } = require("./provider/plugin/resource-steps.ts");
      const { TOKENS } = require("./provider/package/identity.ts");
      const kind = PACKAGE.kinds[TOKENS.invocation]();
      const before = ${rules};
      // read and remove of a dry run need no cloud call: what they load is what the steps need.
      (async () => {
        await kind.lifecycle.read({ urn: undefined }, "dryrun-1", { commandId: "c-abc123", instanceIds: ["i-abc1"], repeatMode: "DryRun" });
        console.log(before, ${rules}, ${lifecycles}, kind.inputs.includes("commandId"));
        await kind.lifecycle.check({ urn: undefined }, {}, { commandId: "c-abc123", instanceIds: ["i-abc1"] });
        console.log(${rules} > 0);
      })();`);
    expect(out).toBe("0 0 1 true\ntrue");
  });
});
