import { describe, expect, it } from 'vitest';
import { ConfigError, DEV_ADMIN, DEV_TOKEN_SECRET, loadConfig } from '../../config/env.js';
import { logFormat } from '../../config/logger.js';

const realMongo = 'mongodb://db.internal:27017/activation?replicaSet=rs0';
const secret = 'a-real-secret-a-real-secret-a-real-secret';

const problemsOf = (env: Record<string, string>) => {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
};

describe('loadConfig', () => {
  it('runs with no configuration at all (embedded mode)', () => {
    const config = loadConfig({});
    expect(config.PORT).toBe(3000);
    expect(config.embedded).toEqual({ temporal: true, mongo: true, smtp: true });
    expect(config.lifecycle).toEqual({
      syncDelayMs: 300_000,
      reminderOffsetsMs: [86_400_000, 259_200_000],
      invitationTtlMs: 604_800_000,
      reminderSpreadMs: 1_800_000,
      loginLinkReminderMs: 86_400_000,
    });
    expect(config.publicUrl).toBe('http://localhost:3000');
    expect(config.temporalAddress).toBe('127.0.0.1:7233');
  });

  it('reads human durations and external services', () => {
    const config = loadConfig({
      SYNC_DELAY: '90s',
      REMINDER_SCHEDULE: '3d,1d',
      INVITE_TTL: '10d',
      TEMPORAL_ADDRESS: 'temporal:7233',
      MONGO_URL: 'mongodb://mongo:27017/activation',
      SMTP_URL: 'smtp://mail:25',
      PUBLIC_URL: 'https://accounts.example.com/',
      TOKEN_SECRET: 'a-real-secret-a-real-secret-a-real-secret',
    });
    expect(config.lifecycle.syncDelayMs).toBe(90_000);
    expect(config.lifecycle.reminderOffsetsMs).toEqual([86_400_000, 259_200_000]);
    expect(config.embedded).toEqual({ temporal: false, mongo: false, smtp: false });
    expect(config.publicUrl).toBe('https://accounts.example.com');
  });

  it('treats empty values as unset', () => expect(loadConfig({ PORT: '', SYNC_DELAY: '' }).PORT).toBe(3000));

  it.each([
    [{ SYNC_DELAY: '5' }, /^SYNC_DELAY: expected a duration such as "5m".*\(got "5"\)/],
    [{ PORT: 'eighty' }, /^PORT: /],
    [{ PORT: '70000' }, /^PORT: /],
    [{ REMINDER_SCHEDULE: '1d,later' }, /^REMINDER_SCHEDULE: expected comma-separated durations/],
    [{ REMINDER_SCHEDULE: '1d,8d' }, /^REMINDER_SCHEDULE: every reminder must come before INVITE_TTL/],
    [{ MONGO_URL: 'http://mongo', TOKEN_SECRET: 'a-real-secret-a-real-secret-a-real-secret' }, /^MONGO_URL: expected a mongodb or mongodb\\\+srv URL/],
    [{ TEMPORAL_ADDRESS: 'temporal' }, /^TEMPORAL_ADDRESS: expected host:port/],
    [{ TOKEN_SECRET: 'short' }, /^TOKEN_SECRET: must be at least 32 characters/],
    [{ EMAIL_RATE_PER_SECOND: '-1' }, /^EMAIL_RATE_PER_SECOND: /],
    [{ LOG_LEVEL: 'loud' }, /^LOG_LEVEL: /],
  ])('names the bad variable: %j', (env, message) => {
    const problems = problemsOf(env);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(message);
  });

  it('requires real infrastructure and a secret in production', () => {
    const problems = problemsOf({ NODE_ENV: 'production' });
    expect(problems.map((problem) => problem.split(':')[0]).sort()).toEqual(['MONGO_URL', 'PUBLIC_URL', 'SMTP_URL', 'TEMPORAL_ADDRESS', 'TOKEN_SECRET']);
  });

  it('lists every problem at once', () => expect(problemsOf({ PORT: 'x', SYNC_DELAY: 'y' })).toHaveLength(2));
});

