import { Types, type Model } from 'mongoose';
import { z } from 'zod';
import { AuditEventModel, EmailLogModel, InvitationModel } from '../../../data/models/index.js';
import { actorTypes } from '../../../data/models/audit-event.js';
import { emailStatuses, emailTemplates, emailView } from '../../../domain/email.js';
import { objectIdSchema } from '../../../domain/user.js';
import type { DocumentedRouter } from '../../http/documented-router.js';
import { fail } from '../../http/error-messages.js';
import { findPage } from '../list-queries.js';
import { idFilter, listQuerySchema, match, parseListQuery, sendList, type ListSpec } from '../simple-rest.js';

const iso = (date: Date | null | undefined) => (date ? date.toISOString() : null);
const oid = (id: string) => new Types.ObjectId(id);
const idsOf = z.union([objectIdSchema, z.array(objectIdSchema)]).optional();

/** Invitation links without their token hash: what an admin needs to see which link is alive. */
const invitationView = z
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
type InvitationRecord = {
  _id: string;
  userId: unknown;
  tenantId: unknown;
  email: string;
  expiresAt: Date;
  consumedAt?: Date | null;
  closedAt?: Date | null;
  closedReason?: string | null;
  createdAt: Date;
};
function toInvitationView(invitation: InvitationRecord): z.infer<typeof invitationView> {
  const state = invitation.consumedAt
    ? 'consumed'
    : invitation.closedReason
      ? (invitation.closedReason as 'superseded' | 'revoked' | 'expired')
      : invitation.expiresAt.getTime() <= Date.now()
        ? 'expired'
        : 'open';
  return {
    id: invitation._id,
    userId: String(invitation.userId),
    tenantId: String(invitation.tenantId),
    email: invitation.email,
    state,
    expiresAt: invitation.expiresAt.toISOString(),
    consumedAt: iso(invitation.consumedAt),
    closedAt: iso(invitation.closedAt),
    createdAt: invitation.createdAt.toISOString(),
  };
}

type EmailRecord = {
  _id: string;
  userId: unknown;
  tenantId: unknown;
  to: string;
  template: string;
  locale: string;
  subject: string;
  messageId: string;
  status: string;
  attempts?: number | null;
  error?: string | null;
  sentAt?: Date | null;
  createdAt: Date;
  preview?: string | null;
};
export const toEmailView = (email: EmailRecord): z.infer<typeof emailView> => ({
  id: email._id,
  userId: String(email.userId),
  tenantId: String(email.tenantId),
  to: email.to,
  template: email.template as z.infer<typeof emailView>['template'],
  locale: email.locale,
  subject: email.subject,
  messageId: email.messageId,
  status: email.status as z.infer<typeof emailView>['status'],
  attempts: email.attempts ?? 0,
  error: email.error ?? null,
  sentAt: iso(email.sentAt),
  createdAt: email.createdAt.toISOString(),
  preview: email.preview ?? null,
});

const auditView = z
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
const toAuditView = (event: AuditRecord): z.infer<typeof auditView> => ({
  id: String(event._id),
  at: event.at.toISOString(),
  actor: { type: (event.actor?.type ?? 'system') as (typeof actorTypes)[number], id: event.actor?.id ?? null, label: event.actor?.label ?? null },
  action: event.action,
  entityType: event.entityType,
  entityId: event.entityId,
  tenantId: event.tenantId ?? null,
  before: event.before ?? null,
  after: event.after ?? null,
});

interface ReadOnlyResource<F extends z.ZodObject, R> {
  name: string;
  title: string;
  model: Model<any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- each resource's own model
  idParam: z.ZodType<string>;
  list: ListSpec<F>;
  where: (filter: z.output<F>) => Record<string, unknown>;
  view: z.ZodType<R>;
  toView: (record: never) => R;
  description: string;
}

