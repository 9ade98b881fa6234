import { AuditEventModel } from '../data/models/index.js';
import type { Actor } from './migrations/actor.js';

export type { Actor } from './migrations/actor.js';

/** Records a change made by an admin or an integration. Before/after hold the changed record, never secrets. */
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
