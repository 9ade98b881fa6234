import { Types } from 'mongoose';
import { z } from 'zod';
import { AdminAccountModel } from '../../../data/models/index.js';
import { adminRoles } from '../../../data/models/admin-account.js';
import { emailSchema } from '../../../domain/email-address.js';
import { objectIdSchema } from '../../../domain/user.js';
import type { DocumentedRouter } from '../../http/documented-router.js';
import type { Request } from 'express';
import { fail } from '../../http/error-messages.js';
import { actorOf } from '../../http/request-context.js';
import { passwordSchema } from '../../../domain/password.js';
import { createAdmin, deleteAdmin, findAdminOrFail, toAdminView, updateAdmin } from '../accounts.js';
import { idFilter, listQuerySchema, match, parseListQuery, prefixSearch, sendList } from '../simple-rest.js';

const adminView = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    role: z.enum(adminRoles),
    disabled: z.boolean(),
    lastLoginAt: z.iso.datetime().nullable(),
    tenantUserId: z.string().nullable().meta({ description: 'The tenant user this account acts as; null for a platform account' }),
    tenantId: z.string().nullable(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'AdminAccount' });
const tenantUserLink = objectIdSchema.nullable().optional().meta({ description: 'Links the account to a tenant user: it then acts as that user, for that tenant only' });
const newAdminSchema = z
  .object({ email: emailSchema, name: z.string().trim().min(1).max(200), role: z.enum(adminRoles), password: passwordSchema, tenantUserId: tenantUserLink })
  .meta({ id: 'NewAdminAccount' });
const adminUpdateSchema = z
  .object({
    name: z.string().trim().min(1).max(200).optional(),
    role: z.enum(adminRoles).optional(),
    disabled: z.boolean().optional(),
    password: passwordSchema.optional(),
    tenantUserId: tenantUserLink,
  })
  .meta({ id: 'AdminAccountUpdate' });
const params = z.object({ id: objectIdSchema });
const listSpec = {
  filter: z.object({ q: z.string().max(200).optional(), id: idFilter(objectIdSchema), role: z.enum(adminRoles).optional() }),
  sortFields: { id: '_id', email: 'email', createdAt: 'createdAt' },
  defaultSort: ['email', 'ASC'] as ['email', 'ASC'],
};

/**
 * A tenant account (linked to a tenant user) manages no console account, its own included: it
 * could otherwise unlink itself or create a platform account and leave its tenant.
 */
function platformAccountsOnly(req: Request) {
  if (req.admin?.tenantUserId) throw fail('FORBIDDEN', { detail: 'a console account linked to a tenant user cannot manage console accounts' });
}

/** Admin console accounts (resource `admins`); only the `admin` role of a platform account changes them. */
export function adminAccountRoutes(routes: DocumentedRouter) {
  routes.route({
    method: 'get',
    path: '/admins',
    summary: 'List admin console accounts',
    query: listQuerySchema,
    responses: { 200: { description: 'A page of accounts', schema: z.array(adminView), headers: { 'Content-Range': 'admins 0-24/3' } } },
    handler: async ({ query }, _req, res) => {
      const { filter, sort, skip, limit } = parseListQuery(query, listSpec);
      const where = { ...match('_id', filter.id, (id) => new Types.ObjectId(id)), ...prefixSearch(['email'], filter.q), ...match('role', filter.role) };
      const [accounts, total] = await Promise.all([AdminAccountModel.find(where).sort(sort).skip(skip).limit(limit).lean(), AdminAccountModel.countDocuments(where)]);
      sendList(res, 'admins', accounts.map(toAdminView), skip, total);
    },
  });
  routes.route({
    method: 'get',
    path: '/admins/:id',
    summary: 'One admin console account',
    params,
    responses: { 200: { description: 'The account', schema: adminView } },
    errors: ['NOT_FOUND'],
    handler: async ({ params: { id } }, _req, res) => {
      res.json(await findAdminOrFail(id));
    },
  });
  routes.route({
    method: 'post',
    path: '/admins',
    summary: 'Create an admin console account (role admin or viewer)',
    body: newAdminSchema,
    responses: { 201: { description: 'Created', schema: adminView } },
    errors: ['ADMIN_EXISTS', 'USER_NOT_FOUND'],
    handler: async ({ body }, req, res) => {
      platformAccountsOnly(req);
      res.status(201).json(await createAdmin(body, actorOf(req)));
    },
  });
  routes.route({
    method: 'put',
    path: '/admins/:id',
    summary: 'Update an admin console account (a new password or disabling ends its sessions)',
    params,
    body: adminUpdateSchema,
    responses: { 200: { description: 'The updated account', schema: adminView } },
    errors: ['NOT_FOUND', 'LAST_ADMIN', 'USER_NOT_FOUND'],
    handler: async ({ params: { id }, body }, req, res) => {
      platformAccountsOnly(req);
      res.json(await updateAdmin(id, body, actorOf(req)));
    },
  });
  routes.route({
    method: 'delete',
    path: '/admins/:id',
    summary: 'Delete an admin console account (never the last admin)',
    params,
    responses: { 200: { description: 'The deleted account', schema: adminView } },
    errors: ['NOT_FOUND', 'LAST_ADMIN'],
    handler: async ({ params: { id } }, req, res) => {
      platformAccountsOnly(req);
      res.json(await deleteAdmin(id, actorOf(req)));
    },
  });
}
