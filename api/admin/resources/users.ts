import { z } from 'zod';
import type { Config } from '../../../config/env.js';
import { activationStatusSchema } from '../../../domain/activation-status.js';
import { workflowIdForUser } from '../../../domain/lifecycle.js';
import { searchQuerySchema } from '../../../domain/search-text.js';
import { objectIdSchema, roleSchema } from '../../../domain/user.js';
import type { UseCases } from '../../../use-cases/index.js';
import type { DocumentedRouter } from '../../http/documented-router.js';
import { actorOf } from '../../http/request-context.js';
import { adminNewUserSchema, adminUserUpdateSchema, deactivateSchema, userIdParams, userView } from '../../users/schemas.js';
import { idFilter, listQuerySchema, parseListQuery, sendList } from '../simple-rest.js';

const userFilter = z
  .object({
    q: searchQuerySchema.optional(),
    id: idFilter(objectIdSchema),
    status: z.union([activationStatusSchema, z.array(activationStatusSchema)]).optional(),
    tenantId: z.union([objectIdSchema, z.array(objectIdSchema)]).optional(),
    role: roleSchema.optional(),
    emailFailing: z.boolean().optional(),
    includeReview: z.boolean().optional().meta({
      description:
        'true: the users waiting in the migration review too (those an import staged, which the lists leave out until "Update accounts" takes them or they are invited); with one tenantId only',
    }),
  })
  .refine((filter) => !filter.includeReview || typeof filter.tenantId === 'string', {
    path: ['includeReview'],
    error: "includeReview needs one tenantId: the review is an office's",
  });
/** The users list's filters and sorts (the filter itself: data/users.ts); each shape the console sends has its index (data/models/user.ts). */
export const userListSpec = {
  filter: userFilter,
  sortFields: { id: '_id', name: 'nameLower', email: 'email', status: 'status', code: 'code', createdAt: 'createdAt', statusChangedAt: 'statusChangedAt' },
  defaultSort: ['createdAt', 'DESC'] as ['createdAt', 'DESC'],
  bounded: true as const,
};

const lifecycleView = z
  .object({
    workflowId: z.string(),
    temporalUiUrl: z.url(),
    live: z.boolean().meta({ description: 'whether the workflow answered its query (false: not running, or no worker)' }),
    state: z.record(z.string(), z.unknown()).nullable().meta({ description: 'The workflow query `state` (LifecycleState), null when it does not answer' }),
  })
  .meta({ id: 'UserLifecycle' });

