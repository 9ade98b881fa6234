import { z } from 'zod';
import { actorTypes } from './actor.js';

/** Invitation links without their token hash: what an admin needs to see which link is alive. */
export const invitationView = z
  .object({
    id: z.string(),
    userId: z.string(),
    tenantId: z.string(),
    email: z.string(),
    state: z.enum(['open', 'consumed', 'superseded', 'revoked', 'expired']),
    expiresAt: z.iso.datetime(),
    consumedAt: z.iso.datetime().nullable(),
    closedAt: z.iso.datetime().nullable(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'Invitation' });
export type InvitationLink = z.infer<typeof invitationView>;

/** An event of the audit trail: who did what to which entity, with the before/after of what changed. */
export const auditView = z
  .object({
    id: z.string(),
    at: z.iso.datetime(),
    actor: z.object({ type: z.enum(actorTypes), id: z.string().nullable(), label: z.string().nullable() }),
    action: z.string(),
    entityType: z.string(),
    entityId: z.string(),
    tenantId: z.string().nullable(),
    before: z.unknown(),
    after: z.unknown(),
  })
  .meta({ id: 'AuditEvent' });
export type AuditEvent = z.infer<typeof auditView>;
