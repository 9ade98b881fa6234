import type { Actor } from '../domain/actor.js';
import { match, objectId } from './list-filters.js';
import { AuditEventModel } from './models/index.js';

/** Records a change made by an admin, an integration, a user or the command line. Before/after hold the changed record, never secrets. */
export async function recordAudit(
  actor: Actor,
  action: string,
  entity: { type: string; id: string; tenantId?: string | null },
  change: { before?: unknown; after?: unknown } = {},
) {
  await AuditEventModel.create({
    actor,
    action,
    entityType: entity.type,
    entityId: entity.id,
    tenantId: entity.tenantId ?? null,
    before: change.before ?? null,
    after: change.after ?? null,
  });
}

export interface AuditEventFilter {
  id?: string | string[];
  entityId?: string | string[];
  entityType?: string;
  tenantId?: string | string[];
  action?: string;
  actorType?: Actor['type'];
}

/** The audit list's filter; each shape has its index (data/models/audit-event.ts). */
export const auditEventListWhere = (filter: AuditEventFilter) => ({
  ...match('_id', filter.id, objectId),
  ...match('entityId', filter.entityId),
  ...match('entityType', filter.entityType),
  ...match('tenantId', filter.tenantId),
  ...match('action', filter.action),
  ...match('actor.type', filter.actorType),
});
