import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redactUrl } from '../../api/http/log-redaction.js';
import { workflowIdForUser } from '../../domain/lifecycle.js';
import { startTracing, type Tracing } from '../../telemetry/tracing.js';
import { startTestApi } from '../harness/api-client.js';
import { apiTenant } from '../harness/api-fixtures.js';
import { testConfig } from '../harness/context.js';
import { eventually } from '../harness/eventually.js';
import { createTenant } from '../harness/fixtures.js';
import { registrationLink, waitForMessages } from '../harness/mailbox-client.js';
import { startOtlpReceiver, type ReceivedSpan } from '../harness/otlp-receiver.js';
import { spawnWorkerProcess } from '../harness/worker-process.js';

// Spans are exported in batches every 5 s by default; OpenTelemetry's own variable shortens that.
const BATCH_DELAY = { OTEL_BSP_SCHEDULE_DELAY: '100' };
let receiver: Awaited<ReturnType<typeof startOtlpReceiver>>;
let tracing: Tracing | undefined;
let env: Awaited<ReturnType<typeof startTestApi>>;
let worker: ReturnType<typeof spawnWorkerProcess>;

beforeAll(async () => {
  receiver = await startOtlpReceiver();
  Object.assign(process.env, BATCH_DELAY);
  const config = testConfig({ REMINDER_SCHEDULE: 'none', INVITE_TTL: '10m', OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url });
  // As api/main.ts does: this process is the API; the worker is its own process, traced too.
  tracing = await startTracing(config, { role: 'api', redactUrl });
  env = await startTestApi(config, { tracing });
  worker = spawnWorkerProcess(config, { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, ...BATCH_DELAY });
});
afterAll(async () => {
  await worker?.stop();
  await env?.api.stop();
  await tracing?.shutdown();
  await receiver?.close();
});

const one = (spans: ReceivedSpan[], service: string, name: string) => {
  const found = spans.filter((span) => span.service === service && span.name === name);
  expect(found.map((span) => `${span.service} ${span.name}`)).toEqual([`${service} ${name}`]);
  return found[0]!;
};
const inTraceOf = (span: ReceivedSpan) => receiver.spans.filter((other) => other.traceId === span.traceId);
const arrived = <T>(check: () => T) => eventually(check, { timeoutMs: 30_000, intervalMs: 200 });

describe('tracing (OTEL_EXPORTER_OTLP_ENDPOINT)', () => {
  it('follows one request from the API through the Temporal client into the workflow and its activities, in one trace', async () => {
    const tenantId = String((await createTenant())._id);
    const email = `traced-${randomUUID().slice(0, 8)}@example.test`;
    const created = await env.integration.post('/api/v1/onboardings', { tenantId, name: 'Traced User', email, locale: 'en' });
    expect(created.status).toBe(201);
    const [invitation] = await waitForMessages(email, 1, 90_000);
    // The registration page's call carries the invitation token in its URL: the trace must not.
    const { token } = registrationLink(invitation!);
    expect((await env.anonymous.get(`/api/public/invitations/${token}`)).status).toBe(200);

    // The HTTP server span, named after the route pattern, then the spans of that trace as they arrive.
    const request = await arrived(() => one(receiver.spans, 'activation-api', 'POST /api/v1/onboardings'));
    expect(request.attributes).toMatchObject({ 'http.route': '/api/v1/onboardings', 'http.method': 'POST', 'http.status_code': 201 });
    const startWorkflow = one(inTraceOf(request), 'activation-api', 'StartWorkflow:userActivation');
    const [startEmail, runEmail] = await arrived(() => [
      one(inTraceOf(request), 'activation-worker', 'StartActivity:sendLifecycleEmail'),
      one(inTraceOf(request), 'activation-worker', 'RunActivity:sendLifecycleEmail'),
    ]);
    expect(startWorkflow.parentSpanId).toBe(request.spanId);
    expect(runEmail.parentSpanId).toBe(startEmail.spanId);

    // The lifecycle's RunWorkflow span lasts as long as its run (months, for an entity workflow)
    // and is exported when the run ends: end it here, and it joins the same trace.
    await env.api.temporal.workflow.getHandle(workflowIdForUser(created.body.id)).cancel();
    const runWorkflow = await arrived(() => one(inTraceOf(request), 'activation-worker', 'RunWorkflow:userActivation'));
    expect(runWorkflow.parentSpanId).toBe(startWorkflow.spanId);
    expect(startEmail.parentSpanId).toBe(runWorkflow.spanId);
    // No secret rides along: the invitation token, the API key and the e-mail address are nowhere in a span.
    const registration = await arrived(() => one(receiver.spans, 'activation-api', 'GET /api/public/invitations/:token'));
    expect(registration.attributes['http.target']).toBe('/api/public/invitations/[token]');
    const exported = JSON.stringify(receiver.spans);
    expect(exported).not.toContain(token);
    expect(exported).not.toContain(env.apiKey);
    expect(exported).not.toContain(email);
  });

  it('follows a migration from the API request into its workflow, its page activity and the lifecycles that activity starts', async () => {
    const tenant = await apiTenant(env.integration, '/api/v1/tenants');
    const domain = `${randomUUID().slice(0, 6)}.office.test`;
    const imported = await env.integration.post(`/api/v1/tenants/${tenant.id}/users/import`, [
      { code: 1, name: 'Ana Chefe', email: `ana@${domain}`, role: 'supervisor' },
      { code: 2, name: 'Bruno', email: `bruno@${domain}`, role: 'member' },
    ]);
    const started = await env.integration.post(`/api/v1/tenants/${tenant.id}/migrations`, { actingUserId: imported.body.rows[0].id });
    expect(started.status).toBe(202);
    await Promise.all([waitForMessages(`ana@${domain}`, 1, 90_000), waitForMessages(`bruno@${domain}`, 1, 90_000)]);

    const request = await arrived(() => one(receiver.spans, 'activation-api', 'POST /api/v1/tenants/:tenantId/migrations'));
    const startMigration = one(inTraceOf(request), 'activation-api', 'StartWorkflow:accountsMigration');
    // The migration's run ends once every page is started: its span is exported then.
    const runMigration = await arrived(() => one(inTraceOf(request), 'activation-worker', 'RunWorkflow:accountsMigration'));
    const runPage = one(inTraceOf(request), 'activation-worker', 'RunActivity:startMigrationPage');
    expect(startMigration.parentSpanId).toBe(request.spanId);
    expect(runMigration.parentSpanId).toBe(startMigration.spanId);
    // The page's client carries the trace into both lifecycles, and on into their invitations.
    const startLifecycles = await arrived(() => {
      const spans = inTraceOf(request).filter((span) => span.name === 'StartWorkflow:userActivation');
      expect(spans).toHaveLength(2);
      return spans;
    });
    for (const span of startLifecycles) expect(span.parentSpanId).toBe(runPage.spanId);
    await arrived(() => expect(inTraceOf(request).filter((span) => span.name === 'RunActivity:sendLifecycleEmail')).toHaveLength(2));
  });
});
