/**
 * An error that tells Pulumi the resource exists although the step failed: the engine records `id`
 * and `properties` in state (its "partial failure" path), so nothing the cloud started is orphaned.
 * `properties` must carry `__provider`, or later refreshes and deletes could not load the provider.
 */
export class PartialFailure extends Error {
  readonly reasons: string[];

  constructor(
    message: string,
    readonly id: string,
    readonly properties: object,
  ) {
    super(message);
    this.name = "PartialFailure";
    this.reasons = [message];
  }
}
