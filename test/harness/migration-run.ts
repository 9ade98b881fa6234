import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { expect } from 'vitest';
import type { MailboxMessage } from '../../dev-tools/mailbox.js';
import type { ApiClient } from './api-client.js';
import { eventually } from './eventually.js';

/**
 * A login migration driven as an integration drives it (`/api/v1`), against a running stack whose
 * SMTP receiver the test reads directly: the production shape's tests and the fault suite.
 */
export interface MigrationRunDeps {
  /** Every message the SMTP receiver took, in order (the mailbox's live array). */
  messages: readonly MailboxMessage[];
  temporal: Client;
}

export async function createTenant(client: ApiClient, plan: string) {
  const answer = await client.post('/api/v1/tenants', { name: `Office ${randomUUID().slice(0, 6)}`, plan });
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return answer.body as { id: string; name: string };
}

export async function lifecycleIds(temporal: Client, query: string) {
  const ids: string[] = [];
  for await (const execution of temporal.workflow.list({ query })) ids.push(execution.workflowId);
  return ids;
}

/** Lifecycles that still have something in flight (an activity or a workflow task) that could send an e-mail. */
export async function busyLifecycles(temporal: Client, ids: string[]) {
  const busy: string[] = [];
  for (let index = 0; index < ids.length; index += 20) {
    const described = await Promise.all(ids.slice(index, index + 20).map((id) => temporal.workflow.getHandle(id).describe()));
    for (const description of described) {
      if ((description.raw.pendingActivities?.length ?? 0) > 0 || description.raw.pendingWorkflowTask) busy.push(description.workflowId);
    }
  }
  return busy;
}

/**
 * Waits until the tenant has exactly `users` lifecycles (one per user) and none has anything left
 * in flight (an activity or a workflow task) that could still send an invitation.
 */
export async function lifecyclesAtRest(temporal: Client, tenantId: string, users: number, timeoutMs: number) {
  const ids = await eventually(
    async () => {
      const found = await lifecycleIds(temporal, `TenantId = "${tenantId}" AND WorkflowType = "userActivation"`);
      expect(found).toHaveLength(users);
      return found;
    },
    { timeoutMs, intervalMs: 1_000 },
  );
  expect(new Set(ids).size).toBe(users);
  let busy = ids;
  await eventually(
    async () => {
      busy = await busyLifecycles(temporal, busy);
      expect(busy).toEqual([]);
    },
    { timeoutMs, intervalMs: 1_000 },
  );
  return ids;
}

/** What the receiver got for one set of recipients: the figures the durability claims are about. */
export interface InvitationTally {
  /** Messages received (copies included). */
  received: number;
  distinctMessageIds: number;
  recipients: number;
  /** Expected recipients who received nothing. */
  missing: string[];
  /** Recipients with more than one distinct invitation (a second, different e-mail). */
  severalInvitations: string[];
  /** Extra copies of a Message-ID already received: the same e-mail delivered again. */
  duplicateDeliveries: number;
}

export function tallyInvitations(received: MailboxMessage[], expectedRecipients: string[]): InvitationTally {
  const messageIdsByRecipient = new Map<string, Set<string>>();
  for (const message of received) {
    for (const to of message.to) messageIdsByRecipient.set(to, (messageIdsByRecipient.get(to) ?? new Set()).add(message.messageId));
  }
  const distinct = new Set(received.map((message) => message.messageId)).size;
  return {
    received: received.length,
    distinctMessageIds: distinct,
    recipients: messageIdsByRecipient.size,
    missing: expectedRecipients.filter((address) => !messageIdsByRecipient.has(address)),
    severalInvitations: [...messageIdsByRecipient].filter(([, ids]) => ids.size > 1).map(([address]) => address),
    duplicateDeliveries: received.length - distinct,
  };
}

/**
 * Imports `users` staged users into a new tenant (the first two supervisors, code 1 the qualified
 * one; half pt-BR, half English, so both templates go out), ready for start().
 */
export async function importMigration(client: ApiClient, users: number, deps: MigrationRunDeps) {
  const tenant = await createTenant(client, 'essential');
  const domain = `m${randomUUID().slice(0, 6)}.office.test`;
  const rows = Array.from({ length: users }, (_, index) => ({
    code: index + 1,
    name: `Person ${index + 1}`,
    legacyUsername: `person${index + 1}`,
    email: `person-${index + 1}@${domain}`,
    role: index < 2 ? 'supervisor' : 'member',
    locale: index % 2 === 0 ? 'pt-BR' : 'en',
  }));
  const imported = await client.post(`/api/v1/tenants/${tenant.id}/users/import`, rows);
  expect(imported.status, JSON.stringify(imported.body).slice(0, 500)).toBe(200);
  expect(imported.body).toMatchObject({ created: users, rejected: 0 });
  const idByCode = new Map((imported.body.rows as { code: number; id: string }[]).map((row) => [row.code, row.id]));

  const subjects = new Set([`Activate your ${tenant.name} account`, `Ative sua conta ${tenant.name}`]);
  const invitations = () => deps.messages.filter((message) => subjects.has(message.subject) && message.to.some((to) => to.endsWith(`@${domain}`)));
  let migrationId: string | undefined;

  return {
    tenant,
    domain,
    rows,
    idByCode,
    startPath: `/api/v1/tenants/${tenant.id}/migrations`,
    get migrationId() {
      if (!migrationId) throw new Error('the migration was not started');
      return migrationId;
    },
    /** "Update accounts" on behalf of the qualified user (the lowest-code supervisor). */
    async start(starter: ApiClient = client) {
      const started = await starter.post(this.startPath, { actingUserId: idByCode.get(1) });
      expect(started.status, JSON.stringify(started.body)).toBe(202);
      migrationId = started.body.migrationId as string;
      return migrationId;
    },
    invitations,
    distinctInvitations: () => new Set(invitations().map((message) => message.messageId)).size,

    /** Waits for the progress every user invited and returns it. */
    async completed(reader: ApiClient, timeoutMs: number) {
      return eventually(
        async () => {
          const answer = await reader.get(`/api/v1/migrations/${this.migrationId}`);
          expect(answer.body).toMatchObject({ status: 'completed', total: users, started: users, failed: 0, invited: users });
          return answer.body;
        },
        { timeoutMs, intervalMs: 1_000 },
      );
    },

    /** Waits for every user's one lifecycle to have nothing in flight: only then are the counts final. */
    quiet: (timeoutMs: number) => lifecyclesAtRest(deps.temporal, tenant.id, users, timeoutMs),

    tally: () =>
      tallyInvitations(
        invitations(),
        rows.map((row) => row.email),
      ),
  };
}

export type MigrationRun = Awaited<ReturnType<typeof importMigration>>;
