import { Client } from '@temporalio/client';
import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import { createActivities } from '../activities/index.js';
import type { Config } from '../config/env.js';
import type { Tracing } from '../telemetry/tracing.js';
import { lifecycleClient } from '../temporal/lifecycle-client.js';
import { emailTaskQueue, webhookTaskQueue } from '../domain/task-queues.js';
import { startHeartbeat } from './heartbeat.js';
import { createMailer, SMTP_CONNECTIONS } from './mailer.js';

export type WorkflowSource = Pick<WorkerOptions, 'workflowBundle' | 'workflowsPath'>;

export { workflowsPath } from './workflows-path.js';

export interface WorkerSettings {
  config: Pick<
    Config,
    | 'temporalAddress'
    | 'TEMPORAL_NAMESPACE'
    | 'TEMPORAL_TASK_QUEUE'
    | 'smtpUrl'
    | 'smtpRequireTls'
    | 'MAIL_FROM'
    | 'publicUrl'
    | 'signInUrl'
    | 'TOKEN_SECRET'
    | 'EMAIL_RATE_PER_SECOND'
    | 'WORKER_MAX_CACHED_WORKFLOWS'
    | 'lifecycle'
    | 'webhookRetry'
    | 'webhookAllowPrivate'
    | 'WEBHOOK_CONCURRENCY'
  >;
  workflowSource: WorkflowSource;
  connection?: NativeConnection;
  /** Traces workflows, activities and the lifecycles they start (telemetry/tracing.ts); a prebuilt bundle must be the traced one. */
  tracing?: Tracing;
  /**
   * Wraps activities, given the real ones: how a test acts at a precise moment inside one
   * (test/workflows/login-link-race.test.ts confirms a link while it is being requested).
   */
  wrapActivities?: (activities: Activities) => Partial<Activities>;
}

type Activities = ReturnType<typeof createActivities>;

/**
 * Three workers in one process: the lifecycle queue (workflows and database activities), the
 * e-mail queue, which the server rate-limits across all workers with EMAIL_RATE_PER_SECOND, and
 * the webhook attempts' queue, with its own slots (WEBHOOK_CONCURRENCY).
 */
export async function createWorkers({ config, workflowSource, connection, tracing, wrapActivities }: WorkerSettings) {
  const plugins = tracing ? [tracing.plugin] : [];
  const temporal = connection ?? (await NativeConnection.connect({ address: config.temporalAddress }));
  // Migration pages start lifecycles through a client on the worker's own connection, so the
  // server can hand each new lifecycle's first task straight back to this worker (eager start):
  // no trip through the task queue, which is most of what a 50,000-user migration costs the server.
  const client = new Client({ connection: temporal, namespace: config.TEMPORAL_NAMESPACE, plugins });
  const mailer = createMailer(config);
  const real = createActivities({
    mailer,
    mailFrom: config.MAIL_FROM,
    publicUrl: config.publicUrl,
    signInUrl: config.signInUrl,
    tokenSecret: config.TOKEN_SECRET,
    now: () => new Date(),
    lifecycle: lifecycleClient(client, config, { eagerStart: true }),
    webhooks: { temporal: client, taskQueue: config.TEMPORAL_TASK_QUEUE },
    webhookRetry: config.webhookRetry,
    webhookAllowPrivate: config.webhookAllowPrivate,
  });
  const { sendLifecycleEmail, ...lifecycleActivities } = { ...real, ...wrapActivities?.(real) };

  const lifecycle = await Worker.create({
    connection: temporal,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    ...workflowSource,
    activities: lifecycleActivities,
    // Bounds worker memory with 50,000 open lifecycles: evicted ones are replayed when they wake.
    maxCachedWorkflows: config.WORKER_MAX_CACHED_WORKFLOWS,
    plugins,
  });
  const email = await Worker.create({
    connection: temporal,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: emailTaskQueue(config.TEMPORAL_TASK_QUEUE),
    activities: { sendLifecycleEmail },
    // No more sends at once than SMTP connections: a task taken beyond them would only wait for
    // one, and a crash strands every task taken (each retried after its 20 s timeout, and each
    // counted as in doubt once it had reached the mailer).
    maxConcurrentActivityTaskExecutions: SMTP_CONNECTIONS,
    plugins,
    ...(config.EMAIL_RATE_PER_SECOND > 0 ? { maxTaskQueueActivitiesPerSecond: config.EMAIL_RATE_PER_SECOND } : {}),
  });
  // Webhook attempts: their own slots. A receiver that hangs holds one of these for 10 s, never a
  // lifecycle's (invitations, migrations) on the queue above.
  const { deliverWebhook, failWebhookDelivery } = lifecycleActivities;
  const webhooks = await Worker.create({
    connection: temporal,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: webhookTaskQueue(config.TEMPORAL_TASK_QUEUE),
    activities: { deliverWebhook, failWebhookDelivery },
    maxConcurrentActivityTaskExecutions: config.WEBHOOK_CONCURRENCY,
    plugins,
  });
  const all = [lifecycle, email, webhooks];

  return {
    workers: all,
    /** Runs until shutdown() (or SIGINT/SIGTERM, which the SDK runtime turns into a shutdown). */
    async run() {
      const heartbeat = startHeartbeat(config.TEMPORAL_TASK_QUEUE, () => lifecycle.getState() === 'RUNNING');
      try {
        await Promise.all([
          ...all.map((worker) => worker.run()),
          // Announce as soon as polling starts, withdraw as soon as shutdown starts.
          whenState(lifecycle, (state) => state === 'RUNNING').then(heartbeat.beat),
          whenState(lifecycle, (state) => state !== 'RUNNING' && state !== 'INITIALIZED').then(heartbeat.stop),
        ]);
      } finally {
        await heartbeat.stop();
        mailer.close();
        if (!connection) await temporal.close();
      }
    },
    shutdown() {
      for (const worker of all) if (worker.getState() === 'RUNNING') worker.shutdown();
    },
  };
}

/** The SDK has no state-change event; a cheap poll of getState() stands in for one. */
async function whenState(worker: Worker, predicate: (state: ReturnType<Worker['getState']>) => boolean) {
  while (!predicate(worker.getState())) await new Promise((resolve) => setTimeout(resolve, 100));
}
