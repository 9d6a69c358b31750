/**
 * The JSON form of a tabular input: an array of row objects, or a document
 * `{ "illustrative": true, "description": "...", "source": "...", "rows": [...] }`, as the
 * table readers accept it. The rows are checked by the reader's own row schema.
 */
import * as z from 'zod';

/** The JSON file of a table whose rows have the schema `row`. */
export function tableDocumentSchema(row: z.ZodType) {
  return z.union([
    z.array(row),
    z.strictObject({
      illustrative: z.boolean().optional(),
      description: z.string().optional(),
      source: z.string().optional(),
      rows: z.array(row),
    }),
  ]);
}
