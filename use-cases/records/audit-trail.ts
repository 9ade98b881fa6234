import { auditEventListWhere } from '../../data/audit-events.js';
import { AuditEventModel } from '../../data/models/index.js';
import type { Actor } from '../../domain/actor.js';
import type { AuditEvent } from '../../domain/records.js';
import { readRecords } from './read-records.js';

type AuditRecord = {
  _id: unknown;
  at: Date;
  actor?: { type?: string | null; id?: string | null; label?: string | null } | null;
  action: string;
  entityType: string;
  entityId: string;
  tenantId?: string | null;
  before?: unknown;
  after?: unknown;
};

const toAuditView = (event: AuditRecord): AuditEvent => ({
  id: String(event._id),
  at: event.at.toISOString(),
  actor: { type: (event.actor?.type ?? 'system') as Actor['type'], id: event.actor?.id ?? null, label: event.actor?.label ?? null },
  action: event.action,
  entityType: event.entityType,
  entityId: event.entityId,
  tenantId: event.tenantId ?? null,
  before: event.before ?? null,
  after: event.after ?? null,
});

/**
 * What a viewer does not read elsewhere (console accounts, API keys, SCIM tokens, webhook
 * endpoints, whose URLs may carry a receiver's token), it does not read in the trail either: the
 * event stays (who did what to which), its before and after go.
 */
const CREDENTIAL_ENTITIES = new Set(['admin', 'apiKey', 'scimToken', 'webhook', 'webhookDelivery']);
export const forViewer = (event: AuditEvent): AuditEvent => (CREDENTIAL_ENTITIES.has(event.entityType) ? { ...event, before: null, after: null } : event);

/** The audit trail: who changed what (recorded by data/audit-events.ts and the lifecycle's projection). */
export const auditTrail = readRecords({ model: AuditEventModel, where: auditEventListWhere, toView: toAuditView, tenantIdAsString: true });
