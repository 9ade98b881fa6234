import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { customSearchAttributes } from '../../domain/search-attributes.js';
import { temporalServerEnv } from '../../production/temporal-config.js';

/**
 * docker-compose.yml cannot be started here (no Docker engine), so CI checks it two ways: against
 * the Compose Specification's JSON schema, and against the production shape that
 * `npm run test:production` runs (same versions, same set-up scripts, same variables).
 */
const root = fileURLToPath(new URL('../..', import.meta.url));
const read = (file: string) => fs.readFileSync(path.join(root, file), 'utf8');

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a compose file is free-form YAML
type Compose = Record<string, any>;
// Compose resolves `<<` merge keys (the x-app block) before it validates, so do we.
const loadCompose = (text: string): Compose => parse(text, { merge: true });

function composeValidator() {
  const schema = JSON.parse(read('test/fixtures/compose-spec/compose-spec.json'));
  // A keyword Ajv does not know is an error, not silently skipped (strictSchema); strictTypes and
  // strictTuples only lint how the schema is written, which is the spec authors' business.
  const ajv = new Ajv({ allErrors: true, strictSchema: true, strictTypes: false, strictTuples: false, allowUnionTypes: true });
  // The spec names draft-07 by its https address; Ajv knows that meta-schema by its http one.
  const draft07 = JSON.parse(fs.readFileSync(createRequire(import.meta.url).resolve('ajv/dist/refs/json-schema-draft-07.json'), 'utf8'));
  ajv.addMetaSchema({ ...draft07, $id: schema.$schema });
  return ajv.compile(schema);
}

const validate = composeValidator();
const compose = loadCompose(read('docker-compose.yml'));
const services = compose.services as Compose;
const env = (service: string) => services[service].environment as Record<string, string | number>;

describe('docker-compose.yml against the Compose Specification', () => {
  it('is a valid Compose file', () => {
    const valid = validate(compose);
    expect(validate.errors ?? [], JSON.stringify(validate.errors, null, 2)).toEqual([]);
    expect(valid).toBe(true);
  });

  it('rejects a broken copy: an unknown service key, a string for a list, a number for a command', () => {
    const broken = [
      (copy: Compose) => (copy.services.api.replica = 2),
      (copy: Compose) => (copy.services.mongo.volumes = 'mongo-data:/data/db'),
      (copy: Compose) => (copy.services.api.healthcheck.test = 42),
    ];
    for (const breakIt of broken) {
      const copy = structuredClone(compose);
      breakIt(copy);
      expect(validate(copy), breakIt.toString()).toBe(false);
      expect(validate.errors?.length).toBeGreaterThan(0);
    }
  });
});

describe('docker-compose.yml runs what `npm run test:production` proves', () => {
  const tools = read('scripts/tools.sh');
  const serverVersion = /^TEMPORAL_SERVER_VERSION=v(\S+)$/m.exec(tools)?.[1];
  const postgresMajor = /^POSTGRES_MAJOR=(\d+)$/m.exec(tools)?.[1];

  it('uses the versions the tools script provides', () => {
    expect(serverVersion).toBe('1.29.1');
    expect(services.temporal.image).toBe(`temporalio/server:${serverVersion}`);
    expect(services['temporal-schema'].image).toBe(`temporalio/admin-tools:${serverVersion}`);
    expect(services['temporal-register'].image).toBe(`temporalio/admin-tools:${serverVersion}`);
    expect(services.postgres.image).toBe(`postgres:${postgresMajor}`);
    expect(services.temporal.image).not.toContain('auto-setup');
  });

  it('sets Temporal up with the scripts and dynamic config of deploy/temporal, mounted from this folder', () => {
    for (const name of ['temporal-schema', 'temporal', 'temporal-register']) {
      expect(services[name].volumes).toContain('./deploy/temporal:/etc/activation/temporal:ro');
    }
    expect(services['temporal-schema'].entrypoint).toEqual(['sh', '/etc/activation/temporal/setup-schema.sh']);
    expect(env('temporal-schema')).toMatchObject({
      SQL_TOOL: 'temporal-sql-tool',
      SQL_PLUGIN: 'postgres12',
      SCHEMA_DIR: '/etc/temporal/schema/postgresql/v12',
    });
    expect(services['temporal-register'].entrypoint).toEqual(['sh', '/etc/activation/temporal/register.sh']);
    expect(String(env('temporal-register').SEARCH_ATTRIBUTES).split(' ')).toEqual(customSearchAttributes.map((key) => key.name));
    expect(env('temporal').DYNAMIC_CONFIG_FILE_PATH).toBe('/etc/activation/temporal/dynamicconfig.yaml');

    const dynamicConfig = parse(read('deploy/temporal/dynamicconfig.yaml'));
    expect(dynamicConfig).toEqual({ 'frontend.enableUpdateWorkflowExecution': [{ value: true }], 'system.enableEagerWorkflowStart': [{ value: true }] });
    for (const script of ['setup-schema.sh', 'register.sh']) expect(fs.existsSync(path.join(root, 'deploy/temporal', script))).toBe(true);
  });

  it("gives the server image's config template the variables the production run renders it with", () => {
    const local = temporalServerEnv({
      postgres: { host: 'h', port: 1, user: 'u', password: 'p' },
      dynamicConfigPath: 'f',
      ports: {
        frontendGrpc: 1,
        frontendHttp: 1,
        frontendMembership: 1,
        historyGrpc: 1,
        historyMembership: 1,
        matchingGrpc: 1,
        matchingMembership: 1,
        workerGrpc: 1,
        workerMembership: 1,
      },
    });
    for (const name of Object.keys(env('temporal'))) expect(Object.keys(local), name).toContain(name);
    expect(env('temporal').DB).toBe(local.DB);
    expect(env('temporal').TEMPORAL_ALLOW_NO_AUTH).toBe(local.TEMPORAL_ALLOW_NO_AUTH);
  });

  it('runs two APIs and two workers from the build output, in production mode, on a MongoDB replica set', () => {
    for (const role of ['api', 'worker']) {
      expect(services[role].deploy.replicas, role).toBe(2);
      expect(services[role].command).toEqual(['node', `dist/${role}/main.js`]);
      expect(env(role).NODE_ENV).toBe('production');
      expect(env(role).MONGO_URL).toMatch(/^mongodb:\/\/mongo:27017\/activation\?replicaSet=rs0$/);
      expect(services[role].depends_on).toMatchObject({
        mongo: { condition: 'service_healthy' },
        'temporal-register': { condition: 'service_completed_successfully' },
      });
    }
    expect(services.mongo.command).toEqual(expect.arrayContaining(['--replSet', 'rs0']));
    expect(services.mongo.healthcheck.test.join(' ')).toContain("rs.initiate({ _id: 'rs0'");
  });

  it('requires the secrets and keeps the Temporal UI on the loopback', () => {
    for (const name of ['SMTP_URL', 'PUBLIC_URL', 'TOKEN_SECRET']) expect(String(env('worker')[name])).toMatch(new RegExp(`^\\$\\{${name}:\\?`));
    for (const name of ['ADMIN_EMAIL', 'ADMIN_PASSWORD']) expect(String(env('api')[name])).toMatch(new RegExp(`^\\$\\{${name}:\\?`));
    expect(services['temporal-ui'].ports).toEqual(['127.0.0.1:8233:8080']);
    expect(services.temporal.ports).toBeUndefined();
  });
});
