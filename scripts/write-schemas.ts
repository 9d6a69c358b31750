/** Writes every shipped JSON Schema into `schemas/` (run by `npm run schemas`). */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { jsonSchemaText, SHIPPED_SCHEMAS } from '../src/schema/json-schemas.js';

for (const shipped of SHIPPED_SCHEMAS) {
  const path = join(import.meta.dirname, '..', 'schemas', shipped.file);
  writeFileSync(path, jsonSchemaText(shipped));
  console.log(`wrote ${path}`);
}
