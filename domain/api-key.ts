import { z } from 'zod';
import { objectIdSchema } from './user.js';

/** What an admin names a new integration key: the calling system, so the list tells keys apart; and the office it is scoped to. */
export const newApiKeySchema = z
  .object({
    name: z.string().trim().min(1).max(100),
    tenantId: objectIdSchema.nullable().optional().meta({
      description: "The office the key is scoped to (its calls reach that tenant only); null or absent: a platform key (an office's own account: its office)",
    }),
    expiresAt: z.iso.datetime({ offset: true }).nullable().optional().meta({
      description: 'When the key stops working by itself (401 API_KEY_EXPIRED from then on); must be in the future. null or absent: never',
    }),
  })
  .meta({ id: 'NewApiKey' });
export type NewApiKey = z.output<typeof newApiKeySchema>;

/** Who made a key: an admin account from the console, or an operator with the CLI. */
export const apiKeyCreatorTypes = ['admin', 'cli'] as const;

/** A key as the console and the API list it: never the key nor its hash. */
export const apiKeyView = z
  .object({
    id: z.string(),
    name: z.string(),
    tenantId: z.string().nullable().meta({ description: 'The office the key is scoped to; null for a platform key, which reaches every tenant' }),
    prefix: z.string().meta({ description: 'The first characters of the key, to tell keys apart; the key itself is never answered again' }),
    createdAt: z.iso.datetime(),
    createdBy: z
      .object({ type: z.enum(apiKeyCreatorTypes), id: z.string().nullable(), email: z.string().nullable() })
      .nullable()
      .meta({ description: 'The console admin who made the key, or `cli`; null for keys made before this was recorded' }),
    lastUsedAt: z.iso.datetime().nullable().meta({ description: 'Last /api/v1 call with the key, to the minute' }),
    revokedAt: z.iso.datetime().nullable(),
    expiresAt: z.iso.datetime().nullable().meta({ description: 'When the key stops working by itself; null: never' }),
  })
  .meta({ id: 'ApiKey' });
export type ApiKeyRecord = z.infer<typeof apiKeyView>;
