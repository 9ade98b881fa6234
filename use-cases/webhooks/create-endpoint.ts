import { Types } from 'mongoose';
import { recordAudit } from '../../data/audit-events.js';
import { TenantModel, WebhookEndpointModel } from '../../data/models/index.js';
import type { Actor } from '../../domain/actor.js';
import { domainError } from '../../domain/errors.js';
import type { TenantScope } from '../../domain/tenant-scope.js';
import type { NewWebhookEndpoint } from '../../domain/webhook-endpoint.js';
import { secretBox } from '../../webhooks/secret-box.js';
import { newWebhookSecret } from '../../webhooks/signature.js';
import { checkEndpointCount, checkNewEndpointTenant, checkTarget, type WebhookSettings } from './endpoint-rules.js';
import { toEndpointView } from './webhook-views.js';

/** A new endpoint and its secret, generated here and answered once; only its sealed form is stored. */
export async function createEndpoint(settings: WebhookSettings, scope: TenantScope, input: NewWebhookEndpoint, actor: Actor) {
  const tenantId = input.tenantId ?? null;
  checkNewEndpointTenant(scope, tenantId);
  if (tenantId && !(await TenantModel.exists({ _id: tenantId })))
    throw domainError('UNKNOWN_TENANT', { fields: [{ path: 'tenantId', message: 'no tenant with this id' }] });
  await checkTarget(input.url, settings);
  await checkEndpointCount(tenantId, settings);
  const _id = new Types.ObjectId();
  const secret = newWebhookSecret();
  const endpoint = await WebhookEndpointModel.create({
    _id,
    url: input.url,
    description: input.description || null,
    events: input.events ?? [],
    tenantId: tenantId ? new Types.ObjectId(tenantId) : null,
    sealedSecret: secretBox(settings.tokenSecret).seal(secret, String(_id)),
    createdBy: actor.label ?? actor.id ?? actor.type,
  });
  const { sealedSecret: _sealed, ...stored } = endpoint.toObject();
  const view = toEndpointView(stored);
  await recordAudit(actor, 'webhook.created', { type: 'webhook', id: view.id, tenantId }, { after: view });
  return { ...view, secret };
}
