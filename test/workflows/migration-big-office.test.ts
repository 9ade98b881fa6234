import type { Client } from '@temporalio/client';
import mongoose, { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INSERT_BATCH } from '../../data/migration-review.js';
import { UserModel } from '../../data/models/index.js';
import { DomainError } from '../../domain/errors.js';
import { PLATFORM_SCOPE } from '../../domain/tenant-scope.js';
import { importUsers } from '../../use-cases/migrations/import-users.js';
import { reviewPage } from '../../use-cases/migrations/review-page.js';
import { startMigration } from '../../use-cases/migrations/start-migration.js';
import { testConfig } from '../harness/context.js';
import { createTenant } from '../harness/fixtures.js';

/**
 * An import into a large office never builds a command near MongoDB's 16 MB limit: each command
 * is bounded by its batch (an import's codes and e-mails, a page), never by the office. Before,
 * an import sent every staged user's e-mail of the office in one `$in`, and at a million users in
 * one office that passed 16 MB ("BSONObj size: 17058018 is invalid"). Here an office of 50,000
 * staged users with long e-mails (150 characters: 7.5 MB of addresses) imports a file, is reviewed
 * and asked to "Update accounts", while the driver reports every command it sends.
 */
const config = testConfig();
const OFFICE = 50_000;
const FILE = 5_000;
const MB = 1_048_576;
const actor = { type: 'admin' as const, id: 'a', label: 'Admin' };
const longEmail = (i: number) => `${'pessoa.com.um.nome.bem.comprido.'.repeat(4)}${String(i).padStart(6, '0')}@escritorio-de-contabilidade.example.com.br`;

type Sent = { name: string; bytes: number; documents: number };
const sent: Sent[] = [];
let tenantId = '';

beforeAll(async () => {
  mongoose.set('strictQuery', true);
  // The driver reports each command only if asked when it connects.
  await mongoose.connect(config.mongoUrl, { autoIndex: false, monitorCommands: true });
  await UserModel.createIndexes();
  mongoose.connection.getClient().on('commandStarted', (event) => {
    const command = event.command as { documents?: unknown[] };
    sent.push({ name: event.commandName, bytes: mongoose.mongo.BSON.calculateObjectSize(command), documents: command.documents?.length ?? 0 });
  });
  const tenant = await createTenant('plus');
  tenantId = String(tenant._id);
  // The office, written by the driver as an import leaves it (search keys left out: nothing here searches).
  const now = new Date();
  for (let start = 0; start < OFFICE; start += 10_000)
    await UserModel.collection.insertMany(
      Array.from({ length: 10_000 }, (_, offset) => {
        const i = start + offset;
        return {
          _id: new Types.ObjectId(),
          tenantId: tenant._id,
          code: i + 1,
          name: `Pessoa ${i + 1}`,
          nameLower: `pessoa ${i + 1}`,
          proposedEmail: longEmail(i),
          migrationId: null,
          invitedAt: null,
          inReview: true,
          role: i === 0 ? 'supervisor' : 'member',
          locale: 'pt-BR',
          status: 'staged',
          statusChangedAt: now,
          createdAt: now,
          updatedAt: now,
        };
      }),
    );
}, 120_000);
afterAll(async () => mongoose.disconnect());

const largest = (commands: Sent[]) => commands.reduce((big, command) => (command.bytes > big.bytes ? command : big), { name: 'none', bytes: 0, documents: 0 });

describe('an import into a large office', () => {
  it('sends no command bounded by the office: under 1 MB each, an insert at most a batch of users', async () => {
    // Every 10th row repeats a waiting user's address: those twins are flagged where they are.
    const rows = Array.from({ length: FILE }, (_, i) => ({
      code: OFFICE + i + 1,
      name: `Nova ${i}`,
      email: i % 10 === 0 ? longEmail(i * 7) : longEmail(OFFICE + i),
    }));
    sent.length = 0;
    const dry = await importUsers(PLATFORM_SCOPE, { tenantId, rows, dryRun: true, actor });
    const real = await importUsers(PLATFORM_SCOPE, { tenantId, rows, dryRun: false, actor });
    const page = await reviewPage(PLATFORM_SCOPE, tenantId, { limit: 500 });
    const toFix = await reviewPage(PLATFORM_SCOPE, tenantId, { problemsOnly: true, limit: 500 });
    // "Update accounts" derives every user's problems again, a batch at a time, then refuses: twins remain.
    const refusal = await startMigration({ temporal: {} as Client, config }, PLATFORM_SCOPE, {
      tenantId,
      actingUserId: page.qualified!.id,
      actor,
      locale: 'en',
    }).catch((error: unknown) => error);

    expect(dry.rows.filter((row) => row.emailProblems.includes('duplicateInTenant'))).toHaveLength(FILE / 10);
    expect(real).toMatchObject({ created: FILE, rejected: 0 });
    expect(real.rows.map((row) => row.emailProblems)).toEqual(dry.rows.map((row) => row.emailProblems));
    expect(page.counts).toEqual({ toMigrate: OFFICE + FILE, inactive: 0, withProblems: (2 * FILE) / 10 });
    expect(toFix.rows).toHaveLength(500);
    expect(toFix.rows.every((row) => row.problems.includes('duplicateInTenant'))).toBe(true);
    expect(refusal).toBeInstanceOf(DomainError);
    expect(refusal).toMatchObject({ code: 'MIGRATION_BLOCKED', message: expect.stringContaining(`${(2 * FILE) / 10} user(s)`) });
    expect((refusal as DomainError).fields).toHaveLength(100);

    const inserts = sent.filter((command) => command.name === 'insert' && command.documents > 0);
    const others = sent.filter((command) => !(command.name === 'insert' && command.documents > 0));
    expect(inserts.reduce((sum, command) => sum + command.documents, 0)).toBeGreaterThanOrEqual(FILE);
    expect(Math.max(...inserts.map((command) => command.documents))).toBeLessThanOrEqual(INSERT_BATCH);
    // The office's addresses alone are 7.5 MB; no command carries more than a batch of them.
    const biggest = largest(others);
    expect(biggest.bytes, `${biggest.name} of ${biggest.bytes} bytes`).toBeLessThan(1 * MB);
    expect(Math.max(...inserts.map((command) => command.bytes))).toBeLessThan(8 * MB);
  }, 300_000);
});