describe('dev defaults (issue 13, finding 4)', () => {
  it('apply to the embedded development setup only: `npm start` needs no configuration', () => {
    for (const env of [{}, { NODE_ENV: 'development' }, { NODE_ENV: 'development', SMTP_URL: 'smtp://mail:25', TEMPORAL_ADDRESS: 'temporal:7233' }]) {
      const config = loadConfig(env);
      expect(config.TOKEN_SECRET).toBe(DEV_TOKEN_SECRET);
      expect(config.adminBootstrap).toEqual({ ...DEV_ADMIN, devDefaults: true });
    }
  });

  it.each<Record<string, string>>([{}, { NODE_ENV: 'development' }])(
    'a configured MONGO_URL requires TOKEN_SECRET (%j): `npm run start:api` refuses',
    (env) => {
      const problems = problemsOf({ ...env, MONGO_URL: realMongo, SMTP_URL: 'smtp://mail:25', TEMPORAL_ADDRESS: 'temporal:7233' });
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(/^TOKEN_SECRET: must be set to a random secret .* when MONGO_URL is set/);
    },
  );

  it('with a configured MONGO_URL creates no dev admin account', () => {
    const config = loadConfig({ MONGO_URL: realMongo, TOKEN_SECRET: secret });
    expect(config.TOKEN_SECRET).toBe(secret);
    expect(config.adminBootstrap).toBeNull();
    expect(
      loadConfig({ MONGO_URL: realMongo, TOKEN_SECRET: secret, ADMIN_EMAIL: 'ops@example.org', ADMIN_PASSWORD: 'a long password 2026' }).adminBootstrap,
    ).toEqual({
      email: 'ops@example.org',
      password: 'a long password 2026',
      devDefaults: false,
    });
  });

  it('refuses the public dev secret outside the embedded development setup', () => {
    expect(problemsOf({ MONGO_URL: realMongo, TOKEN_SECRET: DEV_TOKEN_SECRET })).toEqual([
      'TOKEN_SECRET: is the public dev value: set a random secret of at least 32 characters',
    ]);
    const production = problemsOf({
      NODE_ENV: 'production',
      TOKEN_SECRET: DEV_TOKEN_SECRET,
      MONGO_URL: realMongo,
      SMTP_URL: 'smtp://mail:25',
      TEMPORAL_ADDRESS: 'temporal:7233',
      PUBLIC_URL: 'https://a.example',
    });
    expect(production).toEqual(['TOKEN_SECRET: is the public dev value: set a random secret of at least 32 characters']);
  });

  it('production: no secret, no start; with every secret but no ADMIN_EMAIL, no account', () => {
    const problems = problemsOf({
      NODE_ENV: 'production',
      MONGO_URL: realMongo,
      SMTP_URL: 'smtp://mail:25',
      TEMPORAL_ADDRESS: 'temporal:7233',
      PUBLIC_URL: 'https://a.example',
    });
    expect(problems).toEqual(['TOKEN_SECRET: must be set to a random secret of at least 32 characters in production']);
    const config = loadConfig({
      NODE_ENV: 'production',
      MONGO_URL: realMongo,
      SMTP_URL: 'smtp://mail:25',
      TEMPORAL_ADDRESS: 'temporal:7233',
      PUBLIC_URL: 'https://a.example',
      TOKEN_SECRET: secret,
    });
    expect(config.adminBootstrap).toBeNull();
  });

  it('NODE_ENV=test (throwaway databases: tests, benches) keeps them', () => {
    const config = loadConfig({ NODE_ENV: 'test', MONGO_URL: realMongo });
    expect(config.TOKEN_SECRET).toBe(DEV_TOKEN_SECRET);
    expect(config.adminBootstrap?.devDefaults).toBe(true);
  });
});

