import type { Client } from '@temporalio/client';
import { Types } from 'mongoose';
import { z } from 'zod';
import type { Config } from '../../config/env.js';
import { MigrationModel } from '../../data/models/index.js';
import { importResultSchema, migrationProgressSchema, migrationReviewRowSchema, startMigrationSchema } from '../../domain/migration.js';
import { searchQuerySchema } from '../../domain/search-text.js';
import { objectIdSchema } from '../../domain/user.js';
import type { DocumentedRouter } from '../http/documented-router.js';
import { actorOf } from '../http/request-context.js';
import { actingUserFor } from './acting-user.js';
import { importColumns, importUsers, MAX_IMPORT_ROWS, readImportCsv } from './import.js';
import { fixProposedEmail, reviewTenant, setExcluded } from './review.js';
import { cancelMigration, migrationProgress, startMigration } from './run.js';
import { requireOwnMigration, requireOwnTenant } from './tenant-scope.js';

export interface MigrationRouteDeps {
  temporal: Client;
  config: Pick<Config, 'TEMPORAL_TASK_QUEUE' | 'lifecycle'>;
}

const tenantParams = z.object({ tenantId: objectIdSchema });
const tenantUserParams = z.object({ tenantId: objectIdSchema, userId: objectIdSchema });
const migrationParams = z.object({ migrationId: z.uuid() });
const reviewQuery = z.object({ q: searchQuerySchema.optional() });

const startedView = z.object({ migrationId: z.string(), alreadyRunning: z.boolean() }).meta({ id: 'MigrationStarted' });
const importQuery = z.object({
  dryRun: z
    .enum(['true', 'false'])
    .default('false')
    .transform((value) => value === 'true'),
});
const importColumnList = [...importColumns.required, ...importColumns.optional].join(',');
const importBody = z
  .array(z.record(z.string(), z.unknown()))
  .meta({ description: `Rows {code, name, legacyUsername?, email?, role?, locale?}, at most ${MAX_IMPORT_ROWS}; or the same as a CSV file (text/csv)` });
const csvBody = {
  description:
    `A CSV file as saved by a spreadsheet, header line ${importColumnList} (code and name required; names case-insensitive, other columns ignored), at most ${MAX_IMPORT_ROWS} rows. ` +
    "Encoding detected: UTF-8 (with or without BOM) or else Windows-1252; separator detected from the header line: comma, semicolon or tab. The result's `csv` says which were used; an unreadable file is MALFORMED_CSV, with why and what to do.",
};

