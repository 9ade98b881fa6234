import { z } from 'zod';
import { activationTrackerSchema, stuckReasonSchema } from '../../../domain/activation.js';
import { objectIdSchema } from '../../../domain/user.js';
import { MAX_LINK_CONFIRMATIONS, MAX_STUCK_PAGE, type UseCases } from '../../../use-cases/index.js';
import type { DocumentedRouter } from '../../http/documented-router.js';
import { queryNumber } from '../../http/query-number.js';
import { actorOf } from '../../http/request-context.js';
import { userIdParams, userView } from '../../users/schemas.js';

const trackerQuery = z.object({
  stuckDays: queryNumber(z.number().min(0).max(365))
    .default(3)
    .meta({ description: 'Invited more than this many days ago without registering counts as stuck (default 3)' }),
  migrationId: z.uuid().optional().meta({ description: "Count one migration run's people instead of the whole office's" }),
  reason: stuckReasonSchema.optional().meta({ description: 'Only the people stuck for this reason' }),
  offset: queryNumber(z.number().int().min(0)).default(0),
  limit: queryNumber(z.number().int().min(1).max(MAX_STUCK_PAGE)).default(50),
});
const linkConfirmations = z
  .object({
    userIds: z
      .array(objectIdSchema)
      .min(1)
      .max(MAX_LINK_CONFIRMATIONS)
      .optional()
      .meta({
        description: `The people whose login the office linked in the main system; absent: everyone of the office waiting (at most ${MAX_LINK_CONFIRMATIONS})`,
      }),
  })
  .meta({ id: 'LoginLinkConfirmations' });
const linkConfirmationResult = z
  .object({
    confirmed: z.array(z.string()),
    refused: z
      .array(z.object({ userId: z.string(), code: z.string() }))
      .meta({ description: 'Who was not waiting for a link (e.g. LOGIN_LINK_NOT_REQUESTED), or is no user of the office (USER_NOT_FOUND)' }),
  })
  .meta({ id: 'LoginLinkConfirmationResult' });
const registrationLinkView = z.object({ url: z.url(), expiresAt: z.iso.datetime() }).meta({ id: 'RegistrationLink' });

/**
 * The office's activation tracker and its one-click fixes that are not plain user actions:
 * "Vinculei no sistema principal" (one person, or all of them) and the invitation link to send
 * another way. Resend and fixing the e-mail are the user routes'.
 */
export function adminActivationRoutes(routes: DocumentedRouter, { activation, users }: Pick<UseCases, 'activation' | 'users'>) {
  routes.route({
    method: 'get',
    scope: 'tenant',
    path: '/tenants/:tenantId/activation',
    summary: "Where the office's people are: counts per step, progress (active of asked), and who is stuck with why",
    params: z.object({ tenantId: objectIdSchema }),
    query: trackerQuery,
    responses: { 200: { description: 'The activation tracker', schema: activationTrackerSchema } },
    errors: ['TENANT_NOT_FOUND', 'MIGRATION_NOT_FOUND', 'OTHER_TENANT'],
    handler: async ({ params, query, scope }, _req, res) => {
      const { offset, limit, ...rest } = query;
      res.json(await activation.tracker(scope, { tenantId: params.tenantId, ...rest, skip: offset, limit }));
    },
  });

  routes.route({
    method: 'post',
    scope: 'tenant',
    path: '/tenants/:tenantId/login-links',
    summary: '"I linked them in the main system": confirms the login link of the people named, or of everyone waiting',
    description: 'Where no main system confirms through the API, the office does, here or per person; each one then gets access and the "access ready" e-mail.',
    params: z.object({ tenantId: objectIdSchema }),
    body: linkConfirmations,
    responses: { 200: { description: 'Who was confirmed, who was not and why', schema: linkConfirmationResult } },
    errors: ['OTHER_TENANT'],
    handler: async ({ params, body, scope }, req, res) => {
      res.json(await users.confirmLoginLinks(scope, params.tenantId, body.userIds, actorOf(req)));
    },
  });

  routes.route({
    method: 'post',
    scope: 'tenant',
    path: '/users/:id/login-link',
    summary: '"I linked it in the main system": the office confirms the login link of one person; access follows',
    params: userIdParams,
    responses: { 202: { description: 'Confirmed; the status becomes active once the lifecycle acts', schema: userView } },
    errors: ['USER_NOT_FOUND', 'NO_LIFECYCLE', 'LOGIN_LINK_NOT_REQUESTED'],
    handler: async ({ params, scope }, req, res) => {
      res.status(202).json(await users.confirmLoginLink(scope, params.id, actorOf(req)));
    },
  });

  routes.route({
    method: 'post',
    scope: 'tenant',
    path: '/users/:id/registration-link',
    summary: "The open invitation's link, to send another way (WhatsApp) when the e-mail does not arrive; audited",
    params: userIdParams,
    responses: { 200: { description: 'The link and when it expires', schema: registrationLinkView } },
    errors: ['USER_NOT_FOUND', 'NO_OPEN_INVITATION'],
    handler: async ({ params, scope }, req, res) => {
      res.json(await users.registrationLink(scope, params.id, actorOf(req)));
    },
  });
}
