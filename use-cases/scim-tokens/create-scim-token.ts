import { recordAudit } from '../../data/audit-events.js';
import { ScimTokenModel } from '../../data/models/index.js';
import { findTenant } from '../../data/tenants.js';
import { CLI_ACTOR, type Actor } from '../../domain/actor.js';
import { domainError } from '../../domain/errors.js';
import { requireTenant, type TenantScope } from '../../domain/tenant-scope.js';
import { hashBearerSecret, newBearerSecret } from '../../security/bearer-secret.js';
import { toScimTokenView } from './scim-token-view.js';

/** Creates a token (`scim_` + 256 random bits) for one tenant; the raw token is returned once and only its SHA-256 is kept. */
export async function createScimToken(scope: TenantScope, tenantId: string, name: string, actor: Actor = CLI_ACTOR) {
  requireTenant(scope, tenantId);
  const tenant = tenantId.length === 24 ? await findTenant(tenantId) : null;
  if (!tenant) throw domainError('TENANT_NOT_FOUND');
  const token = newBearerSecret('scim_');
  const doc = await ScimTokenModel.create({ tenantId: tenant._id, name, prefix: token.slice(0, 12), tokenHash: hashBearerSecret(token) });
  const view = toScimTokenView(doc.toObject());
  await recordAudit(actor, 'scimToken.created', { type: 'scimToken', id: view.id, tenantId: view.tenantId }, { after: view });
  return { ...view, tenantName: tenant.name, token };
}
