/**
 * Every key path of a JSON value with the type of the value there and its length in JSON: two
 * values of one shape give the same lines whatever their contents. Paths `unsized` accepts keep
 * their type only (values that hold names, which differ in length between two resources).
 */
export function jsonShape(value: unknown, unsized: (path: string) => boolean = () => false, path = ""): string[] {
  if (Array.isArray(value)) return [`${path}: array`, ...value.flatMap((item, i) => jsonShape(item, unsized, `${path}[${i}]`))];
  if (value !== null && typeof value === "object") return Object.entries(value).flatMap(([key, item]) => jsonShape(item, unsized, `${path}.${key}`));
  return [`${path}: ${typeof value}${unsized(path) ? "" : ` of ${JSON.stringify(value).length}`}`];
}
