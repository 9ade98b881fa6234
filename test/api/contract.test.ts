import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiTenant, freshEmail } from '../harness/api-fixtures.js';
import { type ApiClient, useTestApi } from '../harness/api-client.js';
import { testConfig, useTestWorker } from '../harness/context.js';
import { toolPaths } from '../harness/tools.js';

/**
 * The API's contract proven black-box: schemathesis 4.32.5 (installed by `scripts/tools.sh
 * --with-browser` in .tools/schemathesis) runs every operation of the served OpenAPI document
 * through all of its checks and phases (examples, coverage, fuzzing, stateful), authenticated as
 * an integration (API key), as a platform admin (session cookie) and as an identity provider (a
 * tenant's SCIM token), against the API and a worker on the real services. It reports 0 failures.
 */

// The per-IP limits would answer most of the run's sign-ins and public calls with 429 (documented, but
// then nothing behind them is tested); the lockouts after failed sign-ins stay as configured.
const config = testConfig({ PUBLIC_RATE_LIMIT: '100000', TOKEN_RATE_LIMIT: '100000', LOGIN_RATE_LIMIT: '100000' });
const env = useTestApi(config);
useTestWorker(config);
let scratch: string;

// The run registers webhook endpoints at whatever URLs it makes up (https://0.com, …); the worker
// runs in this process, so its deliveries go through this fetch, which reaches the loopback only.
const realFetch = globalThis.fetch;
const loopbackFetch: typeof fetch = async (input, init) => {
  const { hostname } = new URL(input instanceof Request ? input.url : String(input));
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(hostname)) throw new TypeError('fetch failed', { cause: { code: 'ENOTFOUND' } });
  return realFetch(input, init);
};

beforeAll(async () => {
  globalThis.fetch = loopbackFetch;
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'contract-'));
});
afterAll(async () => {
  if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
  globalThis.fetch = realFetch;
});

