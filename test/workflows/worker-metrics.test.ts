import { describe, expect, it } from 'vitest';
import { PLATFORM_SCOPE } from '../../domain/tenant-scope.js';
import { freePort } from '../../embedded/child-process.js';
import { startMigration } from '../../use-cases/migrations/start-migration.js';
import { testConfig, useLifecycleServices } from '../harness/context.js';
import { eventually } from '../harness/eventually.js';
import { createStagedUser, createTenant, createUser } from '../harness/fixtures.js';
import { waitForMessages } from '../harness/mailbox-client.js';
import { scrape, sampleValue, type Sample } from '../harness/prometheus.js';
import { spawnWorkerProcess } from '../harness/worker-process.js';

const config = testConfig({ REMINDER_SCHEDULE: 'none', INVITE_TTL: '10m' });
const { temporal, lifecycle } = useLifecycleServices(config);

const total = (samples: Sample[], name: string, labels: Record<string, string>) =>
  samples
    .filter((sample) => sample.name === name && Object.entries(labels).every(([key, value]) => sample.labels[key] === value))
    .reduce((sum, sample) => sum + sample.value, 0);

describe('worker metrics (WORKER_METRICS_PORT)', () => {
  it("serves the Temporal SDK's metrics and the service's counters: e-mails, transitions, migration users", async () => {
    const port = await freePort();
    const worker = spawnWorkerProcess(config, { WORKER_METRICS_PORT: String(port) });
    try {
      const tenant = await createTenant();
      const { subject } = await createUser(tenant);
      // The test mailbox refuses addresses starting with "bounce" for good (550).
      const bounced = await createUser(tenant, { email: `bounce-${subject.userId}@example.test` });
      await Promise.all([lifecycle.start(subject), lifecycle.start(bounced.subject)]);
      await waitForMessages(subject.email, 1, 90_000);

      const { samples } = await eventually(
        async () => {
          const scraped = await scrape(`http://127.0.0.1:${port}/metrics`);
          expect(total(scraped.samples, 'activation_emails_total', { template: 'invitation', outcome: 'sent' })).toBe(1);
          expect(total(scraped.samples, 'activation_emails_total', { template: 'invitation', outcome: 'rejected' })).toBe(1);
          expect(total(scraped.samples, 'activation_lifecycle_transitions_total', { status: 'invited' })).toBe(2);
          return scraped;
        },
        { timeoutMs: 30_000, intervalMs: 250 },
      );
      // The activity's metric meter tags the counter with where it ran (the SDK's own tags, in camelCase).
      const sent = samples.find((sample) => sample.name === 'activation_emails_total' && sample.labels.outcome === 'sent')!;
      expect(sent.labels).toMatchObject({ activityType: 'sendLifecycleEmail', taskQueue: `${config.TEMPORAL_TASK_QUEUE}-email`, namespace: 'default' });
      expect(total(samples, 'activation_emails_total', { outcome: 'retried' })).toBe(0);
      // The SDK's own metrics, counters with `_total` and durations in seconds.
      expect(total(samples, 'temporal_workflow_task_execution_latency_count', {})).toBeGreaterThan(0);
      expect(total(samples, 'temporal_activity_execution_latency_count', { activity_type: 'sendLifecycleEmail' })).toBeGreaterThan(0);
      expect(sampleValue(samples, 'temporal_worker_start_total', { task_queue: config.TEMPORAL_TASK_QUEUE })).toBe(1);
      expect(
        sampleValue(samples, 'temporal_worker_task_slots_available', { worker_type: 'ActivityWorker', task_queue: config.TEMPORAL_TASK_QUEUE }),
      ).toBeGreaterThan(0);

      // A migration counts the users whose lifecycle it started.
      const office = await createTenant('plus');
      const supervisor = await createStagedUser(office, { code: 1, role: 'supervisor' });
      await createStagedUser(office, { code: 2 });
      await startMigration({ temporal: temporal.client, config }, PLATFORM_SCOPE, {
        tenantId: String(office._id),
        actingUserId: String(supervisor._id),
        actor: { type: 'admin', id: 'test-admin', label: 'Test Admin' },
        locale: 'en',
      });
      await eventually(
        async () => {
          const { samples: after } = await scrape(`http://127.0.0.1:${port}/metrics`);
          expect(total(after, 'activation_migration_users_total', { outcome: 'started' })).toBe(2);
          expect(total(after, 'activation_migration_users_total', { outcome: 'failed' })).toBe(0);
        },
        { timeoutMs: 60_000, intervalMs: 250 },
      );
    } finally {
      await worker.stop();
    }
  });
});
