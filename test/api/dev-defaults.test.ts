import { spawn } from 'node:child_process';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEV_ADMIN, DEV_TOKEN_SECRET } from '../../config/env.js';
import { AdminAccountModel } from '../../data/models/index.js';
import { freePort } from '../../embedded/child-process.js';
import { connectTestMongo, testConfig } from '../harness/context.js';
import { eventually } from '../harness/eventually.js';

/**
 * Issue 13, finding 4: `npm run start:api` — how production runs the API — against a real
 * MongoDB must not fall back to the public dev TOKEN_SECRET nor create the dev admin account,
 * whatever NODE_ENV says (unset means development).
 */
const root = fileURLToPath(new URL('../..', import.meta.url));
const config = testConfig();
let mongo: Awaited<ReturnType<typeof connectTestMongo>>;

beforeAll(async () => {
  mongo = await connectTestMongo(config);
});
afterAll(async () => mongo?.disconnect());

/** `npm run start:api` with exactly this environment (no NODE_ENV unless given: vitest sets one). */
function startApiProcess(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'embedded/start.ts'), '--api-only'], {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      TEMPORAL_ADDRESS: config.temporalAddress,
      MONGO_URL: config.mongoUrl,
      SMTP_URL: config.smtpUrl,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += String(chunk)));
  child.stderr.on('data', (chunk) => (output += String(chunk)));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, exited, output: () => output };
}

describe('a start against a configured MongoDB', () => {
  it.each([
    ['NODE_ENV unset', {}],
    ['NODE_ENV=development', { NODE_ENV: 'development' }],
    ['NODE_ENV=production', { NODE_ENV: 'production', PUBLIC_URL: 'https://accounts.example.org' }],
  ])('without TOKEN_SECRET refuses to run and creates no account (%s)', async (_label, env) => {
    const api = startApiProcess(env);
    const code = await Promise.race([api.exited, sleep(20_000).then(() => 'still running')]);
    if (code === 'still running') {
      api.child.kill('SIGTERM');
      await api.exited;
    }
    expect(code).toBe(1);
    expect(api.output()).toMatch(/TOKEN_SECRET: must be set to a random secret/);
    expect(api.output()).not.toContain(DEV_TOKEN_SECRET);
    expect(await AdminAccountModel.countDocuments()).toBe(0);
  });

  it('with TOKEN_SECRET and NODE_ENV unset runs, without the dev admin account', async () => {
    const port = await freePort();
    const api = startApiProcess({ TOKEN_SECRET: 'a-real-secret-a-real-secret-a-real-secret', PORT: String(port) });
    try {
      await eventually(async () => expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200), { timeoutMs: 60_000, intervalMs: 200 });
      expect(await AdminAccountModel.countDocuments()).toBe(0);
      expect(api.output()).not.toContain(DEV_ADMIN.password);
    } finally {
      api.child.kill('SIGTERM');
      await api.exited;
    }
  });
});
