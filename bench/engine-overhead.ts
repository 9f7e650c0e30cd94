/**
 * P1 engine overhead and P3 state weight, through the real Pulumi CLI against the emulator.
 * For N instant invocations — through the dynamic provider, and through the provider package's
 * plugin — and, in the same run, each path's floors, which run no rule, no call and no wait: N
 * no-op dynamic resources registered as EcsInvocation is (bench/programs/noop-stored) and N of the
 * package's EcsInvocations served by the plugin's server with no lifecycle (bench/noop-plugin),
 * each storing what an invocation stores — the floors the targets hold — and the same storing
 * their inputs alone (bench/programs/noop, and the no-op plugin run plainly), reported beside.
 * Both plugins are built as users install the plugin: one executable each (tools/release). Every cycle has an emulator of its own (none scans the runs of the cycles
 * before it) that runs the benchmark's `echo ok` without a shell (inProcessEcho): a real cloud
 * runs it on the instances, not on the cores the engine uses; bench/breakdown measures the shells.
 * Each operation's wall time; the ratio is what the provider adds to the engine's own cost on
 * that path.
 */
import { join } from "node:path";
import { build } from "esbuild";
import { type EmulatorOptions, type RunningEmulator, startEmulator } from "../emulator";
import { PROGRAM_OUTPUT_KEYS } from "../provider/resources/ecs-invocation";
import { PulumiProject } from "../test/e2e/harness";
import { shellCommand } from "../test/support/emulator";
import { buildLinuxExecutable, PLUGIN_ENTRY } from "../tools/release/plugin-executable";
import { type Measured, measured, type Row, timed } from "./stats";

const NOOP_PROGRAM = join(__dirname, "programs", "noop");
const NOOP_STORED_PROGRAM = join(__dirname, "programs", "noop-stored");
const INVOCATIONS_PROGRAM = join(__dirname, "programs", "invocations");
const PACKAGE_PROGRAM = join(__dirname, "programs", "package");
const ROOT = join(__dirname, "..");
/** Where the plugin and the no-op plugin are built (the engine starts the executable in each folder). */
const PLUGIN_DIR = join(ROOT, ".build", "bench-plugins", "plugin");
const NOOP_PLUGIN_DIR = join(ROOT, ".build", "bench-plugins", "no-op");
/**
 * The provider module of the dynamic floor storing invocations, as one script where the programs'
 * modules are installed (test/e2e/harness links them): Pulumi serializes it as one `require`, as it
 * does the package's providers — a floor whose `__provider` is no heavier than the package's.
 */
const STORED_PROVIDER = join(ROOT, "examples", "node_modules", ".cache", "pulumi-ecs-invocation-bench", "noop-stored-provider.js");
export const OPERATIONS = ["create", "no-change up", "preview", "refresh", "replace", "destroy"] as const;
export type Operation = (typeof OPERATIONS)[number];

export interface Kind {
  name: "invocations" | "package" | "no-op" | "no-op storing invocations" | "no-op plugin" | "no-op plugin storing invocations";
  /** Served by a provider plugin (see test/e2e/harness): this checkout's, or the one in this folder. */
  native?: boolean;
  pluginPath?: string;
  /** Environment of the CLI, which it passes on to the plugins it starts. */
  env?: Record<string, string>;
  start(project: PulumiProject, n: number, emu: RunningEmulator): Promise<void>;
  /** Changes an input that replaces every resource. */
  replace(project: PulumiProject, n: number): Promise<void>;
  program: string;
}

/** N invocations of one existing command, for either way the provider is served. */
export const invocations = (
  name: Exclude<Kind["name"], "no-op">,
  program: string,
  native: boolean,
  pluginPath?: string,
  env?: Record<string, string>,
): Kind => ({
  name,
  program,
  native,
  pluginPath,
  env,
  start: async (project, n, emu) => {
    const commandId = await shellCommand(emu, "bench-ok", "echo ok");
    await project.config("count", String(n));
    await project.config("commandId", commandId);
    await project.config("timeout", "60");
  },
  replace: (project) => project.config("timeout", "61"),
});

