import { Types } from 'mongoose';
import { TenantModel, WebhookDeliveryModel, WebhookEndpointModel } from '../../data/models/index.js';
import type { WebhookEndpointDoc } from '../../data/models/webhook-endpoint.js';
import type { NewWebhookEndpoint, WebhookEndpointPatch } from '../../domain/webhook-endpoint.js';
import type { WebhookEventType } from '../../domain/webhook-events.js';
import { secretBox } from '../../webhooks/secret-box.js';
import { newWebhookSecret } from '../../webhooks/signature.js';
import { recordAudit, type Actor } from '../audit.js';
import { fail } from '../http/error-messages.js';
import type { WebhookEndpointView } from '../../domain/webhook-views.js';

/** What the endpoint use-cases need from the process: the key material and the environment's URL rule. */
export interface WebhookSettings {
  tokenSecret: string;
  /** Production sends signed user data over https only; http is for local receivers in development and tests. */
  requireHttps: boolean;
}

/**
 * Who manages endpoints: anyone, or (a console account linked to a tenant user) only its tenant's.
 * Such an account cannot touch global endpoints, which hear every tenant's users.
 */
export type EndpointScope = { tenantId: string } | null;

type EndpointRecord = Omit<WebhookEndpointDoc, 'sealedSecret'> & { _id: Types.ObjectId; createdAt: Date; updatedAt: Date };

export function toEndpointView(endpoint: EndpointRecord): WebhookEndpointView {
  return {
    id: String(endpoint._id),
    url: endpoint.url,
    description: endpoint.description ?? null,
    events: endpoint.events as WebhookEventType[],
    tenantId: endpoint.tenantId ? String(endpoint.tenantId) : null,
    enabled: endpoint.enabled,
    disabledAt: endpoint.disabledAt?.toISOString() ?? null,
    disabledReason: endpoint.disabledReason ?? null,
    createdBy: endpoint.createdBy ?? null,
    createdAt: endpoint.createdAt.toISOString(),
    updatedAt: endpoint.updatedAt.toISOString(),
  };
}

function checkUrl(url: string, settings: WebhookSettings) {
  if (settings.requireHttps && !url.startsWith('https:')) {
    throw fail('VALIDATION_FAILED', { fields: [{ path: 'url', message: 'must be an https URL in production' }] });
  }
}

export function checkEndpointScope(scope: EndpointScope, tenantId: string | null) {
  if (!scope) return;
  if (tenantId === null)
    throw fail('FORBIDDEN', { detail: "a console account linked to a tenant user manages only its tenant's webhook endpoints, not global ones" });
  if (tenantId !== scope.tenantId) throw fail('OTHER_TENANT');
}

async function findRecord(id: string) {
  const endpoint = Types.ObjectId.isValid(id) ? await WebhookEndpointModel.findById(id).lean() : null;
  if (!endpoint) throw fail('WEBHOOK_NOT_FOUND');
  return endpoint;
}

export async function findEndpointOrFail(id: string) {
  return toEndpointView(await findRecord(id));
}

/** A new endpoint and its secret, generated here and answered once; only its sealed form is stored. */
export async function createEndpoint(settings: WebhookSettings, input: NewWebhookEndpoint, actor: Actor, scope: EndpointScope) {
  checkUrl(input.url, settings);
  const tenantId = input.tenantId ?? null;
  checkEndpointScope(scope, tenantId);
  if (tenantId && !(await TenantModel.exists({ _id: tenantId })))
    throw fail('UNKNOWN_TENANT', { fields: [{ path: 'tenantId', message: 'no tenant with this id' }] });
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

/** URL, event filter, description, enabled. Enabling clears the reason it was disabled (an admin, or a 410). */
export async function updateEndpoint(settings: WebhookSettings, id: string, changes: WebhookEndpointPatch, actor: Actor, scope: EndpointScope) {
  const before = await findRecord(id);
  checkEndpointScope(scope, before.tenantId ? String(before.tenantId) : null);
  if (changes.url !== undefined) checkUrl(changes.url, settings);
  const set: Record<string, unknown> = {};
  if (changes.url !== undefined) set.url = changes.url;
  if (changes.events !== undefined) set.events = changes.events;
  if (changes.description !== undefined) set.description = changes.description || null;
  if (changes.enabled === true && !before.enabled) Object.assign(set, { enabled: true, disabledAt: null, disabledReason: null });
  if (changes.enabled === false && before.enabled)
    Object.assign(set, { enabled: false, disabledAt: new Date(), disabledReason: `disabled by ${actor.label ?? actor.id ?? actor.type}` });
  if (Object.keys(set).length === 0) return toEndpointView(before);
  const updated = await WebhookEndpointModel.findByIdAndUpdate(id, { $set: set }, { returnDocument: 'after' }).lean();
  if (!updated) throw fail('WEBHOOK_NOT_FOUND');
  const view = toEndpointView(updated);
  await recordAudit(actor, 'webhook.updated', { type: 'webhook', id, tenantId: view.tenantId }, { before: toEndpointView(before), after: view });
  return view;
}

/**
 * Removes the endpoint and its delivery log (the log holds users' data sent to it). Deliveries
 * still being attempted find it gone and stop without sending.
 */
export async function deleteEndpoint(id: string, actor: Actor, scope: EndpointScope) {
  const endpoint = await findRecord(id);
  checkEndpointScope(scope, endpoint.tenantId ? String(endpoint.tenantId) : null);
  await WebhookEndpointModel.deleteOne({ _id: endpoint._id });
  await WebhookDeliveryModel.deleteMany({ endpointId: endpoint._id });
  const view = toEndpointView(endpoint);
  await recordAudit(actor, 'webhook.deleted', { type: 'webhook', id, tenantId: view.tenantId }, { before: view });
  return view;
}
