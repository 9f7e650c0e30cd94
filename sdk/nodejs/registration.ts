// *** WARNING: this file was copied by pulumi-ecs-invocation's SDK generator from the provider's
// provider/resources/registration-stacks.ts: edit it there, then run `npm run gen-package`. ***

/**
 * Registering a resource makes Pulumi's Node.js SDK capture a stack trace for four promises of every
 * registered property (`runtime/debuggable`), read only to describe promises still pending when the
 * program exits with `PULUMI_DEBUG_PROMISE_LEAKS` set. In a TypeScript program every one of those
 * stacks is mapped frame by frame through source maps: about 6 ms for each EcsInvocation of the
 * dynamic provider (17 properties), 18 ms for each of the package's SDK (49), all spent before the
 * engine sees the first resource (docs/performance.md). While a resource of this package registers,
 * those stacks are left empty — unless leak debugging asks for them — and an error thrown meanwhile
 * is given the stack of the program's line that declared the resource. Pulumi's own record of that
 * line (the resource's source position) captures its stack with a limit of its own, and is
 * unchanged. What this leaves out: the program's copy of an error the engine returns later for the
 * registration itself ("failed to register new resource <name> [<type>]: …") names the resource but
 * carries no stack; the engine reports such errors itself (a duplicate name, a rejected input), with
 * the resource, as before. The package's Node.js SDK carries a copy of this module: its generator
 * (tools/pulumi-cli/cmd/pulumi-package-sdks) makes every resource class register through it.
 */
export interface RegistrationStacks {
  /** Puts the stack trace limit back as it was; safe to call more than once. */
  restore(): void;
  /**
   * Restores the limit and gives `error` (thrown while the stacks were off) the stack from where
   * `declaredBy` was called: the program's line, not an empty trace.
   */
  located(error: unknown, declaredBy: Parameters<typeof Error.captureStackTrace>[1]): unknown;
}

/** Turns the stacks off until `restore` (see above): call before `super(…)`, restore in `finally`. */
export function withoutPromiseStacks(): RegistrationStacks {
  const limit = Error.stackTraceLimit;
  if (!process.env["PULUMI_DEBUG_PROMISE_LEAKS"]) Error.stackTraceLimit = 0;
  const restore = () => {
    Error.stackTraceLimit = limit;
  };
  return {
    restore,
    located(error, declaredBy) {
      restore();
      if (error instanceof Error) Error.captureStackTrace(error, declaredBy);
      return error;
    },
  };
}
