import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, normalize, sep } from "node:path";

/**
 * OssOutputDelivery without OSS: a run's whole output (not just the 24 KB the API keeps) is
 * written as an object under a local directory, one folder per bucket, and can be read back
 * through the control API (`GET /_emulator/oss/<bucket>/<key>`). The object key the real service
 * picks is not documented; the emulator uses `<prefix>/<InvokeId>/<InstanceId>`.
 */
export class LocalOss {
  constructor(private readonly root: string) {}

  /** The URI and key one run's output is delivered to, for a delivery setting `oss://bucket/prefix`. */
  objectFor(delivery: string, invokeId: string, instanceId: string): { uri: string; bucket: string; key: string } {
    const [, bucket = "", prefix = ""] = /^oss:\/\/([^/]+)\/?(.*)$/.exec(delivery) ?? [];
    const key = [prefix.replace(/\/+$/, ""), invokeId, instanceId].filter(Boolean).join("/");
    return { uri: `oss://${bucket}/${key}`, bucket, key };
  }

  put(bucket: string, key: string, bytes: Buffer): void {
    const path = this.pathOf(bucket, key);
    if (!path) throw new Error(`object key ${key} leaves its bucket`);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, bytes);
  }

  get(bucket: string, key: string): Buffer | undefined {
    const path = this.pathOf(bucket, key);
    return path && existsSync(path) ? readFileSync(path) : undefined;
  }

  /** Inside the bucket's folder, or undefined for a key with `..` that would leave it. */
  private pathOf(bucket: string, key: string): string | undefined {
    const folder = join(this.root, bucket);
    const path = normalize(join(folder, key));
    return bucket && !bucket.includes("/") && path.startsWith(folder + sep) ? path : undefined;
  }
}
