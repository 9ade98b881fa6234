import { z } from 'zod';
import { adminRoleSchema, adminUpdateSchema, adminView, newAdminSchema } from '../../../domain/admin-account.js';
import { passwordResetSchema } from '../../../domain/password.js';
import { objectIdSchema } from '../../../domain/user.js';
import type { UseCases } from '../../../use-cases/index.js';
import type { DocumentedRouter } from '../../http/documented-router.js';
import { actorOf } from '../../http/request-context.js';
import { readsNeedAdminRole } from '../permissions.js';
import { idFilter, listQuerySchema, parseListQuery, sendList } from '../simple-rest.js';

const passwordResetResult = z
  .object({
    account: adminView,
    generatedPassword: z
      .string()
      .nullable()
      .meta({ description: 'The generated password, answered this once (null when the admin typed one); hand it to the person, it is not stored' }),
  })
  .meta({ id: 'AdminPasswordResetResult' });
const params = z.object({ id: objectIdSchema });
const listSpec = {
  filter: z.object({ q: z.string().max(200).optional(), id: idFilter(objectIdSchema), role: adminRoleSchema.optional() }),
  sortFields: { id: '_id', email: 'email', createdAt: 'createdAt' },
  defaultSort: ['email', 'ASC'] as ['email', 'ASC'],
};

/**
 * Admin console accounts (resource `admins`): the platform's only (an office's account could otherwise
 * unlink itself or make a platform account and so leave its office), and only its `admin` role reads them.
 */
export function adminAccountRoutes(routes: DocumentedRouter, admins: UseCases['adminAccounts']) {
  routes.route({
    method: 'get',
    scope: 'platform',
    path: '/admins',
    summary: 'List admin console accounts',
    query: listQuerySchema(listSpec),
    responses: { 200: { description: 'A page of accounts', schema: z.array(adminView), headers: { 'Content-Range': 'admins 0-24/3' } } },
    errors: ['FORBIDDEN'],
    middleware: [readsNeedAdminRole],
    handler: async ({ query }, _req, res) => {
      const { filter, ...page } = parseListQuery(query, listSpec);
      sendList(res, 'admins', await admins.list(filter, page), page.skip);
    },
  });
  routes.route({
    method: 'get',
    scope: 'platform',
    path: '/admins/:id',
    summary: 'One admin console account',
    params,
    responses: { 200: { description: 'The account', schema: adminView } },
    errors: ['NOT_FOUND', 'FORBIDDEN'],
    middleware: [readsNeedAdminRole],
    handler: async ({ params: { id } }, _req, res) => {
      res.json(await admins.find(id));
    },
  });
  routes.route({
    method: 'post',
    scope: 'platform',
    path: '/admins',
    summary: 'Create an admin console account (role admin or viewer)',
    body: newAdminSchema,
    responses: { 201: { description: 'Created', schema: adminView } },
    errors: ['ADMIN_EXISTS', 'USER_NOT_FOUND'],
    handler: async ({ body }, req, res) => {
      res.status(201).json(await admins.create(body, actorOf(req)));
    },
  });
  routes.route({
    method: 'put',
    scope: 'platform',
    path: '/admins/:id',
    summary: 'Update an admin console account (a new password or disabling ends its sessions)',
    params,
    body: adminUpdateSchema,
    responses: { 200: { description: 'The updated account', schema: adminView } },
    errors: ['NOT_FOUND', 'LAST_ADMIN', 'USER_NOT_FOUND'],
    handler: async ({ params: { id }, body }, req, res) => {
      res.json(await admins.update(id, body, actorOf(req)));
    },
  });
  routes.route({
    method: 'delete',
    scope: 'platform',
    path: '/admins/:id',
    summary: 'Delete an admin console account (never the last admin)',
    params,
    responses: { 200: { description: 'The deleted account', schema: adminView } },
    errors: ['NOT_FOUND', 'LAST_ADMIN'],
    handler: async ({ params: { id } }, req, res) => {
      res.json(await admins.delete(id, actorOf(req)));
    },
  });
  routes.route({
    method: 'post',
    scope: 'platform',
    path: '/admins/:id/password',
    summary: "Reset an account's password: the new one typed twice, or a generated one answered once",
    description:
      'Ends every session of the account (the old password and whoever signed in with it are out at once) and records an audit event without the password.',
    params,
    body: passwordResetSchema,
    responses: { 200: { description: 'Reset; sign in with the new password', schema: passwordResetResult } },
    errors: ['NOT_FOUND'],
    handler: async ({ params: { id }, body }, req, res) => {
      res.json(await admins.resetPassword(id, body.generate ? { generate: true } : { password: body.password! }, actorOf(req)));
    },
  });
}
