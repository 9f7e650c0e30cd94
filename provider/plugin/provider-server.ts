/**
 * The ResourceProvider gRPC service of the `pulumi-resource-alicloud-ecs-invocation` plugin, served
 * directly with the stubs @pulumi/pulumi ships, for the package it is handed (resource-steps' PACKAGE). Not `@pulumi/pulumi/provider`'s server, which drops
 * the engine's per-call timeout, ignores Configure's variables, crashes reading an import and
 * refuses undefined values (docs/package.md). Each method decodes the request, runs the step (see
 * resource-steps) and encodes the answer; a step that failed after creating something answers with
 * the engine's "initialization failed" details, so the resource is recorded, never lost.
 */
import type * as grpcTypes from "@grpc/grpc-js";
import type * as pluginPb from "@pulumi/pulumi/proto/plugin_pb";
import type * as providerPb from "@pulumi/pulumi/proto/provider_pb";
import type * as structPb from "google-protobuf/google/protobuf/struct_pb";
import { useStackConfig } from "../cloud/settings";
import { PartialFailure } from "../lifecycle/partial-failure";
import { anyModule, emptyModule, grpcModule, structModule } from "../lifecycle/pulumi-modules";
import type { SecrecyInputs } from "../lifecycle/secrecy";
import { stepContext } from "../lifecycle/step-context";
import { CONFIG_KEYS, PACKAGE_NAME } from "../package/identity";
import { fromStruct, type Properties, toStruct, unwrapSecrets, wireValues } from "./property-values";
import { changedKeys, kindOf as kindIn, previewOutputs, type ServedPackage } from "./resource-kind";
import {
  type CheckAnswer,
  type CreateAnswer,
  encodeCheckAnswer,
  encodeCreateAnswer,
  encodeReadAnswer,
  encodeUpdateAnswer,
  type ReadAnswer,
  type UpdateAnswer,
} from "./step-answers";
import { decodeStepRequest, STEP_REQUEST_FIELDS, type StepMethod, type StepRequest } from "./step-requests";

/** Modules of the @pulumi/pulumi in use, so messages are of the classes its stubs use (see pulumi-modules). */
const grpc = grpcModule();
const provider = require("@pulumi/pulumi/proto/provider_pb") as typeof providerPb;
const plugin = require("@pulumi/pulumi/proto/plugin_pb") as typeof pluginPb;
const services = require("@pulumi/pulumi/proto/provider_grpc_pb") as { ResourceProviderService: grpcTypes.ServiceDefinition };
const { Struct } = structModule();
const { Empty } = emptyModule();
const { Any } = anyModule();
const { Status } = require("@pulumi/pulumi/proto/status_pb") as {
  Status: new () => { setCode(c: number): void; setMessage(m: string): void; addDetails(d: unknown): void; serializeBinary(): Uint8Array };
};

type Handler<Req, Res> = (request: Req) => Promise<Res>;

/** A unary method: the handler's answer, or its error as the engine reads errors. */
function unary<Req, Res>(handler: Handler<Req, Res>): grpcTypes.handleUnaryCall<Req, Res> {
  return (call, callback) => {
    handler(call.request).then(
      (response) => callback(null, response),
      (error: unknown) => callback(asServiceError(error)),
    );
  };
}

/** A create that started something in the cloud and then failed, with its properties encoded. */
class RecordedFailure extends Error {
  constructor(
    readonly failure: PartialFailure,
    readonly properties: structPb.Struct,
  ) {
    super(failure.message);
  }
}

function asServiceError(error: unknown): Partial<grpcTypes.ServiceError> {
  const message = error instanceof Error ? error.message : String(error);
  if (!(error instanceof RecordedFailure)) return { code: grpc.status.UNKNOWN, details: message, message };
  // Started in the cloud, then failed: the engine records `id` and `properties` and fails the step.
  const detail = new provider.ErrorResourceInitFailed();
  detail.setId(error.failure.id);
  detail.setProperties(error.properties);
  detail.setReasonsList(error.failure.reasons);
  const any = new Any();
  any.pack(detail.serializeBinary(), "pulumirpc.ErrorResourceInitFailed");
  const status = new Status();
  status.setCode(grpc.status.UNKNOWN);
  status.setMessage(message);
  status.addDetails(any);
  const metadata = new grpc.Metadata();
  metadata.add("grpc-status-details-bin", Buffer.from(status.serializeBinary()));
  return { code: grpc.status.UNKNOWN, details: message, message, metadata };
}

