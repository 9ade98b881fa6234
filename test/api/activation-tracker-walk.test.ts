import { randomUUID } from 'node:crypto';
import mongoose, { Types } from 'mongoose';
import { beforeAll, describe, expect, it } from 'vitest';
import { MigrationModel, UserModel } from '../../data/models/index.js';
import { useTestApi } from '../harness/api-client.js';
import { apiTenant } from '../harness/api-fixtures.js';
import { testConfig } from '../harness/context.js';

/**
 * The tracker while an office is being invited, as its supervisor watches it: thousands invited a
 * moment ago, three long ago. The stuck list reads the three, walked by when each was invited, and
 * not everyone invited: walked by status change it read every invited person to find the few,
 * 700 ms a request at 100,000 (docs/benchmarks.md, "Login migration").
 */
const config = testConfig();
const env = useTestApi(config);
const DAY_MS = 86_400_000;
const JUST_INVITED = 2_000;
let tenantId = '';
let migrationId = '';
let stuck: string[] = [];

beforeAll(async () => {
  tenantId = (await apiTenant(env.admin, '/api/admin/tenants')).id;
  migrationId = randomUUID();
  const tenant = new Types.ObjectId(tenantId);
  const actingUser = new Types.ObjectId();
  await MigrationModel.create({
    _id: migrationId,
    tenantId: tenant,
    actingUserId: actingUser,
    actingUserLabel: 'Sofia',
    requestedBy: 'test',
    status: 'running',
  });
  const now = Date.now();
  const person = (code: number, invitedAt: Date, statusChangedAt: Date) => ({
    _id: new Types.ObjectId(),
    tenantId: tenant,
    migrationId,
    code,
    name: `Pessoa ${code}`,
    nameLower: `pessoa ${code}`,
    email: `pessoa-${code}@${tenantId}.office.test`,
    role: 'member',
    locale: 'pt-BR',
    status: 'invited',
    invitedAt,
    statusChangedAt,
    createdAt: new Date(now - DAY_MS * 30),
    updatedAt: new Date(now),
  });
  // The three stuck: invited 10, 9 and 8 days ago; the second's e-mail was accepted a day after its
  // invitation (a long SMTP outage), so its status changed last of the three: the list goes by invitation.
  const stuckPeople = [
    person(1, new Date(now - 10 * DAY_MS), new Date(now - 10 * DAY_MS)),
    person(2, new Date(now - 9 * DAY_MS), new Date(now - 7 * DAY_MS)),
    person(3, new Date(now - 8 * DAY_MS), new Date(now - 8 * DAY_MS)),
  ];
  const justInvited = Array.from({ length: JUST_INVITED }, (_, i) => person(4 + i, new Date(now - i * 100), new Date(now - i * 100)));
  await UserModel.collection.insertMany([...justInvited, ...stuckPeople]);
  stuck = stuckPeople.map((user) => String(user._id));
});

/** The finds and aggregations on users the tracker's request ran, with what each examined (MongoDB's profiler on this file's database). */
async function trackerReads(query: string) {
  const db = mongoose.connection.db!;
  await db.command({ profile: 2 });
  const since = new Date();
  let answer;
  try {
    answer = await env.admin.get(`/api/admin/tenants/${tenantId}/activation?${query}`);
  } finally {
    await db.command({ profile: 0 });
  }
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  const read = async (op: Record<string, unknown>) =>
    (
      await db
        .collection('system.profile')
        .find({ ns: `${db.databaseName}.users`, ...op, ts: { $gte: since } })
        .toArray()
    ).map((entry) => ({ docsExamined: entry.docsExamined as number, keysExamined: entry.keysExamined as number }));
  return { body: answer.body, finds: await read({ op: 'query' }), aggregations: await read({ op: 'command', 'command.aggregate': 'users' }) };
}

describe('the activation tracker of an office being invited', () => {
  for (const cohort of ['office', 'run'] as const) {
    it(`lists the ${cohort}'s stuck, longest waiting first, reading only them`, async () => {
      const { body, finds, aggregations } = await trackerReads(cohort === 'office' ? 'stuckDays=7' : `stuckDays=7&migrationId=${migrationId}`);
      expect(body.counts).toMatchObject({ invited: JUST_INVITED + 3 });
      expect(body.stuck.total).toBe(3);
      expect(body.stuck.people.map((person: { id: string }) => person.id)).toEqual(stuck);
      // Since the invitation nobody answered, not since the status changed.
      expect(body.stuck.people.map((person: { since: string; invitedAt: string }) => person.since === person.invitedAt)).toEqual([true, true, true]);
      // A walk for each reason someone is stuck for (here one: invited long ago), none for the
      // others; none reads the 2,000 invited a moment ago.
      expect(finds).toHaveLength(1);
      expect(Math.max(...finds.map((find) => Math.max(find.docsExamined, find.keysExamined)))).toBeLessThan(10);
      // Every count in two aggregations, not one query per status and reason (each queued behind a
      // busy worker: 89 ms p95 during a migration): the cohort's keys, covered, and its failing e-mails (none).
      expect(aggregations).toHaveLength(2);
      expect(aggregations.map((aggregation) => aggregation.docsExamined)).toEqual([0, 0]);
      expect(Math.max(...aggregations.map((aggregation) => aggregation.keysExamined))).toBe(JUST_INVITED + 3);
    });
  }
});
