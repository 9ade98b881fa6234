import { recordAudit } from '../../data/audit-events.js';
import { ApiKeyModel } from '../../data/models/index.js';
import { findTenant } from '../../data/tenants.js';
import { CLI_ACTOR, type Actor } from '../../domain/actor.js';
import type { NewApiKey } from '../../domain/api-key.js';
import { domainError } from '../../domain/errors.js';
import { requireTenant, type TenantScope } from '../../domain/tenant-scope.js';
import { hashBearerSecret, newBearerSecret } from '../../security/bearer-secret.js';
import { toApiKeyView, type ApiKeyCreator } from './api-key-view.js';

const actorOf = (creator: ApiKeyCreator): Actor => (creator.type === 'admin' ? { type: 'admin', id: creator.id, label: creator.email } : CLI_ACTOR);

/**
 * Creates a key (`ak_` + 256 random bits); the raw key is returned once and only its SHA-256 is
 * kept. A key names the office it is scoped to (the usual case: one installation of the main
 * system per office), or none for a platform integration. An office's own account makes keys of
 * its office only: without tenantId, its own. `expiresAt` (optional) must be in the future: the key
 * stops working by itself then (authenticate-api-key.ts).
 */
export async function createApiKey(scope: TenantScope, input: NewApiKey, creator: ApiKeyCreator = { type: 'cli' }, now = new Date()) {
  const tenantId = input.tenantId ?? (scope.kind === 'tenant' ? scope.tenantId : null);
  const expiresAt = input.expiresAt ? new Date(input.expiresAt) : null;
  if (expiresAt && !(expiresAt.getTime() > now.getTime()))
    throw domainError('VALIDATION_FAILED', {
      fields: [{ path: 'expiresAt', message: 'must be in the future' }],
      detail: `expiresAt must be in the future (it is ${input.expiresAt})`,
    });
  if (tenantId !== null) {
    requireTenant(scope, tenantId, 'tenantId');
    if (!(await findTenant(tenantId))) throw domainError('UNKNOWN_TENANT', { fields: [{ path: 'tenantId', message: 'no tenant with this id' }] });
  }
  const key = newBearerSecret('ak_');
  const createdBy =
    creator.type === 'admin' ? { type: 'admin' as const, id: creator.id, email: creator.email } : { type: 'cli' as const, id: null, email: null };
  const doc = await ApiKeyModel.create({ name: input.name, tenantId, prefix: key.slice(0, 10), keyHash: hashBearerSecret(key), createdBy, expiresAt });
  const view = toApiKeyView(doc.toObject());
  await recordAudit(actorOf(creator), 'apiKey.created', { type: 'apiKey', id: view.id, tenantId: view.tenantId }, { after: view });
  return { ...view, key };
}
