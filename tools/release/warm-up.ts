/**
 * The warm-up run whose V8 code cache the linux-amd64 plugin executable carries (sea-main): the
 * bundled plugin, run by the Node.js binary the executable is built from, is driven through the
 * steps a `pulumi up`, `refresh` and `destroy` of a few invocations make — configure, check, diff,
 * create (a preview's and a real one), read, delete, several at once so reads and releases are
 * shared — against the emulator, with a stand-in engine taking its progress lines, as the engine
 * drives it; then it writes the cache of everything that run compiled. A step that fails fails
 * the build: a cache of a broken run is worth nothing.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type * as grpcTypes from "@grpc/grpc-js";
import type * as providerPb from "@pulumi/pulumi/proto/provider_pb";
import { startEmulator } from "../../emulator";
import { emptyModule, grpcModule, structModule } from "../../provider/lifecycle/pulumi-modules";
import { PACKAGE_NAME, TOKENS } from "../../provider/package/identity";
import { shellCommand } from "../../test/support/emulator";

const provider = require("@pulumi/pulumi/proto/provider_pb") as typeof providerPb;
const { ResourceProviderClient } = require("@pulumi/pulumi/proto/provider_grpc_pb") as {
  ResourceProviderClient: new (
    address: string,
    credentials: unknown,
  ) => Record<string, (request: unknown, callback: (error: Error | null, response: unknown) => void) => void>;
};
const { Struct } = structModule();

type Message = { toObject(): unknown };
type Plain = Record<string, unknown>;

/** Runs `mainScript` on `bundle` with `node`, drives it, and returns the code cache it wrote to `cacheFile`. */
export async function warmCodeCache(node: string, mainScript: string, bundle: string, cacheFile: string): Promise<Buffer> {
  const emulator = await startEmulator({ deliveryDelayMs: 0, inProcessEcho: true });
  const key = emulator.accessKeys[0]!;
  const env = {
    PATH: process.env["PATH"] ?? "/usr/bin:/bin",
    PULUMI_ECS_PLUGIN_SCRIPT: bundle,
    // The package files (version, schema) are read from this checkout, as the compiled plugin does.
    PULUMI_ECS_PLUGIN_DIR: join(__dirname, "..", "..", "dist", "provider", "plugin"),
    PULUMI_ECS_WRITE_CODE_CACHE: cacheFile,
    ALICLOUD_REGION: "cn-hangzhou",
    ALICLOUD_ACCESS_KEY: key.accessKeyId,
    ALICLOUD_SECRET_KEY: key.accessKeySecret,
    ALICLOUD_ECS_ENDPOINT: emulator.url,
  };
  const engine = await standInEngine();
  const plugin = spawn(node, [mainScript, engine.address], { env, stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  plugin.stderr!.on("data", (chunk: Buffer) => {
    stderr += chunk.toString("utf8");
  });
  try {
    const port = await firstLine(plugin);
    const commandId = await shellCommand(emulator, "warm-up", "echo ok");
    await drive(`127.0.0.1:${port}`, commandId);
    const exited = once(plugin, "exit");
    plugin.kill("SIGUSR2");
    await exited;
    if (!existsSync(cacheFile)) throw new Error(`the warm-up run wrote no code cache: ${stderr}`);
    return readFileSync(cacheFile);
  } catch (error) {
    throw new Error(`the plugin's warm-up run failed: ${error instanceof Error ? error.message : String(error)}\n${stderr}`);
  } finally {
    plugin.kill("SIGKILL");
    engine.server.forceShutdown();
    await emulator.close();
  }
}

/** The port the plugin prints first, as the engine reads it. */
async function firstLine(plugin: ChildProcess): Promise<number> {
  let out = "";
  for await (const chunk of plugin.stdout!) {
    out += (chunk as Buffer).toString("utf8");
    const line = /^(\d+)\n/.exec(out);
    if (line) return Number(line[1]);
  }
  throw new Error(`the plugin printed no port: ${out}`);
}

/** The engine's Log calls, answered (the plugin sends progress lines to the address it is started with). */
async function standInEngine(): Promise<{ address: string; server: { forceShutdown(): void } }> {
  const grpc = grpcModule();
  const { EngineService } = require("@pulumi/pulumi/proto/engine_grpc_pb") as { EngineService: grpcTypes.ServiceDefinition };
  const { Empty } = emptyModule();
  const server = new grpc.Server();
  server.addService(EngineService, { log: (_call: unknown, callback: (error: null, response: unknown) => void) => callback(null, new Empty()) });
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound))),
  );
  return { address: `127.0.0.1:${port}`, server };
}

/** The steps of `up` (preview, then the update), `refresh` and `destroy` of a few invocations at once. */
async function drive(address: string, commandId: string): Promise<void> {
  const grpc = grpcModule();
  const client = new ResourceProviderClient(address, grpc.credentials.createInsecure());
  const call = <T extends Message>(method: string, request: unknown): Promise<T> =>
    new Promise((resolve, reject) => client[method]!(request, (error, response) => (error ? reject(error) : resolve(response as T))));
  const struct = (values: Plain) => Struct.fromJavaScript(values as never);
  const plain = (value: { toJavaScript(): unknown } | undefined) => (value?.toJavaScript() ?? {}) as Plain;

  const configure = new provider.ConfigureRequest().setAcceptsecrets(true).setAcceptresources(true);
  configure.getVariablesMap().set(`${PACKAGE_NAME}:config:region`, "cn-hangzhou");
  await call("configure", configure);
  const lifecycleOf = async (name: string): Promise<void> => {
    const urn = `urn:pulumi:warm-up::warm-up::${TOKENS.invocation}::${name}`;
    const news = { commandId, instanceIds: ["i-linux0000000000001"], timeout: 60 };
    const checked = await call<providerPb.CheckResponse>("check", new provider.CheckRequest().setUrn(urn).setOlds(struct({})).setNews(struct(news)));
    if (checked.getFailuresList().length > 0) throw new Error(`check failed: ${JSON.stringify(checked.toObject())}`);
    const inputs = plain(checked.getInputs());
    await call("create", new provider.CreateRequest().setUrn(urn).setProperties(struct(inputs)).setPreview(true));
    const created = await call<providerPb.CreateResponse>("create", new provider.CreateRequest().setUrn(urn).setProperties(struct(inputs)).setTimeout(60));
    const id = created.getId();
    const outputs = plain(created.getProperties());
    const diff = (olds: Plain) =>
      call("diff", new provider.DiffRequest().setId(id).setUrn(urn).setOlds(struct(olds)).setNews(struct(inputs)).setOldInputs(struct(inputs)));
    await diff(outputs);
    const read = await call<providerPb.ReadResponse>(
      "read",
      new provider.ReadRequest().setId(id).setUrn(urn).setProperties(struct(outputs)).setInputs(struct(inputs)),
    );
    await diff(plain(read.getProperties()));
    await call("delete", new provider.DeleteRequest().setId(id).setUrn(urn).setProperties(struct(outputs)).setOldInputs(struct(inputs)).setTimeout(60));
  };
  await Promise.all(["run-0", "run-1", "run-2"].map(lifecycleOf));
  (client as unknown as { close(): void }).close();
}
