import fs from 'node:fs';
import { PLATFORM_SCOPE } from '../../domain/tenant-scope.js';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { historyFromJSON, historyToJSON } from '@temporalio/common/lib/proto-utils.js';
import { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { lifecycleClient, type LifecycleClient } from '../../temporal/lifecycle-client.js';
import { InvitationModel, UserModel } from '../../data/models/index.js';
import { workflowIdForUser } from '../../domain/lifecycle.js';
import { workflowIdForMigration } from '../../domain/migration-messages.js';
import { startMigration } from '../../use-cases/migrations/start-migration.js';
import { connectTestMongo, connectTestTemporal, startTestWorker, testConfig } from '../harness/context.js';
import { eventually } from '../harness/eventually.js';
import { createStagedUser, createTenant, createUser, invitationIdForToken } from '../harness/fixtures.js';
import { messagesTo, registrationLink, waitForMessages } from '../harness/mailbox-client.js';

/**
 * Determinism: every workflow change must replay the histories of earlier versions. The
 * histories recorded here are replayed against the current code, and so are the ones saved in
 * test/fixtures/histories (refresh them with UPDATE_HISTORIES=1 when a change is deliberately
 * incompatible, and put that change behind patched()).
 */
const fixturesDir = fileURLToPath(new URL('../fixtures/histories', import.meta.url));
const config = testConfig();
let temporal: Awaited<ReturnType<typeof connectTestTemporal>>;
let lifecycle: LifecycleClient;
const cleanups: (() => Promise<void>)[] = [];
const recorded: { name: string; json: string; tokens: string[]; tokenHashes: string[] }[] = [];
/** Histories of `accountsMigration` runs: the migration workflow replays too. */
const migrations: { name: string; json: string }[] = [];

async function scenario(name: string, run: (userId: string, email: string) => Promise<void>) {
  const tenant = await createTenant(name.includes('plus') ? 'plus' : 'essential', `Office ${name}`);
  const { subject } = await createUser(tenant, { name: `User ${name}` });
  await lifecycle.start(subject);
  await run(subject.userId, subject.email);
  const history = await temporal.client.workflow.getHandle(workflowIdForUser(subject.userId)).fetchHistory();
  const tokens = (await messagesTo(subject.email)).filter((message) => /\/register\//.test(message.text)).map((message) => registrationLink(message).token);
  const tokenHashes = (await InvitationModel.find({ userId: subject.userId }).lean()).map((invitation) => invitation.tokenHash);
  recorded.push({ name, json: historyToJSON(history), tokens, tokenHashes });
}

const tokenOf = async (email: string, index: number) => registrationLink((await waitForMessages(email, index + 1))[index]!).token;

beforeAll(async () => {
  const mongo = await connectTestMongo(config);
  temporal = await connectTestTemporal(config);
  const worker = await startTestWorker(config);
  lifecycle = lifecycleClient(temporal.client, config);
  cleanups.push(worker.stop, () => temporal.connection.close(), mongo.disconnect);

  await Promise.all([
    scenario('happy-path-plus', async (userId, email) => {
      await lifecycle.register(userId, { invitationId: await invitationIdForToken(await tokenOf(email, 0)) });
      // Plus waits for the link in the main system to be confirmed (here as the office would).
      await eventually(async () => expect((await UserModel.findById(userId).lean())?.status).toBe('linking'));
      await lifecycle.confirmLoginLink(userId);
      await eventually(async () => expect((await UserModel.findById(userId).lean())?.status).toBe('active'));
    }),
    scenario('reminders-then-expiry', async (userId) => {
      await eventually(async () => expect((await lifecycle.state(userId)).status).toBe('expired'), { timeoutMs: 20_000 });
    }),
    scenario('resend-change-email-deactivate-reactivate', async (userId, email) => {
      await tokenOf(email, 0);
      await lifecycle.resend(userId);
      await tokenOf(email, 1);
      await lifecycle.deactivate(userId, 'left');
      await eventually(async () => expect((await lifecycle.state(userId)).status).toBe('inactive'));
      await lifecycle.reactivate(userId);
      await lifecycle.register(userId, { invitationId: await invitationIdForToken(await tokenOf(email, 2)) });
    }),
    scenario('provider-bounce-then-resend', async (userId, email) => {
      // An e-mail provider's late report on the invitation (twice: a provider retrying), then a resend clears it.
      const invitationId = await invitationIdForToken(await tokenOf(email, 0));
      const report = { emailKey: `invitation:${invitationId}`, error: 'mailboxDoesNotExist: smtp; 550 5.1.1 user unknown' };
      await lifecycle.emailFailed(userId, report);
      await lifecycle.emailFailed(userId, report);
      await eventually(async () => expect((await lifecycle.state(userId)).emailFailing).toBe(true));
      await lifecycle.resend(userId);
      await eventually(async () => expect((await lifecycle.state(userId)).invitationsSent).toBe(2));
    }),
  ]);

  // An office of three staged users migrated by its lowest-code supervisor.
  const office = await createTenant('essential', 'Office migration');
  const supervisor = await createStagedUser(office, { code: 1, name: 'Supervisor', role: 'supervisor', proposedEmail: `sup-${office._id}@office.test` });
  for (const code of [2, 3]) await createStagedUser(office, { code, proposedEmail: `m${code}-${office._id}@office.test` });
  const actor = { type: 'admin' as const, id: 'replay-test', label: 'Replay test' };
  const { migrationId } = await startMigration({ temporal: temporal.client, config }, PLATFORM_SCOPE, {
    tenantId: String(office._id),
    actingUserId: String(supervisor._id),
    actor,
    locale: 'en',
  });
  const handle = temporal.client.workflow.getHandle(workflowIdForMigration(migrationId));
  await handle.result();
  migrations.push({ name: 'accounts-migration', json: historyToJSON(await handle.fetchHistory()) });

  // Saved once per scenario (a new scenario gets its first history); UPDATE_HISTORIES=1 replaces them all.
  fs.mkdirSync(fixturesDir, { recursive: true });
  for (const { name, json } of [...recorded, ...migrations]) {
    const file = path.join(fixturesDir, `${name}.json`);
    if (process.env.UPDATE_HISTORIES === '1' || !fs.existsSync(file)) fs.writeFileSync(file, json);
  }
});
afterAll(async () => {
  for (const cleanup of cleanups) await cleanup();
});

const bundle = () => ({ workflowBundle: { codePath: inject('services').workflowBundlePath } });

describe('replay', () => {
  it('replays the histories recorded in this run', async () => {
    expect(recorded).toHaveLength(4);
    expect(migrations).toHaveLength(1);
    for (const { name, json } of [...recorded, ...migrations]) {
      await Worker.runReplayHistory(bundle(), historyFromJSON(JSON.parse(json)), name);
    }
  });

  it('replays every saved history of earlier versions', async () => {
    const files = fs.readdirSync(fixturesDir).filter((file) => file.endsWith('.json'));
    expect(files).toContain('accounts-migration.json');
    expect(files.length).toBeGreaterThanOrEqual(4);
    const histories = files.map((file) => ({ workflowId: file, history: historyFromJSON(JSON.parse(fs.readFileSync(path.join(fixturesDir, file), 'utf8'))) }));
    for await (const result of Worker.runReplayHistories(bundle(), histories)) {
      expect(result.error, `${result.workflowId}: ${result.error?.message}`).toBeUndefined();
    }
  });
});

/** The history as text with every payload decoded: payload data is base64 inside the JSON. */
function readableHistory(json: string) {
  const decoded: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const { metadata, data } = node as { metadata?: unknown; data?: unknown };
      if (metadata && typeof data === 'string') decoded.push(Buffer.from(data, 'base64').toString('utf8'));
      Object.values(node).forEach(walk);
    }
  };
  walk(JSON.parse(json));
  return `${json}\n${decoded.join('\n')}`;
}

describe('no secrets in workflow histories', () => {
  it('holds no invitation token, token hash or token secret', async () => {
    for (const { name, json, tokens, tokenHashes } of recorded) {
      const text = readableHistory(json);
      expect(tokens.length, name).toBeGreaterThan(0);
      // Control: the (non-secret) invitation ids are visible, so the search does reach payloads.
      const invitationId = await invitationIdForToken(tokens[0]!);
      expect(text.includes(invitationId), `${name} shows invitation id`).toBe(true);
      for (const secret of [...tokens, ...tokenHashes, config.TOKEN_SECRET]) {
        expect(text.includes(secret), `${name} contains ${secret.slice(0, 6)}…`).toBe(false);
      }
    }
  });
});
