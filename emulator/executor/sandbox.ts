import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, posix } from "node:path";
import type { Instance } from "../model/types";

/**
 * Each Linux instance is a directory on the emulator's host: `/root`, `/home/<user>` and `/tmp`
 * exist inside it, and a command's working directory is resolved inside it. It separates files,
 * not privileges: commands run as the emulator's own OS user.
 */
export class Sandbox {
  constructor(private readonly root: string) {}

  dirFor(instance: Instance): string {
    const dir = join(this.root, instance.instanceId);
    if (!existsSync(join(dir, "tmp"))) {
      for (const user of instance.users) mkdirSync(join(dir, this.home(user)), { recursive: true });
      mkdirSync(join(dir, "tmp"), { recursive: true });
      mkdirSync(join(dir, ".cloudassistant"), { recursive: true });
    }
    return dir;
  }

  home(user: string): string {
    return user === "root" ? "/root" : `/home/${user}`;
  }

  /** The host path for an absolute path on the instance, or undefined when it does not exist. */
  resolve(instance: Instance, path: string): string | undefined {
    const normalized = posix.normalize(posix.join("/", path));
    const hostPath = join(this.dirFor(instance), normalized);
    return existsSync(hostPath) ? hostPath : undefined;
  }

  /** A file on the instance (an absolute path): its bytes and permission bits, or undefined. */
  readFile(instance: Instance, path: string): { bytes: Buffer; mode: number } | undefined {
    const hostPath = this.resolve(instance, path);
    if (!hostPath || !statSync(hostPath).isFile()) return undefined;
    return { bytes: readFileSync(hostPath), mode: statSync(hostPath).mode & 0o7777 };
  }

  writeScript(instance: Instance, name: string, content: string): string {
    const path = join(this.dirFor(instance), ".cloudassistant", name);
    writeFileSync(path, content, { mode: 0o700 });
    return path;
  }
}