/** Import, progress and cancel: the same under /api/admin and /api/v1. */
function sharedRoutes(routes: DocumentedRouter, deps: MigrationRouteDeps) {
  routes.route({
    method: 'post',
    path: '/tenants/:tenantId/users/import',
    summary: 'Stage the users to migrate (JSON array or CSV), with a result per row; dryRun=true only checks',
    description:
      "With dryRun=true nothing is written, and each row gets the result and the e-mail problems a real import would give it (the review's rules, counting the users already in the review).",
    params: tenantParams,
    query: importQuery,
    body: importBody,
    rawBodyTypes: { 'text/csv': csvBody },
    responses: { 200: { description: 'One result per row, and how a CSV was read', schema: importResultSchema } },
    errors: ['TENANT_NOT_FOUND', 'TOO_MANY_ROWS', 'MALFORMED_CSV', 'OTHER_TENANT'],
    handler: async ({ params, query, body, rawBody, locale }, req, res) => {
      requireOwnTenant(req, params.tenantId);
      const { rows, csv } = rawBody ? readImportCsv(rawBody, locale) : { rows: body, csv: undefined };
      const result = await importUsers({ tenantId: params.tenantId, rows, dryRun: query.dryRun, actor: actorOf(req) });
      res.json(csv ? { ...result, csv } : result);
    },
  });

  routes.route({
    method: 'post',
    path: '/tenants/:tenantId/migrations',
    summary: 'Update accounts: start the login migration on behalf of the tenant user who qualifies',
    description:
      'Only the tenant supervisor with the lowest user code qualifies (CLIENT_INELIGIBLE names them otherwise). Missing, invalid or duplicated e-mails among the users to migrate block the start (MIGRATION_BLOCKED lists them). A run already going on is returned as is.',
    params: tenantParams,
    body: startMigrationSchema,
    responses: { 202: { description: 'Started (or already running)', schema: startedView } },
    errors: ['TENANT_NOT_FOUND', 'CLIENT_INELIGIBLE', 'MIGRATION_BLOCKED', 'NOTHING_TO_MIGRATE', 'OTHER_TENANT'],
    handler: async ({ params, body, locale }, req, res) => {
      const actingUserId = actingUserFor(req, params.tenantId, body.actingUserId);
      res.status(202).json(await startMigration(deps, { tenantId: params.tenantId, actingUserId, actor: actorOf(req), locale }));
    },
  });

  routes.route({
    method: 'get',
    path: '/tenants/:tenantId/migrations',
    summary: "The tenant's migration runs, newest first",
    params: tenantParams,
    responses: { 200: { description: 'Runs', schema: z.array(migrationProgressSchema) } },
    errors: ['OTHER_TENANT'],
    handler: async ({ params }, req, res) => {
      requireOwnTenant(req, params.tenantId);
      const runs = await MigrationModel.find({ tenantId: new Types.ObjectId(params.tenantId) }, { _id: 1 })
        .sort({ createdAt: -1 })
        .limit(20)
        .lean();
      res.json(await Promise.all(runs.map((run) => migrationProgress(run._id))));
    },
  });

  routes.route({
    method: 'get',
    path: '/migrations/:migrationId',
    summary: 'Progress of a migration: started, invited, registered, active, expired, failed',
    params: migrationParams,
    responses: { 200: { description: 'Progress', schema: migrationProgressSchema } },
    errors: ['MIGRATION_NOT_FOUND', 'OTHER_TENANT'],
    handler: async ({ params }, req, res) => {
      await requireOwnMigration(req, params.migrationId);
      res.json(await migrationProgress(params.migrationId));
    },
  });

  routes.route({
    method: 'post',
    path: '/migrations/:migrationId/cancel',
    summary: 'Cancel a migration: no new lifecycles start; the ones started go on',
    params: migrationParams,
    responses: { 202: { description: 'Cancel requested', schema: migrationProgressSchema } },
    errors: ['MIGRATION_NOT_FOUND', 'MIGRATION_NOT_RUNNING', 'OTHER_TENANT'],
    handler: async ({ params }, req, res) => {
      await requireOwnMigration(req, params.migrationId);
      await cancelMigration(deps, params.migrationId, actorOf(req));
      res.status(202).json(await migrationProgress(params.migrationId));
    },
  });
}

/** The review screen's routes, admin only. */
export function adminMigrationRoutes(routes: DocumentedRouter, deps: MigrationRouteDeps) {
  sharedRoutes(routes, deps);

  routes.route({
    method: 'get',
    path: '/tenants/:tenantId/migration/review',
    summary: 'The review: every user to migrate with the proposed login e-mail and its problems',
    description:
      "q: only the rows the users list's search finds (name words or e-mail start, case and accents ignored); the problems still count the whole tenant.",
    params: tenantParams,
    query: reviewQuery,
    responses: { 200: { description: 'Rows by user code', schema: z.array(migrationReviewRowSchema) } },
    errors: ['TENANT_NOT_FOUND', 'OTHER_TENANT'],
    handler: async ({ params, query }, req, res) => {
      requireOwnTenant(req, params.tenantId);
      res.json(await reviewTenant(params.tenantId, query.q));
    },
  });

  routes.route({
    method: 'patch',
    path: '/tenants/:tenantId/migration/users/:userId',
    summary: 'Fix the proposed login e-mail of a user to migrate',
    params: tenantUserParams,
    body: z.object({ email: z.string().trim().min(1).max(254) }),
    responses: { 200: { description: 'The review after the fix', schema: z.array(migrationReviewRowSchema) } },
    errors: ['USER_NOT_FOUND', 'OTHER_TENANT'],
    handler: async ({ params, body }, req, res) => {
      requireOwnTenant(req, params.tenantId);
      await fixProposedEmail(params.tenantId, params.userId, body.email, actorOf(req));
      res.json(await reviewTenant(params.tenantId));
    },
  });

  for (const [action, excluded] of [
    ['inactivate', true],
    ['include', false],
  ] as const) {
    routes.route({
      method: 'post',
      path: `/tenants/:tenantId/migration/users/:userId/${action}`,
      summary: excluded ? 'Inactivate a user: not migrated, status inactive' : 'Include an inactivated user in the migration again',
      params: tenantUserParams,
      responses: { 200: { description: 'The review after the change', schema: z.array(migrationReviewRowSchema) } },
      errors: ['USER_NOT_FOUND', 'OTHER_TENANT'],
      handler: async ({ params }, req, res) => {
        requireOwnTenant(req, params.tenantId);
        await setExcluded(params.tenantId, params.userId, excluded, actorOf(req));
        res.json(await reviewTenant(params.tenantId));
      },
    });
  }
}

export const integrationMigrationRoutes = sharedRoutes;
