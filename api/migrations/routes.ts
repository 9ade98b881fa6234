import { z } from 'zod';
import { importResultSchema, migrationProgressSchema, startMigrationSchema } from '../../domain/migration.js';
import { MAX_REVIEW_PAGE, migrationReviewPageSchema } from '../../domain/migration-review.js';
import { emailSchema } from '../../domain/email-address.js';
import { localeSchema } from '../../domain/locale.js';
import { searchQuerySchema } from '../../domain/search-text.js';
import { objectIdSchema } from '../../domain/user.js';
import type { DocumentedRouter } from '../http/documented-router.js';
import { queryNumber } from '../http/query-number.js';
import { actorOf } from '../http/request-context.js';
import { importColumns, MAX_IMPORT_ROWS, type UseCases } from '../../use-cases/index.js';
import { csvPattern } from './csv-pattern.js';

const tenantParams = z.object({ tenantId: objectIdSchema });
const tenantUserParams = z.object({ tenantId: objectIdSchema, userId: objectIdSchema });
const migrationParams = z.object({ migrationId: z.uuid() });
const reviewQuery = z.object({
  q: searchQuerySchema.optional(),
  problemsOnly: z
    .enum(['true', 'false'])
    .default('false')
    .transform((value) => value === 'true')
    .meta({ description: 'Only the users to migrate whose new login has a problem ("só com problemas")' }),
  afterCode: queryNumber(z.number().int().min(0))
    .optional()
    .meta({ description: 'Only the rows after this user code (the last row of the previous page): as fast deep in a large review as at its start' }),
  offset: queryNumber(z.number().int().min(0)).default(0),
  limit: queryNumber(z.number().int().min(1).max(MAX_REVIEW_PAGE)).default(100),
});

const startedView = z.object({ migrationId: z.string(), alreadyRunning: z.boolean() }).meta({ id: 'MigrationStarted' });
const importQuery = z.object({
  dryRun: z
    .enum(['true', 'false'])
    .default('false')
    .transform((value) => value === 'true'),
});
const importColumnList = [...importColumns.required, ...importColumns.optional].join(',');
const portugueseHeader = Object.values(importColumns.headers['pt-BR']).join(';');
// Each row is checked on its own (a result per row), so the request needs only rows; their count is the use-case's rule, stated here.
const importBody = z.array(z.record(z.string(), z.unknown())).meta({
  description: `Rows {code, name, legacyUsername?, email?, role?, locale?}, at most ${MAX_IMPORT_ROWS}; or the same as a CSV file (text/csv)`,
  minItems: 1,
  maxItems: MAX_IMPORT_ROWS,
});
const csvBody = {
  description:
    `A CSV file as saved by a spreadsheet, header line ${importColumnList} or in Portuguese ${portugueseHeader} (code and name required; case, accents, spaces and punctuation ignored; other columns ignored), at most ${MAX_IMPORT_ROWS} rows. ` +
    'Role values supervisor or member (membro), locale values en or pt-BR (português, inglês); blank cells take the defaults. ' +
    "Encoding detected: UTF-8 (with or without BOM) or else Windows-1252; separator detected from the header line: comma, semicolon or tab. The result's `csv` says which were used; an unreadable file is MALFORMED_CSV, with why and what to do. " +
    'The pattern is the form read for certain (a header starting with code or name, quotes left out); quoted fields and other column orders are read too.',
  pattern: csvPattern(importColumns.required),
};

