import { execFile } from 'node:child_process';
import { PLATFORM_SCOPE } from '../../domain/tenant-scope.js';
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createScimToken } from '../../use-cases/scim-tokens/create-scim-token.js';
import { apiTenant } from '../harness/api-fixtures.js';
import { useTestApi } from '../harness/api-client.js';
import { testConfig, useTestWorker } from '../harness/context.js';
import { toolPaths } from '../harness/tools.js';

/**
 * The SCIM endpoint checked black-box by an external suite: `scim2 test` (scim2-cli 0.6.0 with
 * scim2-tester 0.5.2, installed by `scripts/tools.sh --with-browser`) against the running API and
 * a worker, as an identity provider would call it. It discovers the schemas, then creates, reads,
 * lists, searches, replaces, patches (add, replace, remove of every attribute) and deletes users.
 */

const config = testConfig();
const env = useTestApi(config);
useTestWorker(config);

/** Runs the suite; the token travels in SCIM_CLI_HEADERS, not in the arguments other users of the machine can read. */
function runSuite(baseUrl: string, token: string) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(
      toolPaths.scim2,
      ['-u', baseUrl, 'test', '--verbose'],
      { env: { ...process.env, SCIM_CLI_HEADERS: `Authorization: Bearer ${token}`, NO_COLOR: '1' }, timeout: 240_000, maxBuffer: 32 * 1024 * 1024 },
      (error, stdout, stderr) => resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

const statuses = ['SUCCESS', 'COMPLIANT', 'ACCEPTABLE', 'DEVIATION', 'ERROR', 'CRITICAL', 'SKIPPED'] as const;

/** One line per check: "<STATUS> <check name>", then indented reason and data lines. */
function checks(stdout: string) {
  const text = stdout.replace(/\x1b\[[0-9;]*m/g, ''); // eslint-disable-line no-control-regex -- ANSI colours, if any
  return text
    .split('\n')
    .map((line) => /^([A-Z]+) (\S+)/.exec(line))
    .filter((match): match is RegExpExecArray => match !== null && (statuses as readonly string[]).includes(match[1]!))
    .map((match) => ({ status: match[1]!, check: match[2]! }));
}

describe('SCIM conformance (scim2-tester)', () => {
  it('reports no failure', { timeout: 300_000 }, async () => {
    expect(fs.existsSync(toolPaths.scim2), `${toolPaths.scim2} is missing: run npm run tools -- --with-browser`).toBe(true);
    const tenant = await apiTenant(env.integration, '/api/v1/tenants');
    const { token } = await createScimToken(PLATFORM_SCOPE, tenant.id, 'conformance');

    const { code, stdout, stderr } = await runSuite(`${env.url}/scim/v2`, token);
    const results = checks(stdout);
    const failures = results.filter((result) => result.status !== 'SUCCESS');
    // The failures with the suite's reasons, when there are any.
    expect(failures, `${stdout}\n${stderr}`).toEqual([]);
    // The suite really ran: discovery, then create/read/list/search/replace/delete and PATCH of each attribute.
    expect(results.length).toBeGreaterThanOrEqual(40);
    for (const check of [
      'object_creation',
      'object_query',
      'object_query_without_id',
      'object_replacement',
      'object_deletion',
      'check_add_attribute',
      'check_replace_attribute',
      'check_remove_attribute',
      'search_with_attributes',
    ]) {
      expect(results.map((result) => result.check)).toContain(check);
    }
    expect(code).toBe(0);
  });
});
