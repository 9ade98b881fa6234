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
 * client-side routes answered with their entry's HTML (the public pages' for /register/<token> and
 * /sign-in, the console's for the rest), the strict CSP on all of it. On a small built folder.
 */
const config = testConfig();
const env = useTestApi(config);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'admin-dist-'));
const script = `console.log(${JSON.stringify('registration '.repeat(400))});`;
// The public pages' entry: its HTML carries its styles, so it is large enough to be precompressed too.
const publicPage = `<!doctype html><html><head><style>${'main { margin: 0 auto; } '.repeat(60)}</style><script type="module" src="/assets/public-Ef56Gh78.js"></script></head><body><main id="page"></main></body></html>`;
const token = 'AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_abcde';
let base = '';
let close = () => {};

beforeAll(async () => {
  fs.mkdirSync(path.join(dir, 'assets'));
  fs.writeFileSync(
    path.join(dir, 'index.html'),
    `<!doctype html><html><head><script type="module" src="/assets/index-Ab12Cd34.js"></script></head><body></body></html>`,
  );
  fs.writeFileSync(path.join(dir, 'assets/index-Ab12Cd34.js'), script);
  fs.mkdirSync(path.join(dir, 'public-pages'));
  fs.writeFileSync(path.join(dir, 'public-pages/index.html'), publicPage);
  fs.writeFileSync(path.join(dir, 'assets/public-Ef56Gh78.js'), `document.title = 'registration';`);
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
    // A file under 1 KiB is not worth it (the public pages' script here).
    expect(fs.readdirSync(path.join(dir, 'assets')).sort()).toEqual([
      'index-Ab12Cd34.js',
      'index-Ab12Cd34.js.br',
      'index-Ab12Cd34.js.gz',
      'public-Ef56Gh78.js',
    ]);
    expect(fs.statSync(path.join(dir, 'assets/index-Ab12Cd34.js.br')).size).toBeLessThan(script.length / 10);
    expect(fs.readdirSync(path.join(dir, 'public-pages')).sort()).toEqual(['index.html', 'index.html.br', 'index.html.gz']);
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

  it("revalidates the HTML with its ETag, and answers the console's client-side routes with it", async () => {
    const page = await get('/users/64b7f0c2a1b2c3d4e5f60718/show');
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

  it("answers the registration link and the sign-in check with the public pages' own HTML, precompressed and revalidated", async () => {
    for (const pathname of [`/register/${token}`, `/register/${token}/`, '/sign-in', '/sign-in?email=ana%40example.test&locale=pt-BR']) {
      const page = await get(pathname, { 'accept-encoding': 'br' });
      expect([pathname, page.status, page.headers.get('content-encoding'), page.headers.get('cache-control')]).toEqual([pathname, 200, 'br', 'no-cache']);
      expect(page.headers.get('content-type')).toMatch(/^text\/html/);
      expect(await page.text()).toBe(publicPage);
      const policy = page.headers.get('content-security-policy') ?? '';
      // The office's logo is its own https URL; scripts stay this origin's only.
      for (const directive of ["script-src 'self'", "img-src 'self' data: https:", "script-src-attr 'none'"]) expect(policy).toContain(directive);
      expect(policy).not.toMatch(/script-src[^;]*(unsafe|https:)/);
    }
    const etag = (await get('/sign-in')).headers.get('etag');
    const again = await get(`/register/${token}`, { 'if-none-match': etag!, 'cache-control': 'max-age=0' });
    expect(again.status).toBe(304);
    // Only those paths: the console keeps every other one, /register without a token included.
    for (const pathname of ['/register', '/sign-in/more', '/registered', '/login'])
      expect(await (await get(pathname)).text(), pathname).toContain('index-Ab12Cd34.js');
  });
});
