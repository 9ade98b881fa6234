import type { Request } from 'express';
import { z } from 'zod';
import { actorTypes } from '../../../domain/actor.js';
import { emailStatuses, emailTemplates, emailView } from '../../../domain/email.js';
import { auditView, invitationView } from '../../../domain/records.js';
import { objectIdSchema } from '../../../domain/user.js';
import type { Page } from '../../../data/paged-list.js';
import type { TenantScope } from '../../../domain/tenant-scope.js';
import type { UseCases } from '../../../use-cases/index.js';
import type { DocumentedRouter } from '../../http/documented-router.js';
import { idFilter, listQuerySchema, parseListQuery, sendList, type ListSpec } from '../simple-rest.js';

const idsOf = z.union([objectIdSchema, z.array(objectIdSchema)]).optional();

/** What a resource reads (use-cases/records), within the caller's scope: a page of its list, or one record. */
interface Records<F extends z.ZodObject, R> {
  list(scope: TenantScope, filter: z.output<F>, page: Page): Promise<{ items: R[]; total: number }>;
  find(scope: TenantScope, id: string): Promise<R>;
  /** What a viewer reads of a record, when less than an admin (the audit trail's credential events). */
  forViewer?: (record: R) => R;
}

interface ReadOnlyResource<F extends z.ZodObject, R> {
  name: string;
  title: string;
  idParam: z.ZodType<string>;
  list: ListSpec<F>;
  view: z.ZodType<R>;
  /** Which of the records' use-cases it reads. */
  records: (records: UseCases['records']) => Records<F, R>;
  description: string;
}

function readOnly<F extends z.ZodObject, R>(routes: DocumentedRouter, resource: ReadOnlyResource<F, R>, records: Records<F, R>) {
  const { forViewer } = records;
  const viewedBy = (req: Request) => (record: R) => (req.admin?.role === 'admin' || !forViewer ? record : forViewer(record));
  routes.route({
    method: 'get',
    scope: 'tenant',
    path: `/${resource.name}`,
    summary: `List ${resource.title}`,
    description: resource.description,
    query: listQuerySchema(resource.list),
    responses: {
      200: { description: `A page of ${resource.title}`, schema: z.array(resource.view), headers: { 'Content-Range': `${resource.name} 0-24/100` } },
    },
    handler: async ({ query, scope }, req, res) => {
      const { filter, ...page } = parseListQuery(query, resource.list);
      const { items, total } = await records.list(scope, filter, page);
      sendList(res, resource.name, { items: items.map(viewedBy(req)), total }, page.skip);
    },
  });
  routes.route({
    method: 'get',
    scope: 'tenant',
    path: `/${resource.name}/:id`,
    summary: `One of the ${resource.title}`,
    params: z.object({ id: resource.idParam }),
    responses: { 200: { description: 'The record', schema: resource.view } },
    errors: ['NOT_FOUND'],
    handler: async ({ params, scope }, req, res) => {
      res.json(viewedBy(req)(await records.find(scope, params.id)));
    },
  });
}

const stringId = z.string().min(1).max(200);

/** Types a resource's records by its filter and view; the value is the definition itself. */
const defineResource = <F extends z.ZodObject, R>(resource: ReadOnlyResource<F, R>) => resource;

/** The read-only resources, exported so test/api/query-plans.test.ts explains the queries their lists run. */
export const invitationsResource = defineResource({
  name: 'invitations',
  title: 'invitation links',
  description: 'Filters: id, userId, tenantId, email. Sorts: id, createdAt, expiresAt. Token hashes are never returned.',
  idParam: stringId,
  list: {
    filter: z.object({ id: idFilter(stringId), userId: idsOf, tenantId: idsOf, email: z.string().max(254).optional() }),
    sortFields: { id: '_id', createdAt: 'createdAt', expiresAt: 'expiresAt' },
    defaultSort: ['createdAt', 'DESC'],
  },
  view: invitationView,
  records: (records) => records.invitationLinks,
});

export const emailsResource = defineResource({
  name: 'emails',
  title: 'outgoing e-mails',
  description: 'Filters: id, userId, tenantId, to, status, template. Sorts: id, createdAt, sentAt, status, to.',
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
  view: emailView,
  records: (records) => records.outgoingEmails,
});

export const auditResource = defineResource({
  name: 'audit',
  title: 'audit events',
  description: 'Filters: id, entityId, entityType, tenantId, action, actorType. Sorts: id, at.',
  idParam: objectIdSchema,
  list: {
    filter: z.object({
      id: idFilter(objectIdSchema),
      entityId: z.union([z.string().max(200), z.array(z.string().max(200))]).optional(),
      entityType: z.string().max(50).optional(),
      tenantId: z.union([z.string().max(200), z.array(z.string().max(200)).max(100)]).optional(),
      action: z.string().max(100).optional(),
      actorType: z.enum(actorTypes).optional(),
    }),
    sortFields: { id: '_id', at: 'at' },
    defaultSort: ['at', 'DESC'],
  },
  view: auditView,
  records: (records) => records.auditTrail,
});

export function adminReadOnlyRoutes(routes: DocumentedRouter, records: UseCases['records']) {
  readOnly(routes, invitationsResource, invitationsResource.records(records));
  readOnly(routes, emailsResource, emailsResource.records(records));
  readOnly(routes, auditResource, auditResource.records(records));
}