function readOnly<F extends z.ZodObject, R>(routes: DocumentedRouter, resource: ReadOnlyResource<F, R>) {
  routes.route({
    method: 'get',
    path: `/${resource.name}`,
    summary: `List ${resource.title}`,
    description: resource.description,
    query: listQuerySchema,
    responses: {
      200: { description: `A page of ${resource.title}`, schema: z.array(resource.view), headers: { 'Content-Range': `${resource.name} 0-24/100` } },
    },
    handler: async ({ query }, _req, res) => {
      const { filter, sort, skip, limit } = parseListQuery(query, resource.list);
      const { records, total } = await findPage<never>(resource.model, resource.where(filter), sort, skip, limit);
      sendList(res, resource.name, records.map(resource.toView), skip, total);
    },
  });
  routes.route({
    method: 'get',
    path: `/${resource.name}/:id`,
    summary: `One of the ${resource.title}`,
    params: z.object({ id: resource.idParam }),
    responses: { 200: { description: 'The record', schema: resource.view } },
    errors: ['NOT_FOUND'],
    handler: async ({ params }, _req, res) => {
      const record = await resource.model.findById(params.id).lean();
      if (!record) throw fail('NOT_FOUND');
      res.json(resource.toView(record as never));
    },
  });
}

const stringId = z.string().min(1).max(200);

/** Types a resource's where() and toView() by its filter and view; the value is the definition itself. */
const defineResource = <F extends z.ZodObject, R>(resource: ReadOnlyResource<F, R>) => resource;

/** The read-only resources, exported so test/api/query-plans.test.ts explains the queries their lists run. */
export const invitationsResource = defineResource({
  name: 'invitations',
  title: 'invitation links',
  description: 'Filters: id, userId, tenantId, email. Sorts: id, createdAt, expiresAt. Token hashes are never returned.',
  model: InvitationModel,
  idParam: stringId,
  list: {
    filter: z.object({ id: idFilter(stringId), userId: idsOf, tenantId: idsOf, email: z.string().max(254).optional() }),
    sortFields: { id: '_id', createdAt: 'createdAt', expiresAt: 'expiresAt' },
    defaultSort: ['createdAt', 'DESC'],
  },
  where: (filter) => ({
    ...match('_id', filter.id),
    ...match('userId', filter.userId, oid),
    ...match('tenantId', filter.tenantId, oid),
    ...match('email', filter.email?.toLowerCase()),
  }),
  view: invitationView,
  toView: toInvitationView,
});

export const emailsResource = defineResource({
  name: 'emails',
  title: 'outgoing e-mails',
  description: 'Filters: id, userId, tenantId, to, status, template. Sorts: id, createdAt, sentAt, status, to.',
  model: EmailLogModel,
  idParam: stringId,
  list: {
    filter: z.object({
      id: idFilter(stringId),
      userId: idsOf,
      tenantId: idsOf,
      to: z.string().max(254).optional(),
      status: z.union([z.enum(emailStatuses), z.array(z.enum(emailStatuses))]).optional(),
      template: z.union([z.enum(emailTemplates), z.array(z.enum(emailTemplates))]).optional(),
    }),
    sortFields: { id: '_id', createdAt: 'createdAt', sentAt: 'sentAt', status: 'status', to: 'to' },
    defaultSort: ['createdAt', 'DESC'],
  },
  where: (filter) => ({
    ...match('_id', filter.id),
    ...match('userId', filter.userId, oid),
    ...match('tenantId', filter.tenantId, oid),
    ...match('to', filter.to?.toLowerCase()),
    ...match('status', filter.status),
    ...match('template', filter.template),
  }),
  view: emailView,
  toView: toEmailView,
});

export const auditResource = defineResource({
  name: 'audit',
  title: 'audit events',
  description: 'Filters: id, entityId, entityType, tenantId, action, actorType. Sorts: id, at.',
  model: AuditEventModel,
  idParam: objectIdSchema,
  list: {
    filter: z.object({
      id: idFilter(objectIdSchema),
      entityId: z.union([z.string().max(200), z.array(z.string().max(200))]).optional(),
      entityType: z.string().max(50).optional(),
      tenantId: z.string().max(200).optional(),
      action: z.string().max(100).optional(),
      actorType: z.enum(actorTypes).optional(),
    }),
    sortFields: { id: '_id', at: 'at' },
    defaultSort: ['at', 'DESC'],
  },
  where: (filter) => ({
    ...match('_id', filter.id, oid),
    ...match('entityId', filter.entityId),
    ...match('entityType', filter.entityType),
    ...match('tenantId', filter.tenantId),
    ...match('action', filter.action),
    ...match('actor.type', filter.actorType),
  }),
  view: auditView,
  toView: toAuditView,
});

export function adminReadOnlyRoutes(routes: DocumentedRouter) {
  readOnly(routes, invitationsResource);
  readOnly(routes, emailsResource);
  readOnly(routes, auditResource);
}
