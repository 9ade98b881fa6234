import { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';

export const errorBodySchema = z
  .object({
    error: z.object({
      code: z.string().meta({ description: 'Stable machine-readable code, e.g. VALIDATION_FAILED, ACCESS_PENDING' }),
      message: z.string().meta({ description: 'What a person can do about it, in the Accept-Language (en or pt-BR)' }),
      fields: z.array(z.object({ path: z.string(), message: z.string() })),
    }),
  })
  .meta({ id: 'Error' });

export const securitySchemes = {
  apiKey: 'apiKey',
  adminSession: 'adminSession',
} as const;
export type Security = keyof typeof securitySchemes | 'none';

/** One registry per app: every route registers itself here while it is mounted (see documented-router.ts). */
export function createOpenApiRegistry() {
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'apiKey', {
    type: 'http',
    scheme: 'bearer',
    description: 'Integration API key (`npm run cli -- api-keys create --name X`), sent as `Authorization: Bearer <key>`.',
  });
  registry.registerComponent('securitySchemes', 'adminSession', {
    type: 'apiKey',
    in: 'cookie',
    name: 'admin_session',
    description: 'Session cookie set by POST /api/admin/auth/login (httpOnly, SameSite=Lax).',
  });
  return registry;
}