/** Import, progress and cancel: the same under /api/admin and /api/v1. */
function sharedRoutes(routes: DocumentedRouter, migrations: UseCases['migrations']) {
  routes.route({
    method: 'post',
    scope: 'tenant',
    path: '/tenants/:tenantId/users/import',
    summary: 'Stage the users to migrate (JSON array or CSV), with a result per row; dryRun=true only checks',
    description:
      "With dryRun=true nothing is written, and each row gets the result and the e-mail problems a real import would give it (the review's rules, counting the users already in the review). " +
      "A rejected row's problems have the canonical column as `path` (code, name, legacyUsername, email, role, locale) and a message in the caller's language (Accept-Language) naming the column as the file does.",
    params: tenantParams,
    query: importQuery,
    body: importBody,
    rawBodyTypes: { 'text/csv': csvBody },
    responses: { 200: { description: 'One result per row, and how a CSV was read', schema: importResultSchema } },
    errors: ['TENANT_NOT_FOUND', 'TOO_MANY_ROWS', 'MALFORMED_CSV', 'OTHER_TENANT'],
    handler: async ({ params, query, body, rawBody, locale, scope }, req, res) => {
      const { rows, csv, headers } = rawBody ? migrations.readImportCsv(rawBody, locale) : { rows: body, csv: undefined, headers: undefined };
      const result = await migrations.importUsers(scope, { tenantId: params.tenantId, rows, dryRun: query.dryRun, actor: actorOf(req), locale, headers });
      res.json(csv ? { ...result, csv } : result);
    },
  });

  routes.route({
    method: 'post',
    scope: 'tenant',
    path: '/tenants/:tenantId/migrations',
    summary: 'Update accounts: start the login migration on behalf of the tenant user who qualifies',
    description:
      'Only the tenant supervisor with the lowest user code qualifies (CLIENT_INELIGIBLE names them otherwise). Missing, invalid or duplicated e-mails among the users to migrate block the start (MIGRATION_BLOCKED lists them). A run already going on is returned as is.',
    params: tenantParams,
    // Documented as required: JSON Schema cannot say "unless the caller is a linked console account", which its description does.
    body: startMigrationSchema.meta({ required: ['actingUserId'] }),
    responses: { 202: { description: 'Started (or already running)', schema: startedView } },
    errors: ['TENANT_NOT_FOUND', 'CLIENT_INELIGIBLE', 'MIGRATION_BLOCKED', 'NOTHING_TO_MIGRATE', 'OTHER_TENANT'],
    handler: async ({ params, body, locale, scope }, req, res) => {
      const linkedUserId = req.admin?.tenantUserId ?? null;
      const input = { tenantId: params.tenantId, actingUserId: body.actingUserId, linkedUserId, actor: actorOf(req), locale };
      res.status(202).json(await migrations.start(scope, input));
    },
  });

  routes.route({
    method: 'get',
    scope: 'tenant',
    path: '/tenants/:tenantId/migrations',
    summary: "The tenant's migration runs, newest first",
    params: tenantParams,
    responses: { 200: { description: 'Runs', schema: z.array(migrationProgressSchema) } },
    errors: ['TENANT_NOT_FOUND', 'OTHER_TENANT'],
    handler: async ({ params, scope }, _req, res) => {
      res.json(await migrations.ofTenant(scope, params.tenantId));
    },
  });

  routes.route({
    method: 'get',
    scope: 'tenant',
    path: '/migrations/:migrationId',
    summary: 'Progress of a migration: started, invited, registered, active, expired, failed',
    params: migrationParams,
    responses: { 200: { description: 'Progress', schema: migrationProgressSchema } },
    errors: ['MIGRATION_NOT_FOUND'],
    handler: async ({ params, scope }, _req, res) => {
      res.json(await migrations.progress(scope, params.migrationId));
    },
  });

  routes.route({
    method: 'post',
    scope: 'tenant',
    path: '/migrations/:migrationId/cancel',
    summary: 'Cancel a migration: no new lifecycles start; the ones started go on',
    params: migrationParams,
    responses: { 202: { description: 'Cancel requested', schema: migrationProgressSchema } },
    errors: ['MIGRATION_NOT_FOUND', 'MIGRATION_NOT_RUNNING'],
    handler: async ({ params, scope }, req, res) => {
      await migrations.cancel(scope, params.migrationId, actorOf(req));
      res.status(202).json(await migrations.progress(scope, params.migrationId));
    },
  });
}

