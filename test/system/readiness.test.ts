import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { startApi } from '../../api/server.js';
import { freePort, type ManagedChild } from '../../embedded/child-process.js';
import { startMongod } from '../../embedded/mongod.js';
import { startTemporalDevServer } from '../../embedded/temporal-dev-server.js';
import { embeddedMongoUrl } from '../../config/env.js';
import { startTestWorker, testConfig } from '../harness/context.js';
import { eventually } from '../harness/eventually.js';
import { toolPaths } from '../harness/tools.js';

/**
 * /readyz against dependencies this file owns, so it can stop and start them without
 * disturbing the other test files.
 */
let temporal: ManagedChild;
let mongod: ManagedChild;
let temporalPort: number;
let mongoPort: number;
let api: Awaited<ReturnType<typeof startApi>>;
let config: ReturnType<typeof testConfig>;
const mongoDir = path.join(inject('services').scratchDir, `readiness-${process.pid}`);

const startTemporal = () => startTemporalDevServer({ cliPath: toolPaths.temporal, port: temporalPort, output: 'quiet' });
const startMongo = () => startMongod({ binaryPath: toolPaths.mongod, port: mongoPort, dataDir: mongoDir, output: 'quiet' });

async function readyz() {
  const response = await fetch(`${api.url}/readyz`);
  const body = (await response.json()) as { status: string; checks: Record<'mongo' | 'temporal' | 'worker', { ok: boolean; detail: string }> };
  return { ...body, status: response.status };
}

beforeAll(async () => {
  [temporalPort, mongoPort] = await Promise.all([freePort(), freePort()]);
  [temporal, mongod] = await Promise.all([startTemporal(), startMongo()]);
  config = testConfig({ TEMPORAL_ADDRESS: `127.0.0.1:${temporalPort}`, MONGO_URL: embeddedMongoUrl(mongoPort, 'readiness'), WORKER_HEARTBEAT_TIMEOUT: '20s' });
  api = await startApi(config, { port: 0 });
});

afterAll(async () => {
  await api?.stop();
  await Promise.all([temporal?.stop(), mongod?.stop()]);
});

describe('GET /readyz', () => {
  it('/healthz answers while the process lives', async () => {
    const response = await fetch(`${api.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('turns each check red and green as its dependency stops and starts', async () => {
    // No worker yet: e-mails would not go out.
    let ready = await readyz();
    expect(ready.status).toBe(503);
    expect(ready.checks.worker).toMatchObject({ ok: false, detail: expect.stringContaining('start the worker') });
    expect(ready.checks.mongo.ok).toBe(true);
    expect(ready.checks.temporal.ok).toBe(true);

    let worker = await startTestWorker(config);
    ready = await eventually(async () => {
      const result = await readyz();
      expect(result.status).toBe(200);
      return result;
    });
    expect(ready.checks.worker.detail).toContain('1 worker(s)');

    await worker.stop();
    await eventually(async () => expect((await readyz()).checks.worker.ok).toBe(false));

    worker = await startTestWorker(config);
    await eventually(async () => expect((await readyz()).status).toBe(200));

    await mongod.stop();
    ready = await eventually(async () => {
      const result = await readyz();
      expect(result.checks.mongo.ok).toBe(false);
      return result;
    });
    expect(ready.status).toBe(503);
    // Anyone can read /readyz: it names the failed dependency, not the driver's error (hosts, ports, members).
    expect(ready.checks.mongo.detail).toBe('unreachable');
    mongod = await startMongo();
    await eventually(async () => expect((await readyz()).status).toBe(200), { timeoutMs: 60_000 });

    await worker.stop();
    await temporal.stop();
    ready = await eventually(async () => {
      const result = await readyz();
      expect(result.checks.temporal.ok).toBe(false);
      return result;
    });
    expect(ready.status).toBe(503);
    expect(ready.checks.temporal.detail).toBe('unreachable');
    temporal = await startTemporal();
    await eventually(async () => expect((await readyz()).checks.temporal.ok).toBe(true), { timeoutMs: 60_000 });
  });
});
