/**
 * The gRPC and protobuf modules of the @pulumi/pulumi in use: the ones its generated stubs load, so
 * channels and messages are of the same classes. Resolved from @pulumi/pulumi's own folder, as the
 * SDK resolves them (a project may nest its own copy there); inside the plugin executable, where
 * nothing is resolved from disk, the copy the bundler carried (one for both) — hence the static
 * requires below, which the bundler sees.
 */
import { dirname } from "node:path";
import type * as grpcTypes from "@grpc/grpc-js";
import type * as structPb from "google-protobuf/google/protobuf/struct_pb";

function likePulumi<T>(name: string, bundled: () => unknown): T {
  try {
    const pulumiDir = dirname(require.resolve("@pulumi/pulumi/package.json"));
    return require(require.resolve(name, { paths: [pulumiDir] })) as T;
  } catch {
    return bundled() as T;
  }
}

export const grpcModule = (): typeof grpcTypes => likePulumi("@grpc/grpc-js", () => require("@grpc/grpc-js"));

export const structModule = (): typeof structPb =>
  likePulumi("google-protobuf/google/protobuf/struct_pb", () => require("google-protobuf/google/protobuf/struct_pb"));

export const emptyModule = (): { Empty: new () => unknown } =>
  likePulumi("google-protobuf/google/protobuf/empty_pb", () => require("google-protobuf/google/protobuf/empty_pb"));

export const anyModule = (): { Any: new () => { pack(bytes: Uint8Array, name: string): void } } =>
  likePulumi("google-protobuf/google/protobuf/any_pb", () => require("google-protobuf/google/protobuf/any_pb"));
