/**
 * A resource's exported arguments and the schema that checks them name the same fields with
 * compatible types: a field added to one and not the other, or typed differently, makes
 * `Assert<ArgsMatchSchema<Args, Inputs>>` fail to compile where it is used. The schema's fields are in turn
 * tied to the field table (schema/invocation-fields: wire name, replace or update, read-back), so
 * an input is declared once per concern and none can be forgotten.
 */
export type ArgsMatchSchema<Args, Inputs> = [Exclude<keyof Args, keyof Inputs>, Exclude<keyof Inputs, keyof Args>, Mistyped<Args, Inputs>] extends [
  never,
  never,
  never,
]
  ? true
  : false;

/** Fields whose schema values a program could not pass (plain, or as an Input). */
type Mistyped<Args, Inputs> = {
  [K in keyof Inputs & keyof Args]-?: NonNullable<Inputs[K]> extends NonNullable<Args[K]> ? never : K;
}[keyof Inputs & keyof Args];

/** `Assert<ArgsMatchSchema<A, I>>` compiles only when the condition holds. */
export type Assert<T extends true> = T;
