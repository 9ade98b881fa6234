import { z } from 'zod';
import { recordAudit } from '../../data/audit-events.js';
import { addressesToCheck, insertStagedUsers, reviewChanged, takenCodes } from '../../data/migration-review.js';
import { findTenant } from '../../data/tenants.js';
import type { Actor } from '../../domain/actor.js';
import { normalizeEmail } from '../../domain/email-address.js';
import { domainError, DomainError } from '../../domain/errors.js';
import { localeSchema, type Locale } from '../../domain/locale.js';
import { reviewEmails, type CsvReading, type ImportResult, type ImportRowResult } from '../../domain/migration.js';
import { roleSchema } from '../../domain/user.js';
import { requireTenant, type TenantScope } from '../../domain/tenant-scope.js';
import { CsvFileError, readCsvFile } from './csv-file.js';
import { csvProblemMessage } from './csv-messages.js';
import { importColumns, localeValue, maxCode, roleValue } from './import-columns.js';
import { codeClash, rowProblems } from './import-row-problems.js';
import { emailProblemsOf, refreshProblemFlags } from './review-problems.js';

/**
 * Rows per import call: a 50,000-row file in one request. Its cost follows the file, not the office
 * (the file's codes and e-mails are looked up on indexes, a batch at a time; data/migration-review.ts).
 */
export const MAX_IMPORT_ROWS = 50_000;

/**
 * One user to migrate, as an import row. The proposed e-mail may be missing, invalid or
 * duplicated: such users are staged anyway and show up in the review to be fixed. Role and
 * language are read as offices write them ("Supervisora", "membro", "português"); blank is the default.
 */
export const importRowSchema = z.object({
  code: z.coerce.number().int().min(1).max(maxCode),
  name: z.string().trim().min(1).max(200),
  legacyUsername: z
    .string()
    .trim()
    .max(100)
    .optional()
    .transform((value) => value || undefined),
  email: z
    .string()
    .trim()
    .max(254)
    .optional()
    .transform((value) => (value ? normalizeEmail(value) : undefined)),
  role: z.preprocess(roleValue, roleSchema.default('member')),
  locale: z.preprocess(localeValue, localeSchema.default('pt-BR')),
});

/**
 * A CSV file (raw bytes) as import rows, with how it was read and each column's header as the file
 * names it (for the row problems); a file that cannot be read is MALFORMED_CSV whose message says
 * why and what to do, in the caller's language.
 */
export function readImportCsv(bytes: Uint8Array, locale: Locale): { rows: Record<string, string>[]; csv: CsvReading; headers: Record<string, string> } {
  try {
    const { rows, reading, headers } = readCsvFile(bytes, importColumns);
    return { rows, csv: reading, headers };
  } catch (error) {
    if (!(error instanceof CsvFileError)) throw error;
    // The field's message is the stable reason (empty, workbook, utf16, binary, malformed, missingColumns, noRows).
    throw new DomainError('MALFORMED_CSV', csvProblemMessage(error.problem, locale, importColumns), [{ path: 'body', message: error.problem.reason }]);
  }
}

const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim() : undefined);

export interface ImportInput {
  tenantId: string;
  rows: unknown[];
  dryRun: boolean;
  actor: Actor;
  /** The language of the row problems; an office's supervisor reads pt-BR unless told otherwise. */
  locale?: Locale;
  /** The file's own header for each column (readImportCsv), so the problems name columns as the file does. */
  headers?: Readonly<Record<string, string>>;
}