export function resourceProviderService(version: string, schema: string, served: ServedPackage): grpcTypes.UntypedServiceImplementation {
  const kindOf = (urn: string) => kindIn(served, urn);
  // Secret keys of outputs: what the inputs made secret, and what the resource always keeps secret.
  const outValues = (urn: string, outputs: object, inputSecrets: ReadonlySet<string>): Properties =>
    wireValues(outputs, new Set([...inputSecrets, ...kindOf(urn).secretOutputs(outputs as SecrecyInputs)]));
  const out = (urn: string, outputs: object, inputSecrets: ReadonlySet<string>): structPb.Struct =>
    Struct.fromJavaScript(outValues(urn, outputs, inputSecrets) as Record<string, never>);
  return {
    getPluginInfo: unary(async () => new plugin.PluginInfo().setVersion(version)),
    getSchema: unary(async () => new provider.GetSchemaResponse().setSchema(schema)),
    checkConfig: unary(async (req: providerPb.CheckRequest) => new provider.CheckResponse().setInputs(req.getNews())),
    diffConfig: unary(async (req: providerPb.DiffRequest) => {
      const olds = fromStruct(req.getOldInputs() ?? req.getOlds()).values;
      const news = fromStruct(req.getNews()).values;
      const diffs = Object.keys(CONFIG_KEYS).filter((key) => olds[key] !== news[key]);
      return new provider.DiffResponse()
        .setChanges(diffs.length > 0 ? provider.DiffResponse.DiffChanges.DIFF_SOME : provider.DiffResponse.DiffChanges.DIFF_NONE)
        .setDiffsList(diffs);
    }),
    configure: unary(async (req: providerPb.ConfigureRequest) => {
      const variables = req.getVariablesMap();
      const args = fromStruct(req.getArgs()).values;
      // `alicloud:<key>` of the lifecycle's settings is this package's `<key>` (docs/package.md).
      useStackConfig({
        get: (key) => {
          const name = key.replace(/^alicloud:/, "");
          const fromArgs = args[name];
          return variables.get(`${PACKAGE_NAME}:config:${name}`) ?? (typeof fromArgs === "string" ? fromArgs : undefined);
        },
      });
      return new provider.ConfigureResponse().setAcceptsecrets(true).setSupportspreview(true).setAcceptresources(false).setAcceptoutputs(false);
    }),
    check: unary(async (req: StepRequest): Promise<CheckAnswer> => {
      const urn = req.urn;
      const olds = unwrapSecrets(req.olds);
      const news = unwrapSecrets(req.news);
      const kind = kindOf(urn);
      const result = await kind.lifecycle.check(stepContext(urn), olds.values, news.values);
      // Inputs the secrecy rule keeps secret are secret in the stored inputs too, whatever the program said.
      const secrets = new Set([...news.secrets, ...kind.secretOutputs(result.inputs as SecrecyInputs)]);
      return { inputs: wireValues(result.inputs, secrets), failures: result.failures.map(({ property, reason }) => ({ property, reason })) };
    }),
    diff: unary(async (req: StepRequest) => {
      const urn = req.urn;
      const kind = kindOf(urn);
      const olds = unwrapSecrets(req.olds).values;
      const news = unwrapSecrets(req.news).values;
      const result = await kind.lifecycle.diff(stepContext(urn), req.id, olds, news);
      const replaces = result.replaces;
      const diffs = result.changes ? changedKeys(kind, olds, news, replaces) : [];
      return new provider.DiffResponse()
        .setChanges(result.changes ? provider.DiffResponse.DiffChanges.DIFF_SOME : provider.DiffResponse.DiffChanges.DIFF_NONE)
        .setReplacesList(replaces)
        .setDiffsList(diffs)
        .setDeletebeforereplace(result.deleteBeforeReplace === true);
    }),
    create: unary(async (req: StepRequest): Promise<CreateAnswer> => {
      const urn = req.urn;
      const kind = kindOf(urn);
      const inputs = unwrapSecrets(req.properties);
      if (req.preview) {
        return { id: "", properties: outValues(urn, previewOutputs(kind, inputs.values), inputs.secrets) };
      }
      const result = await kind.lifecycle.create(stepContext(urn, req.timeout), inputs.values).catch((error: unknown) => {
        throw error instanceof PartialFailure ? new RecordedFailure(error, out(urn, error.properties, inputs.secrets)) : error;
      });
      return { id: result.id, properties: outValues(urn, result.outs, inputs.secrets) };
    }),
    read: unary(async (req: StepRequest): Promise<ReadAnswer> => {
      const urn = req.urn;
      const props = unwrapSecrets(req.properties);
      const inputs = unwrapSecrets(req.inputs);
      const result = await kindOf(urn).lifecycle.read(stepContext(urn), req.id, props.values);
      if (!result.id) return { id: "" };
      const secrets = new Set([...props.secrets, ...inputs.secrets]);
      return {
        id: result.id,
        properties: outValues(urn, result.props ?? {}, secrets),
        inputs: result.inputs ? wireValues(result.inputs, secrets) : undefined,
      };
    }),
    update: unary(async (req: StepRequest): Promise<UpdateAnswer> => {
      const urn = req.urn;
      const olds = unwrapSecrets(req.olds);
      const news = unwrapSecrets(req.news);
      const result = await kindOf(urn).lifecycle.update(stepContext(urn, req.timeout), req.id, olds.values, news.values);
      return { properties: outValues(urn, result.outs, new Set([...olds.secrets, ...news.secrets])) };
    }),
    delete: unary(async (req: StepRequest) => {
      const urn = req.urn;
      const props = unwrapSecrets(req.properties).values;
      await kindOf(urn).lifecycle.remove(stepContext(urn, req.timeout), req.id, props);
      return new Empty();
    }),
    invoke: unary(async (req: providerPb.InvokeRequest) => {
      // The data sources: the same lookups the TypeScript module's functions run (lookups/lookups).
      const { result, secrets } = await served.invoke(req.getTok(), fromStruct(req.getArgs()).values);
      return new provider.InvokeResponse().setReturn(toStruct(result, new Set(secrets), Struct));
    }),
    cancel: unary(async () => new Empty()),
  };
}