describe('SMTP and the bootstrap admin in production', () => {
  const production = {
    NODE_ENV: 'production',
    MONGO_URL: realMongo,
    SMTP_URL: 'smtp://mail:587',
    TEMPORAL_ADDRESS: 'temporal:7233',
    PUBLIC_URL: 'https://a.example',
    TOKEN_SECRET: secret,
  };

  it('requires STARTTLS on smtp:// in production unless SMTP_REQUIRE_TLS=false says otherwise', () => {
    expect(loadConfig(production).smtpRequireTls).toBe(true);
    expect(loadConfig({ ...production, SMTP_REQUIRE_TLS: 'false' }).smtpRequireTls).toBe(false);
    expect(loadConfig({ NODE_ENV: 'test' }).smtpRequireTls).toBe(false);
    expect(loadConfig({ NODE_ENV: 'test', SMTP_REQUIRE_TLS: 'true' }).smtpRequireTls).toBe(true);
    expect(problemsOf({ NODE_ENV: 'test', SMTP_REQUIRE_TLS: 'yes' })).toEqual(['SMTP_REQUIRE_TLS: expected "true" or "false" (got "yes")']);
  });

  it('holds ADMIN_PASSWORD to the password rules', () => {
    expect(problemsOf({ ...production, ADMIN_EMAIL: 'ops@example.org', ADMIN_PASSWORD: 'onlyletterslong' })).toEqual([
      'ADMIN_PASSWORD: must contain letters and digits',
    ]);
    expect(problemsOf({ ...production, ADMIN_EMAIL: 'ops@example.org', ADMIN_PASSWORD: 'short1' })).toEqual([
      'ADMIN_PASSWORD: must have at least 10 characters',
    ]);
  });
});

describe('config errors never echo a secret', () => {
  it.each([
    ['TOKEN_SECRET', 'hunter2-but-too-short'],
    ['ADMIN_PASSWORD', 'hunter2'],
  ])('%s', (name, value) => {
    const problems = problemsOf({ [name]: value, ...(name === 'ADMIN_PASSWORD' ? { ADMIN_EMAIL: 'ops@example.org' } : {}) });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(new RegExp(`^${name}: `));
    expect(problems[0]).not.toContain('hunter2');
    expect(problems[0]).not.toContain('got');
  });

  it.each([
    ['MONGO_URL', 'http://app:hunter2@mongo:27017/activation', 'http://***@mongo:27017/activation'],
    ['MONGO_URL', 'mysql://app:hun@ter/2@mongo/activation', 'mysql://***@mongo/activation'],
    ['SMTP_URL', 'ftp://mailer:hunter2@mail:25', 'ftp://***@mail:25'],
  ])('%s credentials are masked', (name, value, shown) => {
    const [problem] = problemsOf({ [name]: value });
    expect(problem).not.toMatch(/hunter|ter\/2/);
    expect(problem).toContain(`(got "${shown}")`);
  });
});

describe('log format', () => {
  it('is readable on a terminal outside production, JSON otherwise', () => {
    expect(logFormat(loadConfig({}), true)).toBe('pretty');
    expect(logFormat(loadConfig({}), false)).toBe('json');
    expect(logFormat(loadConfig({ LOG_FORMAT: 'json' }), true)).toBe('json');
    expect(logFormat(loadConfig({ LOG_FORMAT: 'pretty' }), false)).toBe('pretty');
    const production = {
      NODE_ENV: 'production',
      MONGO_URL: 'mongodb://db/a',
      SMTP_URL: 'smtp://mail:25',
      TEMPORAL_ADDRESS: 't:7233',
      PUBLIC_URL: 'https://a.example',
      TOKEN_SECRET: 'x'.repeat(40),
    };
    expect(logFormat(loadConfig(production), true)).toBe('json');
    expect(problemsOf({ ...production, LOG_FORMAT: 'pretty' })).toEqual(['LOG_FORMAT: production logs JSON (got "pretty")']);
  });
});

describe('TRUST_PROXY (issue 13, finding 9)', () => {
  it('defaults to loopback and takes false, a hop count, or addresses, CIDRs and range names', () => {
    expect(loadConfig({}).TRUST_PROXY).toEqual(['loopback']);
    expect(loadConfig({ TRUST_PROXY: 'false' }).TRUST_PROXY).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '2' }).TRUST_PROXY).toBe(2);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, loopback,fd00::/8,192.0.2.7' }).TRUST_PROXY).toEqual(['10.0.0.0/8', 'loopback', 'fd00::/8', '192.0.2.7']);
  });

  it('refuses "trust everyone" and anything that is not an address', () => {
    for (const value of ['true', 'proxy.internal', '10.0.0.0/33', '10.0.0.1/8/1', 'loopback,nope', '-1']) {
      expect(problemsOf({ TRUST_PROXY: value }), value).toEqual([expect.stringMatching(/^TRUST_PROXY: expected "false", a hop count/)]);
    }
  });
});

