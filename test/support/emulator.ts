import Ecs, { CreateCommandRequest } from "@alicloud/ecs20140526";
import { $OpenApiUtil } from "@alicloud/openapi-core";
import { type EmulatorOptions, type RunningEmulator, startEmulator } from "../../emulator";

export { eventually } from "./eventually";

/** Starts an emulator on a free port with a fast delivery delay, for one test file. */
export async function emulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  return startEmulator({ deliveryDelayMs: 10, instanceTransitionMs: 20, ...options });
}

/**
 * One emulator for a whole test file, started before its tests and closed after them. The value
 * returned stands for that emulator (it forwards to it once started), so tests use it directly.
 */
export function emulatorForFile(options: EmulatorOptions = {}): RunningEmulator {
  let running: RunningEmulator | undefined;
  beforeAll(async () => {
    running = await emulator(options);
  });
  afterAll(() => running?.close());
  return new Proxy({} as RunningEmulator, {
    get(_target, property) {
      if (!running) throw new Error("the emulator is started in beforeAll: use it inside tests and hooks");
      return Reflect.get(running, property);
    },
  });
}

/** The unmodified SDK client pointed at an emulator. */
export function sdkClient(emu: RunningEmulator, overrides: Partial<$OpenApiUtil.Config> = {}): Ecs {
  const key = emu.accessKeys[0]!;
  return new Ecs(
    new $OpenApiUtil.Config({
      accessKeyId: key.accessKeyId,
      accessKeySecret: key.accessKeySecret,
      securityToken: key.securityToken,
      endpoint: emu.endpoint,
      protocol: "http",
      regionId: "cn-hangzhou",
      readTimeout: 10_000,
      connectTimeout: 10_000,
      ...overrides,
    }),
  );
}

/** A RunShellScript command of `script` created in the emulator's cn-hangzhou, named `name`: its id. */
export async function shellCommand(emu: RunningEmulator, name: string, script: string): Promise<string> {
  const request = new CreateCommandRequest({ regionId: "cn-hangzhou", name, type: "RunShellScript", commandContent: Buffer.from(script).toString("base64") });
  return (await sdkClient(emu).createCommand(request)).body!.commandId!;
}

/** Calls the emulator's control API. */
export async function control<T = unknown>(emu: RunningEmulator, method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${emu.url}/_emulator/${path}`, {
    method,
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`control ${method} ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** The SDK's error for a rejected call, for asserting code and status. */
export async function sdkError(call: Promise<unknown>): Promise<{ code: string; statusCode: number; message: string; data?: Record<string, unknown> }> {
  try {
    await call;
  } catch (error) {
    return error as { code: string; statusCode: number; message: string; data?: Record<string, unknown> };
  }
  throw new Error("expected the call to fail, but it succeeded");
}
