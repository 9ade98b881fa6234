import { z } from 'zod';
import { activationCountsSchema } from './activation.js';
import { normalizeEmail } from './email-address.js';
import { objectIdSchema, type Role } from './user.js';

/**
 * The login migration ("Update accounts"): the review of proposed login e-mails, the
 * eligibility rule and the shapes shared by the API, the `accountsMigration` workflow and the admin.
 */

export const emailProblems = ['missing', 'invalid', 'duplicateInTenant', 'duplicateExisting'] as const;
export type EmailProblem = (typeof emailProblems)[number];

const emailFormat = z.email();

export interface ReviewCandidate {
  id: string;
  proposedEmail: string | null;
}

/**
 * Problems of each proposed e-mail among the users to migrate: missing, invalid, used twice in
 * the tenant, or already some other user's login. Case-insensitive, like logins themselves.
 */
export function reviewEmails(candidates: ReviewCandidate[], existingLogins: ReadonlyMap<string, string>): Map<string, EmailProblem[]> {
  const byEmail = new Map<string, number>();
  for (const { proposedEmail } of candidates) {
    if (proposedEmail) byEmail.set(normalizeEmail(proposedEmail), (byEmail.get(normalizeEmail(proposedEmail)) ?? 0) + 1);
  }
  const problems = new Map<string, EmailProblem[]>();
  for (const { id, proposedEmail } of candidates) {
    const found: EmailProblem[] = [];
    if (!proposedEmail?.trim()) found.push('missing');
    else {
      const email = normalizeEmail(proposedEmail);
      if (!emailFormat.safeParse(email).success) found.push('invalid');
      if ((byEmail.get(email) ?? 0) > 1) found.push('duplicateInTenant');
      const owner = existingLogins.get(email);
      if (owner !== undefined && owner !== id) found.push('duplicateExisting');
    }
    problems.set(id, found);
  }
  return problems;
}

export interface TenantMember {
  id: string;
  code: number;
  name: string;
  role: Role;
  inactive: boolean;
}

export type Eligibility = { eligible: true } | { eligible: false; qualified: Pick<TenantMember, 'id' | 'code' | 'name'> | null };

/**
 * Only the tenant's qualified user may press "Update accounts": the supervisor with the lowest
 * user code ("usuário de menor código, com permissões de supervisor"). Inactive users do not count.
 */
export function checkEligibility(members: TenantMember[], actingUserId: string): Eligibility {
  const supervisors = members.filter((member) => member.role === 'supervisor' && !member.inactive).sort((a, b) => a.code - b.code);
  const qualified = supervisors[0];
  if (qualified && qualified.id === actingUserId) return { eligible: true };
  return { eligible: false, qualified: qualified ? { id: qualified.id, code: qualified.code, name: qualified.name } : null };
}

export const migrationStatuses = ['running', 'completed', 'cancelled'] as const;
export type MigrationStatus = (typeof migrationStatuses)[number];

export const startMigrationSchema = z.object({
  /**
   * The tenant user on whose behalf the update runs (the seed's "logged-in user"). Required from
   * platform accounts and integrations; a console account linked to a tenant user acts as that user.
   */
  actingUserId: objectIdSchema.optional().meta({
    description:
      'The tenant user the update runs on behalf of. Required, except from a console account linked to a tenant user, which always acts as that user',
  }),
});

/** One user to migrate, as the review answers it (API schema and admin type). */
export const migrationReviewRowSchema = z
  .object({
    id: z.string(),
    code: z.number(),
    name: z.string(),
    legacyUsername: z.string().nullable(),
    role: z.string(),
    proposedEmail: z.string().nullable(),
    status: z.enum(['staged', 'inactive']),
    problems: z.array(z.enum(emailProblems)),
  })
  .meta({ id: 'MigrationReviewRow' });
export type MigrationReviewRow = z.infer<typeof migrationReviewRowSchema>;

/** A run's progress: its counters and where its users' lifecycles are now. */
export const migrationProgressSchema = z
  .object({
    migrationId: z.string(),
    tenantId: z.string(),
    status: z.enum(migrationStatuses),
    total: z.number(),
    started: z.number(),
    failed: z.number(),
    invited: z.number(),
    registered: z.number(),
    active: z.number(),
    expired: z.number(),
    actingUserLabel: z.string(),
    createdAt: z.string(),
    people: activationCountsSchema.meta({ description: "Where the run's people are now: the activation tracker's counts" }),
  })
  .meta({ id: 'MigrationProgress' });
export type MigrationProgress = z.infer<typeof migrationProgressSchema>;

/**
 * How a CSV import was read. Excel in Brazil saves `;`-separated files in Windows-1252; other
 * tools save `,` in UTF-8, with or without a BOM. The reader detects both and says which it used.
 */
export const csvEncodings = ['UTF-8', 'Windows-1252'] as const;
export type CsvEncoding = (typeof csvEncodings)[number];
export const csvSeparators = [',', ';', '\t'] as const;
export type CsvSeparator = (typeof csvSeparators)[number];

export const csvReadingSchema = z
  .object({
    encoding: z.enum(csvEncodings),
    bom: z.boolean().meta({ description: 'The file started with a UTF-8 byte order mark (Excel\'s "CSV UTF-8")' }),
    separator: z.enum(csvSeparators),
    ignoredColumns: z.array(z.string()).meta({ description: 'Header columns that are not import columns, left out' }),
  })
  .meta({ id: 'CsvReading', description: 'How a text/csv body was read: detected encoding and separator (absent for a JSON body)' });
export type CsvReading = z.infer<typeof csvReadingSchema>;

/** One import row's outcome: `valid` in a dry run is what a real run reports as `created`. */
export const importRowResultSchema = z.object({
  row: z.number().meta({ description: "Position among the data rows, from 1 (a CSV's header line is not counted)" }),
  code: z.number().optional(),
  name: z.string().optional(),
  email: z.string().optional(),
  result: z.enum(['created', 'valid', 'rejected']),
  id: z.string().optional(),
  problems: z.array(z.object({ path: z.string(), message: z.string() })).meta({
    description:
      "Why a rejected row is not imported: `path` is the canonical column (code, name, legacyUsername, email, role, locale), stable; `message` says what to do, in the caller's language, naming the column as the file does",
  }),
  emailProblems: z
    .array(z.enum(emailProblems))
    .meta({ description: 'What the review will show for this user, by the same rules: to fix before "Update accounts"' }),
});
export type ImportRowResult = z.infer<typeof importRowResultSchema>;

export const importResultSchema = z
  .object({
    dryRun: z.boolean(),
    created: z.number(),
    valid: z.number(),
    rejected: z.number(),
    csv: csvReadingSchema.optional(),
    rows: z.array(importRowResultSchema),
  })
  .meta({ id: 'ImportResult' });
export type ImportResult = z.infer<typeof importResultSchema>;
