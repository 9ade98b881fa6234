import { z } from 'zod';

/** A tenant's SCIM token as the console lists it: never the token nor its hash. */
export const scimTokenView = z
  .object({
    id: z.string(),
    tenantId: z.string(),
    name: z.string(),
    prefix: z.string().meta({ description: 'The first characters of the token, to tell tokens apart; the token itself is never answered again' }),
    createdAt: z.iso.datetime(),
    lastUsedAt: z.iso.datetime().nullable().meta({ description: 'Last SCIM call with the token, to the minute' }),
    revokedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'ScimToken' });
export type ScimTokenRecord = z.infer<typeof scimTokenView>;
