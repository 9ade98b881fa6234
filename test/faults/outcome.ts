import mongoose from 'mongoose';
import { expect } from 'vitest';
import type { MailboxMessage } from '../../dev-tools/mailbox.js';
import type { InvitationTally } from '../harness/migration-run.js';

/** One fault scenario's figures, printed at the end of the suite. */
export interface FaultOutcome {
  scenario: string;
  /** The faults injected, in words ("100 worker SIGKILLs"). */
  faults: string;
  users: number;
  invitationsReceived: number;
  distinctMessageIds: number;
  /** Extra copies of a Message-ID the receiver already had. */
  duplicateDeliveries: number;
  /** Resends the service itself recorded as possibly duplicating (sendingSince found set). */
  inDoubtResends: number;
  /** From the receiver taking a message to the worker recording it sent: the remaining window. */
  windowMs: { median: number; p99: number; max: number };
  seconds: number;
  /** When, from the scenario's start, the migration completed and everything was at rest. */
  timeline?: string;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

/**
 * What the service itself recorded, read straight from MongoDB (the test's own connection): the
 * users of a tenant and its invitation log, to hold against what the SMTP receiver got.
 */
export function serviceRecords(mongoUrl: string) {
  const client = new mongoose.mongo.MongoClient(mongoUrl, { serverSelectionTimeoutMS: 60_000 });
  const db = client.db();
  return {
    async users(tenantId: string) {
      return db
        .collection('users')
        .find({ tenantId: new mongoose.mongo.ObjectId(tenantId) }, { projection: { email: 1 } })
        .toArray();
    },
    async invitations(tenantId: string) {
      return db
        .collection('emails')
        .find(
          { tenantId: new mongoose.mongo.ObjectId(tenantId), template: 'invitation' },
          { projection: { to: 1, status: 1, messageId: 1, sentAt: 1, inDoubtResends: 1 } },
        )
        .toArray();
    },
    close: () => client.close(),
  };
}
export type ServiceRecords = ReturnType<typeof serviceRecords>;

/**
 * The claims after every fault: nobody lost (every user invited), nobody created twice (one user
 * per address, one invitation record each), exactly one distinct invitation Message-ID per user,
 * and every extra copy of a Message-ID accounted for by a resend the service recorded as in doubt
 * (an attempt that handed the message over and never learnt the outcome). Returns the figures.
 */
export async function expectEveryoneInvitedOnce(
  records: ServiceRecords,
  input: { tenantId: string; emails: string[]; received: MailboxMessage[]; tally: InvitationTally },
) {
  const { tally, emails } = input;
  expect(tally.missing, 'users who got no invitation').toEqual([]);
  expect(tally.severalInvitations, 'users with two different invitations').toEqual([]);
  expect(tally.recipients).toBe(emails.length);
  expect(tally.distinctMessageIds).toBe(emails.length);

  const users = await records.users(input.tenantId);
  expect(users).toHaveLength(emails.length);
  expect(new Set(users.map((user) => user.email)).size).toBe(emails.length);

  const log = await records.invitations(input.tenantId);
  expect(log).toHaveLength(emails.length);
  expect(log.filter((record) => record.status !== 'sent')).toEqual([]);
  expect(new Set(log.map((record) => record.messageId))).toEqual(new Set(input.received.map((message) => message.messageId)));
  const inDoubtResends = log.reduce((sum, record) => sum + (record.inDoubtResends ?? 0), 0);
  expect(tally.duplicateDeliveries, 'copies of a Message-ID beyond the resends recorded as in doubt').toBeLessThanOrEqual(inDoubtResends);

  // The recorded attempt delivered the last copy.
  const lastReceived = new Map(input.received.map((message) => [message.messageId, Date.parse(message.receivedAt)]));
  const windows = log
    .map((record) => (record.sentAt as Date).getTime() - (lastReceived.get(record.messageId) ?? Number.NaN))
    .filter((ms) => Number.isFinite(ms))
    .sort((a, b) => a - b);
  return {
    users: emails.length,
    invitationsReceived: tally.received,
    distinctMessageIds: tally.distinctMessageIds,
    duplicateDeliveries: tally.duplicateDeliveries,
    inDoubtResends,
    windowMs: { median: percentile(windows, 50), p99: percentile(windows, 99), max: windows.at(-1) ?? 0 },
  };
}

export function printOutcomes(outcomes: FaultOutcome[]) {
  const lines = outcomes.map(
    (o) =>
      `[faults] ${o.scenario}: ${o.faults}; ${o.users} users, ${o.invitationsReceived} invitations received, ` +
      `${o.distinctMessageIds} distinct Message-IDs, ${o.duplicateDeliveries} duplicate deliveries of a Message-ID ` +
      `(${o.inDoubtResends} in-doubt resends recorded); acceptance-to-record window median ${o.windowMs.median} ms, ` +
      `p99 ${o.windowMs.p99} ms, max ${o.windowMs.max} ms; ${o.seconds.toFixed(1)} s${o.timeline ? ` (${o.timeline})` : ''}`,
  );
  console.log(lines.join('\n'));
}
