import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/app.js';
import { precompress } from '../../scripts/precompress.js';
import { useTestApi } from '../harness/api-client.js';
import { testConfig } from '../harness/context.js';

/**
 * How the console's built files are served to a phone: the precompressed copy the browser
 * accepts (brotli, else gzip), hashed assets immutable for a year, the HTML revalidated (ETag, 304),
 * client-side routes answered with the SPA, the strict CSP on all of it. On a small built folder.
 */
const config = testConfig();
const env = useTestApi(config);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'admin-dist-'));
const script = `console.log(${JSON.stringify('registration '.repeat(400))});`;
let base = '';
let close = () => {};

beforeAll(async () => {
  fs.mkdirSync(path.join(dir, 'assets'));
  fs.writeFileSync(
    path.join(dir, 'index.html'),
    `<!doctype html><html><head><script type="module" src="/assets/index-Ab12Cd34.js"></script></head><body></body></html>`,
  );
  fs.writeFileSync(path.join(dir, 'assets/index-Ab12Cd34.js'), script);
  precompress(dir);
  const server = createApp({ config, temporal: env.api.temporal, logger: pino({ level: 'silent' }), adminDir: dir }).listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = () => server.close();
});
afterAll(() => {
  close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const get = (pathname: string, headers: Record<string, string> = {}) => fetch(`${base}${pathname}`, { headers });

describe('the built console', () => {
  it('is precompressed at build: a .br and a .gz beside each compressible file', () => {
    expect(fs.readdirSync(path.join(dir, 'assets')).sort()).toEqual(['index-Ab12Cd34.js', 'index-Ab12Cd34.js.br', 'index-Ab12Cd34.js.gz']);
    expect(fs.statSync(path.join(dir, 'assets/index-Ab12Cd34.js.br')).size).toBeLessThan(script.length / 10);
  });

  it('answers the encoding the browser accepts, the hashed asset immutable', async () => {
    const brotli = await get('/assets/index-Ab12Cd34.js', { 'accept-encoding': 'gzip, deflate, br' });
    expect(brotli.status).toBe(200);
    expect(brotli.headers.get('content-encoding')).toBe('br');
    expect(brotli.headers.get('content-type')).toMatch(/^text\/javascript|^application\/javascript/);
    expect(brotli.headers.get('vary')).toMatch(/Accept-Encoding/i);
    expect(brotli.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(await brotli.text()).toBe(script); // fetch decodes it: the same script
    const gzip = await get('/assets/index-Ab12Cd34.js', { 'accept-encoding': 'gzip' });
    expect(gzip.headers.get('content-encoding')).toBe('gzip');
    expect(Number(gzip.headers.get('content-length'))).toBe(gzipSync(script, { level: 9 }).length);
    const plain = await get('/assets/index-Ab12Cd34.js', { 'accept-encoding': 'identity, br;q=0' });
    expect([plain.headers.get('content-encoding'), Number(plain.headers.get('content-length'))]).toEqual([null, script.length]);
  });

  it('revalidates the HTML with its ETag, and answers client-side routes with it', async () => {
    const page = await get('/register/AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_abcde');
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('no-cache');
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const etag = page.headers.get('etag');
    expect(etag).toBeTruthy();
    // As a browser revalidates (fetch() itself would add "no-cache" to a conditional request).
    const again = await get('/', { 'if-none-match': etag!, 'cache-control': 'max-age=0' });
    expect([again.status, etag, again.headers.get('etag')]).toEqual([304, etag, etag]);
    expect((await get('/RegistrationPage.tsx')).status).toBe(404);
    expect((await get('/%E0%A4%A')).status).toBeLessThan(500);
  });
});