/** The review screen's routes, admin only. */
export function adminMigrationRoutes(routes: DocumentedRouter, migrations: UseCases['migrations']) {
  sharedRoutes(routes, migrations);

  routes.route({
    method: 'get',
    // The same blank spreadsheet for everyone: it reads no tenant's records.
    scope: 'none',
    path: '/migration/template.csv',
    summary: 'A spreadsheet to fill in with the users to migrate: the header and two example rows, ready to import',
    description:
      'text/csv. locale=pt-BR (default for a Portuguese Accept-Language): `;`-separated, Windows-1252, the way Excel in Brazil opens and saves it, headers in Portuguese. ' +
      'locale=en: comma-separated UTF-8, headers in English. Either imports unchanged.',
    query: z.object({ locale: localeSchema.optional().meta({ description: "The template's language; the caller's Accept-Language when absent" }) }),
    responses: {
      200: {
        description: 'The CSV file (text/csv; charset=windows-1252 for pt-BR, charset=utf-8 for en)',
        headers: { 'Content-Disposition': 'attachment; filename="modelo-usuarios.csv" (pt-BR) or "users-template.csv" (en)' },
      },
    },
    handler: ({ query, locale }, _req, res) => {
      const template = migrations.importTemplate(query.locale ?? locale);
      res.set({
        'Content-Type': `text/csv; charset=${template.encoding === 'Windows-1252' ? 'windows-1252' : 'utf-8'}`,
        'Content-Disposition': `attachment; filename="${template.fileName}"`,
      });
      res.send(template.bytes);
    },
  });

  routes.route({
    method: 'get',
    scope: 'tenant',
    path: '/tenants/:tenantId/migration/review',
    summary: 'The review ("Configurar agora"): a page of the users to migrate with the proposed login e-mail and its problems, the counts, and who may update',
    description:
      "q: only the rows the users list's search finds (name words or e-mail start, proposed e-mails included; case and accents ignored); problemsOnly: only the rows to fix. The problems always count the whole office and every login.",
    params: tenantParams,
    query: reviewQuery,
    responses: { 200: { description: 'A page of rows by user code, with the review counts', schema: migrationReviewPageSchema } },
    errors: ['TENANT_NOT_FOUND', 'OTHER_TENANT'],
    handler: async ({ params, query, scope }, _req, res) => {
      res.json(await migrations.review(scope, params.tenantId, query));
    },
  });

  routes.route({
    method: 'patch',
    scope: 'tenant',
    path: '/tenants/:tenantId/migration/users/:userId',
    summary: 'Fix the proposed login e-mail of a user to migrate',
    description: "The answer is the review's page the query names (as GET review), so the console shows the page it is on after the change.",
    params: tenantUserParams,
    query: reviewQuery,
    body: z.object({ email: emailSchema }),
    responses: { 200: { description: 'The review after the fix', schema: migrationReviewPageSchema } },
    errors: ['USER_NOT_FOUND', 'OTHER_TENANT'],
    handler: async ({ params, query, body, scope }, req, res) => {
      await migrations.fixProposedEmail(scope, params.tenantId, params.userId, body.email, actorOf(req));
      res.json(await migrations.review(scope, params.tenantId, query));
    },
  });

  for (const [action, excluded] of [
    ['inactivate', true],
    ['include', false],
  ] as const) {
    routes.route({
      method: 'post',
      scope: 'tenant',
      path: `/tenants/:tenantId/migration/users/:userId/${action}`,
      summary: excluded ? 'Inactivate a user: not migrated, status inactive' : 'Include an inactivated user in the migration again',
      params: tenantUserParams,
      query: reviewQuery,
      responses: { 200: { description: "The review after the change (the query's page, as GET review)", schema: migrationReviewPageSchema } },
      errors: ['USER_NOT_FOUND', 'OTHER_TENANT'],
      handler: async ({ params, query, scope }, req, res) => {
        await migrations.setExcluded(scope, params.tenantId, params.userId, excluded, actorOf(req));
        res.json(await migrations.review(scope, params.tenantId, query));
      },
    });
  }
}

export const integrationMigrationRoutes = sharedRoutes;