export function adminUserRoutes(routes: DocumentedRouter, users: UseCases['users'], config: Pick<Config, 'temporalUiUrl' | 'TEMPORAL_NAMESPACE'>) {
  routes.route({
    method: 'get',
    scope: 'tenant',
    path: '/users',
    summary: 'List users (ra-data-simple-rest getList / getMany / getManyReference)',
    description:
      'Filters: q (the start of any word of the name, several words for consecutive ones, or the start of the e-mail; case and accents ignored), id, status, tenantId, role, emailFailing. Sorts: id, name, email, status, code, createdAt, statusChangedAt. ' +
      'Paging: `range` starts before row 10,000; further on, `after` (the `X-Next-Cursor` of the page before) goes on from the last row read, at any depth. ' +
      'The total is exact up to 10,000; past it Content-Range says `*` and `X-Total-Exceeds: 10000` (a search with a filter whose every part has more than 10,000 candidates is not counted: `X-Total-Exceeds` then gives the rows shown). A sort that no index serves for these filters (a search sorted by another column than createdAt, a role with a sort) is answered when few match or few documents need reading (422 TOO_MANY_TO_SORT otherwise).',
    query: listQuerySchema(userListSpec),
    responses: {
      200: {
        description: 'A page of users',
        schema: z.array(userView),
        headers: {
          'Content-Range': 'users 0-24/319 (or users 0-24/* past 10,000)',
          'X-Total-Exceeds': 'N, when more than N match: 10000, or the rows shown when a search with a filter has too many candidates to count',
          'X-Next-Cursor': 'the `after` of the next page, when rows follow this one',
        },
      },
    },
    errors: ['PAGE_TOO_DEEP', 'INVALID_CURSOR', 'TOO_MANY_TO_SORT'],
    handler: async ({ query, scope }, _req, res) => {
      const { filter, ...page } = parseListQuery(query, userListSpec);
      sendList(res, 'users', await users.list(scope, filter, page), page.skip);
    },
  });

  routes.route({
    method: 'get',
    scope: 'tenant',
    path: '/users/:id',
    summary: 'One user',
    params: userIdParams,
    responses: { 200: { description: 'The user', schema: userView } },
    errors: ['USER_NOT_FOUND'],
    handler: async ({ params, scope }, _req, res) => {
      res.json(await users.find(scope, params.id));
    },
  });

  routes.route({
    method: 'post',
    scope: 'tenant',
    path: '/users',
    summary: 'Create a user; starts the lifecycle (invitation e-mail) unless sendInvitation is false',
    body: adminNewUserSchema,
    responses: { 201: { description: 'Created', schema: userView } },
    errors: ['EMAIL_TAKEN', 'CODE_TAKEN', 'UNKNOWN_TENANT', 'OTHER_TENANT'],
    handler: async ({ body, scope }, req, res) => {
      const { sendInvitation, ...input } = body;
      res.status(201).json(await users.create(scope, input, actorOf(req), { sendInvitation }));
    },
  });

  routes.route({
    method: 'put',
    scope: 'tenant',
    path: '/users/:id',
    summary: 'Update a user (react-admin sends the whole record; status and timestamps are ignored)',
    params: userIdParams,
    body: adminUserUpdateSchema,
    responses: { 200: { description: 'The updated user', schema: userView } },
    errors: ['USER_NOT_FOUND', 'EMAIL_TAKEN'],
    handler: async ({ params, body, scope }, req, res) => {
      const { email, ...rest } = body;
      res.json(await users.update(scope, params.id, { ...rest, ...(email ? { email } : {}) }, actorOf(req)));
    },
  });

  routes.route({
    method: 'delete',
    scope: 'tenant',
    path: '/users/:id',
    summary: 'Delete a user: ends its lifecycle, removes its password and invitation links; the audit trail keeps the fact',
    params: userIdParams,
    responses: { 200: { description: 'The deleted user', schema: userView } },
    errors: ['USER_NOT_FOUND'],
    handler: async ({ params, scope }, req, res) => {
      res.json(await users.delete(scope, params.id, actorOf(req)));
    },
  });

  routes.route({
    method: 'post',
    scope: 'tenant',
    path: '/users/:id/invite',
    summary: 'Start the lifecycle of a staged user (sends the invitation); idempotent',
    params: userIdParams,
    responses: { 202: { description: 'Lifecycle started', schema: userView } },
    errors: ['USER_NOT_FOUND'],
    handler: async ({ params, scope }, req, res) => {
      res.status(202).json(await users.invite(scope, params.id, actorOf(req)));
    },
  });

  routes.route({
    method: 'post',
    scope: 'tenant',
    path: '/users/:id/resend',
    summary: 'Send the invitation again (the old link dies); on a staged user, starts the lifecycle',
    params: userIdParams,
    responses: { 202: { description: 'Requested; the status changes once the workflow acts', schema: userView } },
    errors: ['USER_NOT_FOUND', 'NO_LIFECYCLE'],
    handler: async ({ params, scope }, req, res) => {
      res.status(202).json(await users.resend(scope, params.id, actorOf(req)));
    },
  });

  routes.route({
    method: 'post',
    scope: 'tenant',
    path: '/users/:id/deactivate',
    summary: 'Deactivate: links die, no more e-mails, sign-in refused',
    params: userIdParams,
    body: deactivateSchema,
    responses: { 202: { description: 'Requested', schema: userView } },
    errors: ['USER_NOT_FOUND', 'NO_LIFECYCLE'],
    handler: async ({ params, body, scope }, req, res) => {
      res.status(202).json(await users.deactivate(scope, params.id, actorOf(req), body.reason));
    },
  });

  routes.route({
    method: 'post',
    scope: 'tenant',
    path: '/users/:id/reactivate',
    summary: 'Reactivate: access comes back, or a new invitation goes out if the user never registered',
    params: userIdParams,
    responses: { 202: { description: 'Requested', schema: userView } },
    errors: ['USER_NOT_FOUND', 'NO_LIFECYCLE'],
    handler: async ({ params, scope }, req, res) => {
      res.status(202).json(await users.reactivate(scope, params.id, actorOf(req)));
    },
  });

  routes.route({
    method: 'get',
    scope: 'tenant',
    path: '/users/:id/lifecycle',
    summary: "The workflow's live state and a link to it in the Temporal UI",
    params: userIdParams,
    responses: { 200: { description: 'Live lifecycle', schema: lifecycleView } },
    errors: ['USER_NOT_FOUND'],
    handler: async ({ params, scope }, _req, res) => {
      const workflowId = workflowIdForUser(params.id);
      // USER_NOT_FOUND before the workflow is asked, for a user out of scope.
      const state = await users.liveState(scope, params.id);
      res.json({
        workflowId,
        temporalUiUrl: `${config.temporalUiUrl}/namespaces/${encodeURIComponent(config.TEMPORAL_NAMESPACE)}/workflows/${encodeURIComponent(workflowId)}`,
        live: state !== null,
        state,
      });
    },
  });
}