/** `kind`, its program told the outputs the package's EcsInvocation class declares (bench/programs/noop-stored). */
function declaringEcsInvocationOutputs(kind: Kind): Kind {
  return {
    ...kind,
    start: async (project, n, emu) => {
      await kind.start(project, n, emu);
      await project.config("declared", JSON.stringify([...PROGRAM_OUTPUT_KEYS, "parameters"]));
    },
  };
}

export const kinds: Kind[] = [
  invocations("invocations", INVOCATIONS_PROGRAM, false),
  invocations("package", PACKAGE_PROGRAM, true, PLUGIN_DIR),
  invocations("no-op plugin", PACKAGE_PROGRAM, true, NOOP_PLUGIN_DIR),
  // The same floor, each resource storing what an invocation stores (bench/noop-plugin): the
  // engine's cost of an invocation's state, apart from the plugin's own.
  invocations("no-op plugin storing invocations", PACKAGE_PROGRAM, true, NOOP_PLUGIN_DIR, { BENCH_NOOP_PLUGIN_STORES: "invocation" }),
  // The dynamic floor registered as EcsInvocation is, each resource storing what an invocation stores.
  declaringEcsInvocationOutputs(invocations("no-op storing invocations", NOOP_STORED_PROGRAM, false)),
  {
    name: "no-op",
    program: NOOP_PROGRAM,
    start: async (project, n) => {
      await project.config("count", String(n));
      await project.config("rev", "1");
    },
    replace: (project) => project.config("rev", "2"),
  },
];

async function check(step: Promise<{ code: number; output: string }>, what: string): Promise<void> {
  const result = await step;
  if (result.code !== 0) throw new Error(`${what} failed (${result.code}):\n${result.output.slice(-3000)}`);
}

/** How one operation is measured: its wall time (ms) by default; the breakdown adds CPU per process. */
export type Measure = (op: Operation, step: () => Promise<void>) => Promise<number>;

/** One project's six operations, each measured (ms), against an emulator of its own. */
export async function cycle(
  kind: Kind,
  n: number,
  rep: number,
  measure: Measure = (_op, step) => timed(step),
  emulator: EmulatorOptions = {},
): Promise<Record<Operation, number>> {
  const emu = await startEmulator({ deliveryDelayMs: 0, ...emulator });
  const project = await PulumiProject.from(kind.program, `bench-${kind.name.replace(/\W+/g, "")}-${n}-${rep}`, emu, {
    native: kind.native,
    pluginPath: kind.pluginPath,
  });
  Object.assign(project.env, kind.env);
  try {
    await kind.start(project, n, emu);
    const times = {} as Record<Operation, number>;
    times.create = await measure("create", () => check(project.up(), "create"));
    times["no-change up"] = await measure("no-change up", () => check(project.up(), "no-change up"));
    times.preview = await measure("preview", () => check(project.preview(), "preview"));
    times.refresh = await measure("refresh", () => check(project.refresh(), "refresh"));
    await kind.replace(project, n);
    times.replace = await measure("replace", () => check(project.up(), "replace"));
    times.destroy = await measure("destroy", () => check(project.destroy(), "destroy"));
    return times;
  } finally {
    await project.dispose();
    await emu.close();
  }
}

/**
 * The plugin and its no-op floor, each built from this checkout as the released executable is,
 * and the provider module of the dynamic floor storing invocations.
 */
export async function buildBenchPlugins(): Promise<void> {
  for (const [entry, dir] of [
    [PLUGIN_ENTRY, PLUGIN_DIR],
    [join(ROOT, "bench", "noop-plugin", "main.ts"), NOOP_PLUGIN_DIR],
  ] as const) {
    await buildLinuxExecutable(entry, dir);
  }
  await buildStoredBundle();
}

