import { recordAudit } from '../../data/audit-events.js';
import { WebhookEndpointModel } from '../../data/models/index.js';
import type { Actor } from '../../domain/actor.js';
import { domainError } from '../../domain/errors.js';
import type { TenantScope } from '../../domain/tenant-scope.js';
import type { WebhookEndpointPatch } from '../../domain/webhook-endpoint.js';
import { checkTarget, type WebhookSettings } from './endpoint-rules.js';
import { findEndpointRecord } from './list-endpoints.js';
import { toEndpointView } from './webhook-views.js';

/** URL, event filter, description, enabled. Enabling clears the reason it was disabled (an admin, or a 410). */
export async function updateEndpoint(settings: WebhookSettings, scope: TenantScope, id: string, changes: WebhookEndpointPatch, actor: Actor) {
  const before = await findEndpointRecord(scope, id);
  if (changes.url !== undefined) await checkTarget(changes.url, settings);
  const set: Record<string, unknown> = {};
  if (changes.url !== undefined) set.url = changes.url;
  if (changes.events !== undefined) set.events = changes.events;
  if (changes.description !== undefined) set.description = changes.description || null;
  if (changes.enabled === true && !before.enabled) Object.assign(set, { enabled: true, disabledAt: null, disabledReason: null });
  if (changes.enabled === false && before.enabled)
    Object.assign(set, { enabled: false, disabledAt: new Date(), disabledReason: `disabled by ${actor.label ?? actor.id ?? actor.type}` });
  if (Object.keys(set).length === 0) return toEndpointView(before);
  const updated = await WebhookEndpointModel.findByIdAndUpdate(before._id, { $set: set }, { returnDocument: 'after' }).lean();
  if (!updated) throw domainError('WEBHOOK_NOT_FOUND');
  const view = toEndpointView(updated);
  await recordAudit(actor, 'webhook.updated', { type: 'webhook', id, tenantId: view.tenantId }, { before: toEndpointView(before), after: view });
  return view;
}
