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

/** The audit trail: who changed what (recorded by data/audit-events.ts and the lifecycle's projection). */
export const auditTrail = readRecords({ model: AuditEventModel, where: auditEventListWhere, toView: toAuditView, tenantIdAsString: true });