/** The dynamic floor's provider module with what it uses of the lifecycle, as one CommonJS script (STORED_PROVIDER). */
export async function buildStoredBundle(): Promise<string> {
  await build({
    entryPoints: [join(NOOP_STORED_PROGRAM, "provider.ts")],
    bundle: true,
    platform: "node",
    format: "cjs",
    outfile: STORED_PROVIDER,
    logLevel: "warning",
  });
  return STORED_PROVIDER;
}

/** The targets of issue #27: each path within 1.15× of its own floor; the plugin at or under the dynamic path. */
const FLOOR_TARGET = 1.15;

/** P1's groups, in the order the report gives them. */
export const P1_GROUPS = {
  dynamic: "P1 engine overhead",
  plugin: "P1 engine overhead (package)",
  dynamicPlain: "P1 engine overhead, the engine's handling of an invocation's state counted as the provider's",
  pluginPlain: "P1 engine overhead (package), the engine's handling of an invocation's state counted as the plugin's",
  paths: "P1 plugin against the dynamic path",
  floors: "P1 floors",
} as const;
type P1Group = keyof typeof P1_GROUPS;

/** Each kind's samples of each operation (ms), at one size. */
export type P1Samples = Partial<Record<Kind["name"], Record<Operation, number[]>>>;

/**
 * P1's rows at one size, by group. Each path is held to its floor storing what an invocation
 * stores — the engine writes the whole state after every step, and each message between the
 * engine and the provider carries a resource's properties, so what a resource stores is the
 * engine's work on every step — and is reported against its floor storing its inputs alone
 * beside, without a target: that ratio counts the engine's handling of an invocation's state as
 * the provider's own cost.
 */
export function p1Rows(n: number, samples: P1Samples): Record<P1Group, Row[]> {
  const groups: Record<P1Group, Row[]> = { dynamic: [], plugin: [], dynamicPlain: [], pluginPlain: [], paths: [], floors: [] };
  for (const op of OPERATIONS) {
    const of = (name: Kind["name"]) => {
      const taken = samples[name]?.[op];
      if (!taken) throw new Error(`P1 has no samples of ${name} for ${op} at N=${n}`);
      return measured(taken);
    };
    const row = (group: string, value: Measured, baseline: Measured, limit: number | undefined, note?: string): Row => {
      const ratio = value.median / baseline.median;
      return {
        group,
        name: `${op}, N=${n}`,
        value,
        baseline,
        unit: "ms",
        ratio,
        ...(limit === undefined ? {} : { target: `≤ ${limit.toFixed(2)}×`, met: ratio <= limit }),
        ...(note ? { note } : {}),
      };
    };
    groups.dynamic.push(
      row(
        P1_GROUPS.dynamic,
        of("invocations"),
        of("no-op storing invocations"),
        FLOOR_TARGET,
        "against the no-op dynamic floor whose resources store what an invocation stores",
      ),
    );
    groups.dynamicPlain.push(row(P1_GROUPS.dynamicPlain, of("invocations"), of("no-op"), undefined, "against the no-op dynamic floor storing its input alone"));
    groups.plugin.push(
      row(
        P1_GROUPS.plugin,
        of("package"),
        of("no-op plugin storing invocations"),
        FLOOR_TARGET,
        "the provider plugin, against the no-op plugin floor whose resources store what an invocation stores",
      ),
    );
    groups.pluginPlain.push(
      row(P1_GROUPS.pluginPlain, of("package"), of("no-op plugin"), undefined, "the provider plugin, against the no-op plugin floor storing its inputs alone"),
    );
    groups.paths.push(row(P1_GROUPS.paths, of("package"), of("invocations"), 1, "the provider plugin, against the dynamic provider"));
    groups.floors.push(
      row(
        P1_GROUPS.floors,
        of("no-op plugin storing invocations"),
        of("no-op storing invocations"),
        undefined,
        "the plugin's floor, against the dynamic path's",
      ),
    );
  }
  return groups;
}