/** The steps' answers that carry properties, encoded from plain values in one pass (step-answers). */
const ANSWER_ENCODERS: Readonly<Partial<Record<StepMethod, grpcTypes.serialize<never>>>> = {
  check: encodeCheckAnswer,
  create: encodeCreateAnswer,
  read: encodeReadAnswer,
  update: encodeUpdateAnswer,
};

/**
 * The service with the steps' requests decoded into plain values in one pass (step-requests) and
 * their answers encoded from plain values (step-answers), not through google-protobuf's message
 * objects: the other methods, and a Delete's or Diff's answer, keep the stubs' encoding.
 */
function stepsInOnePass(service: grpcTypes.ServiceDefinition): grpcTypes.ServiceDefinition {
  const methods = Object.keys(STEP_REQUEST_FIELDS) as StepMethod[];
  const method = (name: StepMethod) => {
    const encode = ANSWER_ENCODERS[name];
    return {
      ...service[name]!,
      requestDeserialize: (bytes: Buffer) => decodeStepRequest(name, bytes),
      ...(encode ? { responseSerialize: encode as grpcTypes.serialize<unknown> } : {}),
    };
  };
  return { ...service, ...Object.fromEntries(methods.map((name) => [name, method(name)])) };
}

/** Serves the provider on a loopback port; resolves with the port (the engine reads it from stdout). */
export async function serve(version: string, schema: string, served: ServedPackage): Promise<number> {
  const server = new grpc.Server({ "grpc.max_receive_message_length": 400 * 1024 * 1024 });
  server.addService(stepsInOnePass(services.ResourceProviderService), resourceProviderService(version, schema, served));
  return new Promise((resolve, reject) => {
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (error, port) => (error ? reject(error) : resolve(port)));
  });
}