/** Stages the users of a migration; with `dryRun` it only says what would happen. Rows are independent. */
export async function importUsers(scope: TenantScope, input: ImportInput): Promise<ImportResult> {
  const { locale = 'pt-BR', headers } = input;
  requireTenant(scope, input.tenantId);
  if (input.rows.length === 0) throw new DomainError('VALIDATION_FAILED', 'no rows to import', [{ path: 'rows', message: 'must not be empty' }]);
  if (input.rows.length > MAX_IMPORT_ROWS) {
    throw new DomainError('TOO_MANY_ROWS', `at most ${MAX_IMPORT_ROWS} rows per call; split the file`, [
      { path: 'rows', message: `has ${input.rows.length} rows` },
    ]);
  }
  const tenant = await findTenant(input.tenantId);
  if (!tenant) throw domainError('TENANT_NOT_FOUND');

  const results: ImportRowResult[] = [];
  const accepted: { index: number; row: z.output<typeof importRowSchema> }[] = [];
  const parsedRows = input.rows.map((raw) => importRowSchema.safeParse(raw));
  // Codes the office has already: the file's only, on the {tenantId, code} unique index.
  const existingCodes = await takenCodes(
    tenant._id,
    parsedRows.flatMap((parsed) => (parsed.success ? [parsed.data.code] : [])),
  );
  const codesInFile = new Set<number>();
  input.rows.forEach((raw, index) => {
    const parsed = parsedRows[index]!;
    if (!parsed.success) {
      // Named as the file has them, so the person can find the row to fix.
      const given = (raw ?? {}) as Record<string, unknown>;
      const problems = rowProblems(parsed.error, raw, locale, headers);
      results.push({ row: index + 1, name: text(given.name), email: text(given.email), result: 'rejected', problems, emailProblems: [] });
      return;
    }
    const { code, name, email } = parsed.data;
    const clash = existingCodes.has(code) ? 'office' : codesInFile.has(code) ? 'import' : null;
    codesInFile.add(code);
    if (clash) {
      results.push({ row: index + 1, code, name, email, result: 'rejected', problems: [codeClash(code, clash, locale, headers)], emailProblems: [] });
      return;
    }
    accepted.push({ index, row: parsed.data });
    results.push({ row: index + 1, code, name, email, result: input.dryRun ? 'valid' : 'created', problems: [], emailProblems: [] });
  });
  const byIndex = new Map(results.map((result) => [result.row - 1, result]));

  if (input.dryRun) {
    // The review's own rule over what the review would hold: the users already waiting in it with
    // these addresses and these rows. So a dry run shows exactly the problems the review shows after the import.
    const { problems } = await emailProblemsOf(
      tenant._id,
      [],
      accepted.map(({ index, row }) => ({ id: `row:${index}`, proposedEmail: row.email ?? null })),
    );
    for (const { index } of accepted) byIndex.get(index)!.emailProblems = problems.get(`row:${index}`) ?? [];
  } else if (accepted.length > 0) {
    // Staged with the problems a row has on its own or within the file; then, after the write, the
    // addresses someone else may hold too are derived again across all their holders (these rows,
    // users already waiting, logins), so that an import running at the same time is seen (review-problems.ts).
    const ownProblems = reviewEmails(
      accepted.map(({ index, row }) => ({ id: String(index), proposedEmail: row.email ?? null })),
      new Map(),
    );
    const { ids, refused } = await insertStagedUsers(
      tenant._id,
      accepted.map(({ index, row }) => ({
        code: row.code,
        name: row.name,
        legacyUsername: row.legacyUsername ?? null,
        proposedEmail: row.email ?? null,
        role: row.role,
        locale: row.locale,
        hasEmailProblem: (ownProblems.get(String(index))?.length ?? 0) > 0,
      })),
    );
    await reviewChanged(tenant._id);
    // A concurrent import took some codes: those rows fail alone, the others are in.
    for (const position of refused) {
      const result = byIndex.get(accepted[position]!.index)!;
      Object.assign(result, { result: 'rejected', problems: [codeClash(result.code!, 'office', locale, headers)] });
    }
    // Only the addresses that now have a holder besides the row, or are a login, can have a twin:
    // found on the indexes alone. Of two imports of an address at once, the later check sees both rows.
    const fileEmails = [...new Set(accepted.flatMap(({ row }) => (row.email ? [row.email] : [])))];
    // The file's own duplicates too: one of the two may have been refused for its code.
    const twinsInFile = accepted.flatMap(({ index, row }) => (ownProblems.get(String(index))?.includes('duplicateInTenant') ? [row.email] : []));
    const problems = await refreshProblemFlags(tenant._id, [...(await addressesToCheck(tenant._id, fileEmails)), ...twinsInFile]);
    accepted.forEach(({ index }, position) => {
      const result = byIndex.get(index)!;
      if (result.result !== 'created') return;
      result.id = String(ids[position]);
      result.emailProblems = problems.get(result.id) ?? ownProblems.get(String(index)) ?? [];
    });
    await recordAudit(
      input.actor,
      'migration.usersImported',
      { type: 'tenant', id: input.tenantId, tenantId: input.tenantId },
      {
        after: {
          created: results.filter((result) => result.result === 'created').length,
          rejected: results.filter((result) => result.result === 'rejected').length,
        },
      },
    );
  }

  const count = (kind: ImportRowResult['result']) => results.filter((result) => result.result === kind).length;
  return { dryRun: input.dryRun, created: count('created'), valid: count('valid'), rejected: count('rejected'), rows: results };
}