export async function engineOverhead(sizes: number[], reps: number, log: (line: string) => void): Promise<Row[]> {
  await buildBenchPlugins();
  const bySize: Record<P1Group, Row[]>[] = [];
  for (const n of sizes) {
    const samples: P1Samples = {};
    for (let rep = 0; rep < reps; rep++) {
      // Alternate which kind goes first, so drift on the machine does not favour one.
      for (const kind of rep % 2 ? [...kinds].reverse() : kinds) {
        // The command runs on the instances, not on the machine running `pulumi`: the emulator
        // answers `echo ok` without starting a shell on the bench's cores (the breakdown measures
        // the shells apart).
        const times = await cycle(kind, n, rep, undefined, { inProcessEcho: true });
        samples[kind.name] ??= Object.fromEntries(OPERATIONS.map((op) => [op, []])) as unknown as Record<Operation, number[]>;
        for (const op of OPERATIONS) samples[kind.name]![op].push(times[op]);
        log(`  P1 N=${n} ${kind.name} #${rep + 1}: ${OPERATIONS.map((op) => `${op} ${(times[op] / 1000).toFixed(2)}s`).join(", ")}`);
      }
    }
    bySize.push(p1Rows(n, samples));
  }
  return (Object.keys(P1_GROUPS) as P1Group[]).flatMap((group) => bySize.flatMap((rows) => rows[group]));
}

/** P3: what one invocation weighs in the state file, beside a no-op dynamic resource. */
export async function stateWeight(emu: RunningEmulator): Promise<Row[]> {
  const weigh = async (kind: Kind) => {
    const project = await PulumiProject.from(kind.program, `bench-weight-${kind.name === "no-op" ? "noop" : kind.name}`, emu, { native: kind.native });
    try {
      await kind.start(project, 1, emu);
      await check(project.up(), "create");
      const state = await project.exportState();
      const resource = state.deployment.resources.find((r) => (r.type.startsWith("pulumi-nodejs:dynamic/") || r.type.endsWith(":EcsInvocation")) && r.id)!;
      const outputs = (resource.outputs ?? {}) as Record<string, unknown>;
      return {
        provider: Buffer.byteLength(String(outputs["__provider"] ?? "")),
        resource: Buffer.byteLength(JSON.stringify(resource)),
        outputs: Object.fromEntries(Object.entries(outputs).map(([key, value]) => [key, Buffer.byteLength(JSON.stringify(value))])),
      };
    } finally {
      await project.dispose();
    }
  };
  const ours = await weigh(kinds[0]!);
  const native = await weigh(kinds[1]!);
  const noop = await weigh(kinds.find((kind) => kind.name === "no-op")!);
  const single = (value: number) => measured([value]);
  const heaviest = Object.entries(ours.outputs)
    .filter(([key]) => key !== "__provider")
    .sort((a, b) => b[1] - a[1])
    .slice(0, 5);
  return [
    {
      group: "P3 state weight",
      name: "__provider of one EcsInvocation",
      value: single(ours.provider),
      unit: "bytes",
      baseline: single(noop.provider),
      ratio: ours.provider / 4096,
      target: "≤ 4096 bytes",
      met: ours.provider <= 4096,
      note: "baseline: the no-op resource's __provider",
    },
    {
      group: "P3 state weight",
      name: 'whole EcsInvocation resource (1 instance, output "ok")',
      value: single(ours.resource),
      unit: "bytes",
      baseline: single(noop.resource),
      ratio: ours.resource / noop.resource,
      note: `heaviest outputs: ${heaviest.map(([k, v]) => `${k} ${v} B`).join(", ")}`,
    },
    {
      group: "P3 state weight",
      name: 'whole EcsInvocation resource, provider package (1 instance, output "ok")',
      value: single(native.resource),
      unit: "bytes",
      baseline: single(noop.resource),
      ratio: native.resource / noop.resource,
      note: "no __provider: the plugin is installed, not stored",
    },
  ];
}