async function created(client: ApiClient, route: string, body: unknown) {
  const answer = await client.post(route, body);
  if (answer.status !== 201) throw new Error(`${route}: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body as { id: string; token?: string };
}

/**
 * What the run authenticates with, and the records its account changes aim at. Changing, disabling
 * or resetting the password of the signed-in admin, or revoking the run's own key or SCIM token,
 * would leave the rest of the run with 401s (documented, but then nothing behind them is tested),
 * so those operations target accounts made for them. The SCIM tenant has a user, so it is not deleted.
 */
async function credentials() {
  const key = (await env.admin.post('/api/admin/api-keys', { name: 'contract run' })).body as { key: string };
  const spareKey = await created(env.admin, '/api/admin/api-keys', { name: 'contract spare' });
  const tenant = await apiTenant(env.admin, '/api/admin/tenants');
  await created(env.admin, '/api/admin/users', { tenantId: tenant.id, name: 'Scim Keeper', email: freshEmail('keeper'), sendInvitation: false });
  const scim = await created(env.admin, `/api/admin/tenants/${tenant.id}/scim-tokens`, { name: 'contract run' });
  const spareScim = await created(env.admin, `/api/admin/tenants/${tenant.id}/scim-tokens`, { name: 'contract spare' });
  const spareAdmin = await created(env.admin, '/api/admin/admins', {
    email: freshEmail('spare-admin'),
    name: 'Spare',
    role: 'admin',
    password: 'spare password 1',
  });
  return {
    ST_API_KEY: key.key,
    ST_ADMIN_SESSION: /admin_session=([^;]+)/.exec(env.adminCookie)![1]!,
    ST_SCIM_TOKEN: scim.token!,
    ST_SPARE_ADMIN: spareAdmin.id,
    ST_SPARE_KEY: spareKey.id,
    ST_SPARE_SCIM: spareScim.id,
  };
}

/** Every status a schema-valid request may get besides success: the state it meets, not its shape, decides these. */
const acceptedStatuses = ['2xx', '3xx', '401', '403', '404', '409', '410', '422', '429', '5xx'];
const quoted = (statuses: string[]) => statuses.map((status) => `"${status}"`).join(', ');

/**
 * The run's configuration (schemathesis.toml, 4.x). Secrets come from the environment (`${…}`),
 * never the command line. A fixed seed, no example database and no cache keep runs alike.
 */
const configuration = `
seed = 20261123
# One worker: with two, hypothesis describes lambdas with ast.parse in both threads at once, and
# CPython's AST recursion counter is shared by the threads, so a run here (python3 3.11.7) once ended
# with "SystemError: AST constructor recursion depth mismatch" on 2 operations (see python/cpython#106905).
workers = 1
continue-on-failure = true
request-timeout = 60
[cache]
enabled = false
[generation]
max-examples = 5
database = "none"

[auth.openapi.apiKey]
bearer = "\${ST_API_KEY}"
[auth.openapi.adminSession]
api_key = "\${ST_ADMIN_SESSION}"
[auth.openapi.scimToken]
bearer = "\${ST_SCIM_TOKEN}"

# Schema-valid requests may still meet state: 410 (a used or expired invitation) and 422 (a tenantId
# naming no tenant, an Idempotency-Key reused for another body, a migration blocked by its e-mails).
[checks.positive_data_acceptance]
expected-statuses = [${quoted(acceptedStatuses)}]
# Invalid requests may also be refused as too large: 413 (a body, a batch, an import) and 431 (the URL).
[checks.negative_data_rejection]
expected-statuses = ["400", "401", "403", "404", "405", "406", "409", "413", "415", "422", "428", "429", "431", "5xx"]

# Path values of the coverage phase come from the schema only: schemathesis otherwise fills a
# delivery id (msg_…) with another resource's ObjectId and counts the 400 as a valid request refused.
[phases.coverage.extra-data-sources]
responses = false
# Stateful links copy values between operations as they are, a null tenantId becoming "None" in a
# path: such a request is not schema-valid, so its refusal is no finding.
[phases.stateful.checks.positive_data_acceptance]
enabled = false

[[operations]]
include-name = ["PUT /api/admin/admins/{id}", "DELETE /api/admin/admins/{id}", "POST /api/admin/admins/{id}/password"]
parameters = { "path.id" = "\${ST_SPARE_ADMIN}" }
[[operations]]
include-name = "POST /api/admin/api-keys/{id}/revoke"
parameters = { "path.id" = "\${ST_SPARE_KEY}" }
[[operations]]
include-name = "POST /api/admin/scim-tokens/{id}/revoke"
parameters = { "path.id" = "\${ST_SPARE_SCIM}" }

# JSON Schema cannot say that passwordConfirmation equals password: a schema-valid pair that differs is 400;
# nor that a sync cursor is one the list gave out, for the same filters; nor that an API key's expiresAt is in the future.
[[operations]]
include-name = ["POST /api/admin/admins/{id}/password", "POST /api/public/invitations/{token}/accept", "GET /api/v1/users", "POST /api/admin/api-keys"]
checks.positive_data_acceptance.expected-statuses = [${quoted([...acceptedStatuses, '400'])}]
# The users list's cursor (after) is opaque: only the API writes one, so a string it did not write,
# however schema-valid, is 400 INVALID_CURSOR (users-list-paging.test.ts proves the written ones work).
[[operations]]
include-name = "GET /api/admin/users"
checks.positive_data_acceptance.expected-statuses = [${quoted([...acceptedStatuses, '400'])}]
# SCIM's contract is RFC 7643/7644, which answers 400 (invalidFilter, invalidValue, invalidPath, noTarget)
# to JSON-valid requests whose filter grammar or attribute rules are wrong; scim-conformance.test.ts proves it.
[[operations]]
include-path-regex = "^/scim/"
checks.positive_data_acceptance.expected-statuses = [${quoted([...acceptedStatuses, '400'])}]
`;

/** Every check schemathesis 4.32 has; none is left out of the run (its default is all of them). */
const allChecks = [
  'not_a_server_error',
  'status_code_conformance',
  'content_type_conformance',
  'response_headers_conformance',
  'response_schema_conformance',
  'negative_data_rejection',
  'positive_data_acceptance',
  'missing_required_header',
  'unsupported_method',
  'allow_header_conformance',
  'use_after_free',
  'ensure_resource_availability',
  'ignored_auth',
  'object_level_authorization',
];

/** The checks the run evaluated, from its NDJSON event log: how many times each. */
function checksRun(reportFile: string) {
  const counts = new Map<string, number>();
  for (const line of fs.readFileSync(reportFile, 'utf8').split('\n')) {
    const finished = line
      ? (JSON.parse(line) as { ScenarioFinished?: { recorder: { checks?: Record<string, { name: string }[]> } } }).ScenarioFinished
      : undefined;
    for (const checks of Object.values(finished?.recorder.checks ?? {})) for (const { name } of checks) counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  return counts;
}

function runSchemathesis(documentUrl: string, secrets: Record<string, string>, reportFile: string) {
  const configFile = path.join(scratch, 'schemathesis.toml');
  fs.writeFileSync(configFile, configuration);
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(
      toolPaths.schemathesis,
      ['--config-file', configFile, 'run', documentUrl, '--no-color', '--report', 'ndjson', '--report-ndjson-path', reportFile],
      { cwd: scratch, env: { ...process.env, ...secrets }, timeout: 540_000, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe('API contract (schemathesis)', () => {
  it('holds for every operation: all checks, 0 failures', { timeout: 600_000 }, async () => {
    expect(fs.existsSync(toolPaths.schemathesis), `${toolPaths.schemathesis} is missing: run npm run tools -- --with-browser`).toBe(true);
    const reportFile = path.join(scratch, 'events.ndjson');
    const { code, stdout, stderr } = await runSchemathesis(`${env.url}/api/openapi.json`, await credentials(), reportFile);
    const output = `${stdout}\n${stderr}`;
    // The findings with schemathesis's reproductions, when there are any.
    expect(code, output).toBe(0);
    const tested = Number(/Tested: (\d+)/.exec(stdout)?.[1] ?? 0);
    const [, generated = '0', passed = '-1'] = /(\d+) generated, (\d+) passed/.exec(stdout) ?? [];
    // It really ran: every documented operation (but the document itself, which schemathesis leaves out), thousands of cases, each phase.
    const documented = Object.values((await env.anonymous.get('/api/openapi.json')).body.paths as Record<string, object>).flatMap(Object.keys).length;
    expect(tested, output).toBe(documented - 1);
    expect(Number(generated), output).toBeGreaterThan(2_000);
    expect(passed, output).toBe(generated);
    for (const phase of ['Examples', 'Coverage', 'Fuzzing', 'Stateful']) expect(stdout, output).toMatch(new RegExp(`✅ +${phase} \\(in`));
    const checks = checksRun(reportFile);
    expect([...checks.keys()].sort()).toEqual([...allChecks].sort());
  });
});
