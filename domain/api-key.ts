import { z } from 'zod';

/** What an admin names a new integration key: the calling system, so the list tells keys apart. */
export const newApiKeySchema = z.object({ name: z.string().trim().min(1).max(100) }).meta({ id: 'NewApiKey' });
export type NewApiKey = z.output<typeof newApiKeySchema>;
