/**
 * A customer base at full size for the benchmarks that read it (bench:admin, bench:api): 20 offices
 * of uneven size, N people imported through the real HTTP import route, and a share of them moved
 * on through the lifecycle directly in MongoDB, as a migration would leave them
 * (test/harness/bench-data.ts). Also the admin session and the list URLs the console's stock
 * ra-data-simple-rest client writes.
 */
import { performance } from 'node:perf_hooks';
import { moveOnAsMigrated, usersPerStatus } from '../test/harness/bench-data.js';
import { officeNames, person } from './people.js';

/** The import route's limit on rows per request. */
export const IMPORT_CHUNK = 10_000;

/** First names, surnames, without accents, several words, an e-mail start, one letter. */
export const searchTermList = ['ana', 'MAR', 'joão', 'joao', 'costa', 'conceicao', 'JOÃO S', 'silva c', 'fernanda', 'luis.s', 'gabriela sa', 'z'];

/** A list as the console asks for it: JSON sort/range/filter. */
export const consoleList = (resource: string, sort: [string, 'ASC' | 'DESC'], range: [number, number], filter: Record<string, unknown> = {}) =>
  `/api/admin/${resource}?${new URLSearchParams({ filter: JSON.stringify(filter), range: JSON.stringify(range), sort: JSON.stringify(sort) })}`;

/** Signs in as the console does; the session cookie goes with every admin request. */
export async function signInAdmin(base: string, credentials: { email: string; password: string }) {
  const login = await fetch(`${base}/api/admin/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(credentials),
  });
  if (!login.ok) throw new Error(`sign-in failed: ${login.status} ${await login.text()}`);
  const cookie = login.headers
    .getSetCookie()
    .map((value) => value.split(';')[0])
    .join('; ');
  const adminJson = async <T = { id: string }>(method: string, url: string, body?: unknown) => {
    const response = await fetch(`${base}${url}`, {
      method,
      headers: { Cookie: cookie, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${await response.text()}`);
    return response.json() as Promise<T>;
  };
  return { cookie, adminJson };
}

export async function seedCustomerBase(options: {
  base: string;
  adminJson: Awaited<ReturnType<typeof signInAdmin>>['adminJson'];
  apiKey: string;
  users: number;
}) {
  const { base, adminJson, apiKey, users } = options;
  // 20 offices of uneven size (the largest about 20 times the smallest), as customer bases are.
  const tenantIds: string[] = [];
  for (const [index, name] of officeNames.entries())
    tenantIds.push((await adminJson('POST', '/api/admin/tenants', { name, plan: (['essential', 'plus', 'premium'] as const)[index % 3] })).id);
  const weights = officeNames.map((_, index) => 1 / (index + 1));
  const sizes = weights.map((weight) => Math.floor((users * weight) / weights.reduce((sum, each) => sum + each, 0)));
  sizes[0]! += users - sizes.reduce((sum, size) => sum + size, 0);

  // 1. Import through the integration API, one office at a time, in chunks the route accepts.
  let importRequests = 0;
  let personIndex = 0;
  const importStart = performance.now();
  for (const [tenantIndex, size] of sizes.entries()) {
    for (let start = 0; start < size; start += IMPORT_CHUNK) {
      const rows = Array.from({ length: Math.min(IMPORT_CHUNK, size - start) }, (_, offset) => {
        const { name, email, role } = person(personIndex++);
        return { code: start + offset + 1, name, email, role, legacyUsername: `u${start + offset + 1}` };
      });
      const response = await fetch(`${base}/api/v1/tenants/${tenantIds[tenantIndex]}/users/import`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${apiKey}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(rows),
      });
      const result = (await response.json()) as { created?: number };
      if (!response.ok || result.created !== rows.length)
        throw new Error(`import into office ${tenantIndex}: ${response.status} ${JSON.stringify(result).slice(0, 300)}`);
      importRequests += 1;
    }
  }
  const importSeconds = (performance.now() - importStart) / 1000;

  // 2. Statuses as a migration would leave them: most past "staged", with their login e-mail.
  const advanceStart = performance.now();
  const advanced = await moveOnAsMigrated(tenantIds, sizes);
  const advanceSeconds = (performance.now() - advanceStart) / 1000;
  const counts = await usersPerStatus();
  return { tenantIds, sizes, importSeconds, importRequests, advanced, advanceSeconds, counts };
}