describe('webhook retries', () => {
  it('default to 10 s doubling up to 1 h, for three days, and take shorter durations', () => {
    expect(loadConfig({}).webhookRetry).toEqual({ initialMs: 10_000, maxIntervalMs: 3_600_000, forMs: 259_200_000 });
    expect(loadConfig({ WEBHOOK_RETRY_INITIAL: '200ms', WEBHOOK_RETRY_MAX_INTERVAL: '1s', WEBHOOK_RETRY_FOR: '5s' }).webhookRetry).toEqual({
      initialMs: 200,
      maxIntervalMs: 1_000,
      forMs: 5_000,
    });
  });

  it('refuse a zero or unreadable first interval, one above the cap, and more than three days', () => {
    expect(problemsOf({ WEBHOOK_RETRY_INITIAL: '0' })).toEqual([expect.stringMatching(/^WEBHOOK_RETRY_INITIAL: must be longer than 0/)]);
    expect(problemsOf({ WEBHOOK_RETRY_INITIAL: 'soon' })).toEqual([expect.stringMatching(/^WEBHOOK_RETRY_INITIAL: expected a duration such as "10s"/)]);
    expect(problemsOf({ WEBHOOK_RETRY_INITIAL: '2h' })).toEqual(['WEBHOOK_RETRY_INITIAL: must not exceed WEBHOOK_RETRY_MAX_INTERVAL (got "2h")']);
    expect(problemsOf({ WEBHOOK_RETRY_FOR: '4d' })).toEqual([expect.stringMatching(/^WEBHOOK_RETRY_FOR: must be at most 3d/)]);
  });
});

describe('metrics and traces', () => {
  it('are off by default: no worker endpoint, no traces; /metrics open only where the dev defaults apply', () => {
    expect(loadConfig({}).metrics).toEqual({ token: undefined, workerAddress: null });
    expect(loadConfig({}).tracing).toBeNull();
    expect(loadConfig({ MONGO_URL: realMongo, TOKEN_SECRET: secret }).metrics.token).toBeNull();
    expect(loadConfig({ WORKER_METRICS_PORT: '0' }).metrics.workerAddress).toBeNull();
  });

  it('take a worker port and address, a bearer token and an OTLP endpoint', () => {
    const token = 'metrics-token-metrics-token-0123456789';
    const config = loadConfig({ WORKER_METRICS_PORT: '9464', METRICS_TOKEN: token, OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/' });
    expect(config.metrics).toEqual({ token, workerAddress: '127.0.0.1:9464' });
    expect(config.tracing).toEqual({ url: 'http://collector:4318/v1/traces', serviceName: undefined });
    expect(loadConfig({ WORKER_METRICS_PORT: '9464', WORKER_METRICS_HOST: '::' }).metrics.workerAddress).toBe('[::]:9464');
    expect(loadConfig({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'https://traces.example/otlp', OTEL_SERVICE_NAME: 'accounts' }).tracing).toEqual({
      url: 'https://traces.example/otlp',
      serviceName: 'accounts',
    });
  });

  it('refuse a host name for the worker endpoint, a non-HTTP endpoint and a short token, whose value is never shown', () => {
    expect(problemsOf({ WORKER_METRICS_HOST: 'localhost' })).toEqual([expect.stringMatching(/^WORKER_METRICS_HOST: expected an IP address/)]);
    expect(problemsOf({ WORKER_METRICS_PORT: '70000' })).toEqual([expect.stringMatching(/^WORKER_METRICS_PORT: /)]);
    expect(problemsOf({ OTEL_EXPORTER_OTLP_ENDPOINT: 'grpc://collector:4317' })).toEqual([
      'OTEL_EXPORTER_OTLP_ENDPOINT: expected a http or https URL (got "grpc://collector:4317")',
    ]);
    expect(problemsOf({ METRICS_TOKEN: 'short-token' })).toEqual(['METRICS_TOKEN: must be at least 32 characters']);
  });
});
