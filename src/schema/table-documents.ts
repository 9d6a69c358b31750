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

/**
 * A row schema whose optional fields may also be `""` or `null`: the invoice reader reads both
 * as an absent field (a required field so written is still missing).
 */
export function withAbsentValues<S extends z.ZodRawShape>(row: z.ZodObject<S>) {
  const shape = Object.fromEntries(
    Object.entries(row.shape).map(([key, field]) =>
      field instanceof z.ZodOptional
        ? [key, z.union([field.unwrap() as z.ZodType, z.literal(''), z.null()]).optional()]
        : [key, field],
    ),
  );
  return z.strictObject(shape);
}
