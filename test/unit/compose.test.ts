import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { envSchema } from '../../config/env.js';
import { customSearchAttributes } from '../../domain/search-attributes.js';
import { temporalServerEnv } from '../../dev-tools/production-shape/temporal-config.js';

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
/** The API replicas: every service that runs the API. */
const apiServices = Object.keys(services).filter((name) => services[name].command?.includes('dist/api/main.js'));

describe('docker-compose.yml against the Compose Specification', () => {
  it('is a valid Compose file', () => {
    const valid = validate(compose);
    expect(validate.errors ?? [], JSON.stringify(validate.errors, null, 2)).toEqual([]);
    expect(valid).toBe(true);
  });

  it('rejects a broken copy: an unknown service key, a string for a list, a number for a command', () => {
    const broken = [
      (copy: Compose) => (copy.services['api-1'].replica = 2),
      (copy: Compose) => (copy.services.mongo.volumes = 'mongo-data:/data/db'),
      (copy: Compose) => (copy.services['api-1'].healthcheck.test = 42),
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
    expect(apiServices).toEqual(['api-1', 'api-2']);
    expect(services.worker.deploy.replicas).toBe(2);
    for (const name of [...apiServices, 'worker']) {
      const role = name.startsWith('api') ? 'api' : 'worker';
      expect(services[name].command).toEqual(['node', `dist/${role}/main.js`]);
      expect(env(name).NODE_ENV).toBe('production');
      expect(env(name).MONGO_URL).toMatch(/^mongodb:\/\/[^@]+@mongo:27017\/activation\?replicaSet=rs0&authSource=admin$/);
      expect(services[name].depends_on).toMatchObject({
        mongo: { condition: 'service_healthy' },
        'temporal-register': { condition: 'service_completed_successfully' },
      });
    }
    expect(services.mongo.command).toEqual(expect.arrayContaining(['--replSet', 'rs0']));
    expect(services.mongo.healthcheck.test.join(' ')).toContain("rs.initiate({ _id: 'rs0'");
  });

  it('requires the secrets and keeps the Temporal UI on the loopback', () => {
    for (const name of ['SMTP_URL', 'PUBLIC_URL', 'TOKEN_SECRET']) expect(String(env('worker')[name])).toMatch(new RegExp(`^\\$\\{${name}:\\?`));
    for (const name of ['ADMIN_EMAIL', 'ADMIN_PASSWORD']) expect(String(env('api-1')[name])).toMatch(new RegExp(`^\\$\\{${name}:\\?`));
    expect(services['temporal-ui'].ports).toEqual(['127.0.0.1:8233:8080']);
    expect(services.temporal.ports).toBeUndefined();
  });
});

/** Whether an IPv4 address lies in an IPv4 CIDR. */
function inSubnet(address: string, cidr: string) {
  const toNumber = (ip: string) => ip.split('.').reduce((total, octet) => total * 256 + Number(octet), 0);
  const [base = '', bits = '32'] = cidr.split('/');
  const size = 2 ** (32 - Number(bits));
  return Math.floor(toNumber(address) / size) === Math.floor(toNumber(base) / size);
}

/** A `ports:` entry's host address: short syntax `[HOST_IP:]HOST:CONTAINER[/PROTOCOL]`, or long syntax's host_ip. */
function hostAddressOf(port: string | number | Compose) {
  if (typeof port === 'object') return port.host_ip ?? '0.0.0.0';
  const parts = String(port).split(':');
  return parts.length === 3 ? parts[0] : '0.0.0.0';
}

describe('the TLS proxy in front of the APIs keeps the sign-in throttle (issue 21, item 1)', () => {
  const tools = read('scripts/tools.sh');
  const caddyfile = read('deploy/caddy/Caddyfile');
  // Optional chaining, so a compose file without them fails these tests one by one.
  const proxy: Compose = services.proxy ?? {};
  const proxyAddress: string = proxy.networks?.edge?.ipv4_address;
  const edge: Compose = compose.networks?.edge?.ipam?.config?.[0] ?? {};

  it('is Caddy at the exact version the production run builds, with deploy/caddy/Caddyfile', () => {
    const caddyVersion = /^CADDY_VERSION=v(\d+\.\d+\.\d+)$/m.exec(tools)?.[1];
    expect(caddyVersion).toBeDefined();
    expect(proxy.image).toBe(`caddy:${caddyVersion}`);
    expect(proxy.volumes).toContain('./deploy/caddy:/etc/caddy:ro');
    expect(proxy.command).toEqual(['caddy', 'run', '--config', '/etc/caddy/Caddyfile', '--adapter', 'caddyfile']);
    expect(proxy.volumes).toContain('caddy-data:/data');
    expect(env('proxy').PUBLIC_URL).toBe(env('api-1').PUBLIC_URL);
  });

  it('forwards to every API replica, health-checking each on /healthz, from its own address', () => {
    expect(String(env('proxy').API_UPSTREAMS).split(' ')).toEqual(apiServices.map((name) => `${name}:3000`));
    const directives = caddyfile
      .split('\n')
      .map((line) => line.replace(/#.*/, '').trim())
      .filter(Boolean);
    expect(directives).toEqual(
      expect.arrayContaining(['{$PUBLIC_URL} {', 'reverse_proxy {$API_UPSTREAMS} {', 'health_uri /healthz', 'local_address {$PROXY_SOURCE_ADDRESS}']),
    );
    // No proxy before it is trusted: Caddy replaces any X-Forwarded-For a client sends.
    expect(directives.join('\n')).not.toMatch(/trusted_proxies|header_up\s+X-Forwarded-For/i);
  });

  it('publishes 80 and 443 on the proxy only; the APIs are reached through it alone', () => {
    expect(proxy.ports).toEqual(['80:80', '443:443', '443:443/udp']);
    for (const name of apiServices) {
      expect(services[name].ports, name).toBeUndefined();
      expect(services[name].network_mode, name).toBeUndefined();
    }
    expect(Object.keys(proxy.networks)).toEqual(['edge']);
    const onEdge = Object.keys(services).filter((name) => {
      const networks = services[name].networks;
      return Array.isArray(networks) ? networks.includes('edge') : networks?.edge !== undefined;
    });
    expect(onEdge.sort()).toEqual([...apiServices, 'proxy'].sort());
  });

  it('sets TRUST_PROXY to exactly the proxy: its fixed address, which nothing else on the network can be given', () => {
    expect(inSubnet(proxyAddress, edge.subnet)).toBe(true);
    expect(inSubnet(String(edge.ip_range).split('/')[0]!, edge.subnet)).toBe(true);
    expect(inSubnet(proxyAddress, edge.ip_range)).toBe(false);
    expect(env('proxy').PROXY_SOURCE_ADDRESS).toBe(proxyAddress);
    for (const name of apiServices) {
      expect(env(name).TRUST_PROXY, name).toBe(proxyAddress);
      // As the API reads it: one address, not a hop count or a range.
      expect(envSchema.shape.TRUST_PROXY.parse(env(name).TRUST_PROXY)).toEqual([proxyAddress]);
    }
    expect(env('worker').TRUST_PROXY).toBeUndefined();
  });
});

describe('compose secrets (issue 21, item 7)', () => {
  const mongo = services.mongo;
  const entrypoint = read('deploy/mongo/entrypoint.sh');

  it('binds nothing but the proxy to a public address: every other published port is on the loopback', () => {
    const published = Object.entries(services).flatMap(([name, service]) =>
      ((service as Compose).ports ?? []).map((port: string | Compose) => ({ name, address: hostAddressOf(port) })),
    );
    expect(published.filter(({ name }) => name !== 'proxy')).toEqual([{ name: 'temporal-ui', address: '127.0.0.1' }]);
    for (const name of ['mongo', 'postgres', 'temporal', 'worker', ...apiServices]) expect(services[name].ports, name).toBeUndefined();
  });

  it('runs MongoDB with authentication: a root account from the environment and the replica set keyFile', () => {
    expect(env('mongo').MONGO_INITDB_ROOT_USERNAME).toBe('${MONGO_ROOT_USERNAME:-root}');
    expect(String(env('mongo').MONGO_INITDB_ROOT_PASSWORD)).toMatch(/^\$\{MONGO_ROOT_PASSWORD:\?/);
    const command: string[] = mongo.command;
    expect(command.slice(0, 3)).toEqual(['mongod', '--replSet', 'rs0']);
    const keyFile = command[command.indexOf('--keyFile') + 1]!;
    expect(keyFile).toMatch(/^\/data\/configdb\//);
    expect(mongo.volumes).toContain('mongo-config:/data/configdb');
    expect(compose.volumes).toHaveProperty('mongo-config');
    // The entrypoint writes that keyFile as mongod wants it (its own account, mode 400), then hands over to the image's.
    expect(mongo.entrypoint).toEqual(['sh', '/etc/activation/mongo/entrypoint.sh']);
    expect(mongo.volumes).toContain('./deploy/mongo:/etc/activation/mongo:ro');
    expect(entrypoint).toContain(`keyfile=${keyFile}\n`);
    expect(entrypoint).toMatch(/^chown mongodb:mongodb "\$keyfile"$/m);
    expect(entrypoint).toMatch(/^chmod 400 "\$keyfile"$/m);
    expect(entrypoint.trimEnd().split('\n').at(-1)).toBe('exec docker-entrypoint.sh "$@"');
    // The apps sign in as that account.
    for (const name of [...apiServices, 'worker']) {
      expect(String(env(name).MONGO_URL), name).toMatch(/^mongodb:\/\/\$\{MONGO_ROOT_USERNAME:-root\}:\$\{MONGO_ROOT_PASSWORD:\?[^}]+\}@mongo:27017\//);
    }
  });

  it('still initiates the replica set, signed in as root', () => {
    const [form, script] = mongo.healthcheck.test as [string, string];
    expect(form).toBe('CMD-SHELL');
    // `$$` is compose's escape: the container's shell reads the variables, compose does not fill them in.
    expect(script).toContain('--username "$$MONGO_INITDB_ROOT_USERNAME" --password "$$MONGO_INITDB_ROOT_PASSWORD" --authenticationDatabase admin');
    expect(script).toContain("rs.initiate({ _id: 'rs0', members: [{ _id: 0, host: 'mongo:27017' }] })");
    expect(script).toContain('db.hello().isWritablePrimary');
  });

  it('requires the PostgreSQL password everywhere it is used: no default', () => {
    const uses = { postgres: 'POSTGRES_PASSWORD', 'temporal-schema': 'SQL_PASSWORD', temporal: 'POSTGRES_PWD' };
    for (const [service, variable] of Object.entries(uses)) expect(String(env(service)[variable]), service).toMatch(/^\$\{POSTGRES_PASSWORD:\?/);
    expect(read('docker-compose.yml')).not.toMatch(/POSTGRES_PASSWORD:-/);
  });

  it('keeps .env files out of the image', () => {
    const ignored = read('.dockerignore')
      .split('\n')
      .map((line) => line.trim());
    expect(ignored).toContain('.env*');
  });
});
