import { z } from 'zod';

/**
 * A search request's body (RFC 7644 §3.4.3): the list's query parameters as JSON, attribute lists
 * as arrays of names. Validated, so a wrong type is refused rather than silently ignored.
 */
export const searchRequestSchema = z
  .object({
    filter: z.string().nullish(),
    startIndex: z.number().int().optional().meta({ description: '1-based; below 1 reads as 1' }),
    count: z.number().int().optional().meta({ description: 'At most 200; below 0 reads as 0' }),
    attributes: z.array(z.string()).optional(),
    excludedAttributes: z.array(z.string()).optional(),
  })
  .meta({ id: 'ScimSearchRequest' });
