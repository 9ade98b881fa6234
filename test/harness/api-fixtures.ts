import { randomUUID } from 'node:crypto';
import type { ApiClient } from './api-client.js';

/** A fresh e-mail address for one test, so mailbox counts never mix tests. */
export const freshEmail = (label = 'user') => `${label}-${randomUUID().slice(0, 8)}@example.test`;

/** A tenant created through the admin or integration API; `fields` adds to the form (e.g. selfSignup). */
export async function apiTenant(client: ApiClient, path: '/api/admin/tenants' | '/api/v1/tenants', plan = 'essential', fields: Record<string, unknown> = {}) {
  const answer = await client.post(path, { name: `Office ${randomUUID().slice(0, 6)}`, plan, ...fields });
  if (answer.status !== 201) throw new Error(`tenant not created: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body as { id: string; name: string; selfSignup: boolean };
}
