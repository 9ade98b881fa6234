import { z } from 'zod';

/** The decoded schema of each JSON query parameter, found by the route declarations' documenter. */
const decodedSchemas = new WeakMap<z.ZodType, z.ZodType>();

/**
 * A query parameter whose value is a JSON document (ra-data-simple-rest's `sort`, `range`,
 * `filter`): validated by `schema` once decoded, and documented as OpenAPI's
 * `content: application/json` with that schema, so clients see the real shape, not a string.
 */
export function jsonQueryParameter<T extends z.ZodType>(schema: T) {
  const parameter = z
    .string()
    .transform((text, context) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        context.addIssue({ code: 'custom', message: 'must be JSON' });
        return z.NEVER;
      }
    })
    .pipe(schema);
  decodedSchemas.set(parameter, schema);
  return parameter;
}

/** The decoded schema of a JSON query parameter (optional or not), or undefined for a plain one. */
export function jsonQuerySchema(parameter: z.ZodType): z.ZodType | undefined {
  const inner = parameter instanceof z.ZodOptional ? (parameter.unwrap() as z.ZodType) : parameter;
  return decodedSchemas.get(inner);
}
