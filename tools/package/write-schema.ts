/**
 * `node -r ts-node/register tools/package/write-schema.ts`: writes package/schema.json from the
 * sources (see schema-generator). test/package/schema.test.ts fails when the file is stale.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { generateSchema } from "./schema-generator";

const root = join(__dirname, "..", "..");
const version = (require(join(root, "package.json")) as { version: string }).version;
writeFileSync(join(root, "package", "schema.json"), `${JSON.stringify(generateSchema(version), null, 2)}\n`);
