import { createPublicKey } from 'node:crypto';
import { isIP } from 'node:net';
import path from 'node:path';
import { z } from 'zod';
import { passwordSchema } from '../domain/password.js';
import { WEBHOOK_RETRY_LIMIT_MS } from '../domain/webhook-delivery.js';
import { parseDuration, parseDurationList } from './durations.js';

/**
 * Every environment variable the service reads, validated once at start-up.
 * Unset infrastructure addresses (TEMPORAL_ADDRESS, MONGO_URL, SMTP_URL) mean "embedded mode":
 * `npm start` runs a local Temporal dev server, MongoDB (mongod as a one-node replica set) and a dev mailbox for them.
 */
const duration = (example: string) =>
  z.string().transform((text, ctx) => {
    const ms = parseDuration(text);
    if (ms === undefined) {
      ctx.addIssue({ code: 'custom', message: `expected a duration such as "${example}" (units: ms, s, m, h, d, w)` });
      return z.NEVER;
    }
    return ms;
  });

const durationList = z.string().transform((text, ctx) => {
  const list = parseDurationList(text);
  if (list === undefined) {
    ctx.addIssue({ code: 'custom', message: 'expected comma-separated durations such as "1d,3d", or "none"' });
    return z.NEVER;
  }
  return [...list].sort((a, b) => a - b);
});

const port = z.coerce.number().int().min(0).max(65_535);
const url = (protocols: string[]) => z.url({ protocol: new RegExp(`^(${protocols.join('|')})$`), error: `expected a ${protocols.join(' or ')} URL` });

/** proxy-addr's names for address ranges, usable in TRUST_PROXY. */
const PROXY_RANGE_NAMES = ['loopback', 'linklocal', 'uniquelocal'];
const isProxyAddress = (entry: string) => {
  if (PROXY_RANGE_NAMES.includes(entry)) return true;
  const [address = '', bits, ...rest] = entry.split('/');
  const version = isIP(address);
  if (!version || rest.length > 0) return false;
  return bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (version === 4 ? 32 : 128));
};
/** Express's `trust proxy`: `false`, a hop count, or proxy addresses/CIDRs/range names (never "trust everyone"). */
const trustProxy = z.string().transform((text, ctx): false | number | string[] => {
  const value = text.trim();
  if (value === 'false') return false;
  if (/^\d+$/.test(value)) return Number(value);
  const entries = value
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (entries.length === 0 || !entries.every(isProxyAddress)) {
    ctx.addIssue({
      code: 'custom',
      message: 'expected "false", a hop count such as "1", or comma-separated proxy addresses, CIDRs or loopback/linklocal/uniquelocal',
    });
    return z.NEVER;
  }
  return entries;
});

/** Amazon SNS topics, comma-separated ARNs (arn:aws:sns:<region>:<account>:<name>). */
const snsTopicArns = z.string().transform((text, ctx) => {
  const arns = text
    .split(',')
    .map((arn) => arn.trim())
    .filter(Boolean);
  if (arns.length === 0 || !arns.every((arn) => /^arn:aws(-us-gov)?:sns:[a-z]{2}(-[a-z]+)+-\d:\d{12}:[\w-]{1,256}$/.test(arn))) {
    ctx.addIssue({ code: 'custom', message: 'expected comma-separated SNS topic ARNs such as "arn:aws:sns:us-east-1:123456789012:ses-events"' });
    return z.NEVER;
  }
  return arns;
});

/** A P-256 public key as SendGrid shows it: base64 of its DER SubjectPublicKeyInfo. */
const p256PublicKey = z.string().refine((text) => {
  try {
    const key = createPublicKey({ key: Buffer.from(text, 'base64'), format: 'der', type: 'spki' });
    return key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1';
  } catch {
    return false;
  }
}, 'expected the base64 verification key SendGrid shows (a P-256 public key, DER SubjectPublicKeyInfo)');

/** The embedded mongod runs as this one-node replica set (what gives transactions and change streams). */
export const EMBEDDED_REPLICA_SET = 'rs0';
/** How clients reach the embedded mongod; naming the set makes the driver wait for its primary. */
export const embeddedMongoUrl = (port: number, database: string) => `mongodb://127.0.0.1:${port}/${database}?replicaSet=${EMBEDDED_REPLICA_SET}`;

/** Public (it is in the source): only ever used by the embedded development setup and by tests. */
export const DEV_TOKEN_SECRET = 'dev-only-token-secret-change-me-in-production!';

/** The first admin account of the embedded development setup when ADMIN_EMAIL/ADMIN_PASSWORD are unset; printed by the API at start. */
export const DEV_ADMIN = { email: 'admin@example.com', password: 'dev-admin-password' } as const;

/**
 * The dev defaults (DEV_TOKEN_SECRET, DEV_ADMIN) apply only where they cannot reach real data:
 * the embedded development setup (NODE_ENV unset or `development`, and no MONGO_URL: the database
 * is the local embedded mongod, as with `npm start`), or an explicit NODE_ENV=test (throwaway
 * databases). With a configured MONGO_URL and NODE_ENV unset — `npm run start:api` as production
 * runs it — TOKEN_SECRET is required and no account is created unless ADMIN_EMAIL/ADMIN_PASSWORD say so.
 */
export function devDefaultsApply(env: { NODE_ENV: string; MONGO_URL?: string | undefined }) {
  if (env.NODE_ENV === 'test') return true;
  return env.NODE_ENV === 'development' && !env.MONGO_URL;
}

/** Variables whose values never appear in an error message. */
const SECRET_VARIABLES = /SECRET|PASSWORD|CREDENTIAL|_TOKEN$|SIGNING_KEY$/i;

/** A value as an error message may show it: secrets not at all, URL credentials masked. */
export function displayValue(name: string, value: string): string | undefined {
  if (SECRET_VARIABLES.test(name)) return undefined;
  // scheme://user:password@host → scheme://***@host, up to the last @ (a password may hold @ or /),
  // also when the value does not parse as a URL.
  const at = value.lastIndexOf('@');
  const scheme = value.indexOf('://');
  if (at !== -1 && scheme !== -1 && scheme < at) return `${value.slice(0, scheme + 3)}***${value.slice(at)}`;
  return value;
}

export const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /** `pretty` (readable) or `json`; unset: pretty on a terminal outside production, JSON otherwise. */
    LOG_FORMAT: z.enum(['json', 'pretty']).optional(),
    PORT: port.default(3000),
    PUBLIC_URL: url(['http', 'https']).optional(),
    /** Where people sign in once active, unless their tenant names its own (its main system's login page); unset: this service's /sign-in check page. */
    SIGN_IN_URL: url(['http', 'https']).optional(),
    DATA_DIR: z.string().min(1).default('.data'),

    TEMPORAL_ADDRESS: z
      .string()
      .regex(/^[\w.-]+:\d+$/, 'expected host:port, e.g. "temporal:7233"')
      .optional(),
    TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
    TEMPORAL_TASK_QUEUE: z.string().min(1).default('user-activation'),
    /** A workflow bundle the worker loads instead of bundling the sources at start outside production (webpack, some 4 CPU-s); not for a traced worker. */
    WORKFLOW_BUNDLE: z.string().min(1).optional(),
    TEMPORAL_UI_URL: url(['http', 'https']).optional(),
    TEMPORAL_PORT: port.default(7233),
    TEMPORAL_UI_PORT: port.default(8233),
    TEMPORAL_CLI_PATH: z.string().min(1).default('.tools/bin/temporal'),

    MONGO_URL: url(['mongodb', 'mongodb\\+srv']).optional(),
    MONGO_PORT: port.default(27017),
    MONGOD_PATH: z.string().min(1).default('.tools/mongodb/mongod'),

    SMTP_URL: url(['smtp', 'smtps']).optional(),
    SMTP_PORT: port.default(1025),
    MAILBOX_PORT: port.default(8025),
    MAIL_FROM: z.string().min(3).default('Accounts <no-reply@accounts.localhost>'),
    EMAIL_RATE_PER_SECOND: z.coerce.number().min(0).default(20),
    /** Refuse to send over an smtp:// connection the server does not upgrade with STARTTLS; unset: on in production. */
    SMTP_REQUIRE_TLS: z.enum(['true', 'false'], { error: 'expected "true" or "false"' }).optional(),

    SYNC_DELAY: duration('5m').default(5 * 60_000),
    REMINDER_SCHEDULE: durationList.default([86_400_000, 3 * 86_400_000]),
    INVITE_TTL: duration('7d').default(7 * 86_400_000),
    REMINDER_SPREAD: duration('30m').default(30 * 60_000),
    /** Plans with the main-system link step: the tenant's supervisor is reminded when the main system has not confirmed the link after this long. */
    LOGIN_LINK_REMINDER_AFTER: duration('1d').default(86_400_000),
    /** After a "send me a new link" that sent one, further renewals for that user send nothing for this long. */
    RENEW_COOLDOWN: duration('15m').default(15 * 60_000),
    WORKER_HEARTBEAT_TIMEOUT: duration('20s').default(20_000),
    WORKER_MAX_CACHED_WORKFLOWS: z.coerce.number().int().min(0).default(2_000),

    TOKEN_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    ADMIN_EMAIL: z.email().optional(),
    /** The same rules as every admin and user password (domain/password.ts). */
    ADMIN_PASSWORD: passwordSchema.optional(),

    // HTTP API (api/): admin sessions, CORS, public rate limits and sign-in lockout.
    ADMIN_SESSION_TTL: duration('8h').default(8 * 3_600_000),
    /** Comma-separated origins allowed to call the API from a browser; empty means CORS stays closed. */
    CORS_ORIGINS: z.string().default(''),
    RATE_LIMIT_WINDOW: duration('1m').default(60_000),
    /** Requests per IP per window on /api/public. */
    PUBLIC_RATE_LIMIT: z.coerce.number().int().min(1).default(60),
    /** Requests per invitation token per window (GET, accept, renew of one link). */
    TOKEN_RATE_LIMIT: z.coerce.number().int().min(1).default(10),
    /** Requests per API key on /api/v1, and per SCIM token on /scim/v2, per window (RateLimit headers; 429 with Retry-After past it). */
    API_RATE_LIMIT: z.coerce.number().int().min(1).default(600),
    /** Failed sign-ins from one client IP for one e-mail before that client is locked out of it for LOGIN_LOCKOUT. */
    LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).default(5),
    LOGIN_LOCKOUT: duration('15m').default(15 * 60_000),
    /** Failed sign-ins for one e-mail from all clients per LOGIN_LOCKOUT before only clients that signed in to it before get through. */
    LOGIN_ACCOUNT_MAX_FAILURES: z.coerce.number().int().min(1).default(50),
    /** Sign-in attempts per client IP per RATE_LIMIT_WINDOW, on each of the admin and the public sign-in. */
    LOGIN_RATE_LIMIT: z.coerce.number().int().min(1).default(30),
    /** Which proxies' X-Forwarded-For gives the client IP that every per-IP limit keys on. */
    TRUST_PROXY: trustProxy.default(['loopback']),
    /** How long a request holds its Idempotency-Key without renewing it: a retry after the holder died waits this long at most. */
    IDEMPOTENCY_LEASE: duration('1m').default(60_000),

    // Lifecycle webhooks (webhooks/): a failed attempt is retried after WEBHOOK_RETRY_INITIAL,
    // doubling up to WEBHOOK_RETRY_MAX_INTERVAL, for WEBHOOK_RETRY_FOR from the first attempt.
    WEBHOOK_RETRY_INITIAL: duration('10s').default(10_000),
    WEBHOOK_RETRY_MAX_INTERVAL: duration('1h').default(3_600_000),
    WEBHOOK_RETRY_FOR: duration('3d').default(WEBHOOK_RETRY_LIMIT_MS),
    /** Endpoints per tenant (and global ones): each lifecycle transition starts a delivery per endpoint. */
    WEBHOOK_MAX_ENDPOINTS: z.coerce.number().int().min(1).max(1_000).default(20),
    /** Webhook attempts in flight per worker, on their own task queue: slow receivers never take the lifecycles' slots. */
    WEBHOOK_CONCURRENCY: z.coerce.number().int().min(1).max(1_000).default(20),
    /** Lets webhooks reach loopback and private addresses: local receivers, in development and tests only (refused in production). */
    WEBHOOK_ALLOW_PRIVATE: z.enum(['true', 'false'], { error: 'expected "true" or "false"' }).default('false'),

    // The e-mail providers' bounce and complaint reports (api/email-events/, docs/email-providers.md):
    // each provider's route answers 404 until its setting is here.
    /** Amazon SES through SNS: the topics whose notifications count (SNS signs every topic's, anyone's included). */
    SES_SNS_TOPIC_ARNS: snsTopicArns.optional(),
    /** SendGrid's Signed Event Webhook verification key. */
    SENDGRID_WEBHOOK_PUBLIC_KEY: p256PublicKey.optional(),
    /** Postmark's bounce and spam-complaint webhooks authenticate with HTTP basic auth, in the webhook URL. */
    POSTMARK_WEBHOOK_USER: z
      .string()
      .max(100)
      .regex(/^[^:]+$/, 'must not contain ":"')
      .optional(),
    POSTMARK_WEBHOOK_PASSWORD: z.string().min(16, 'must be at least 16 characters').max(200).optional(),
    /** Mailgun's HTTP webhook signing key (Sending → Webhooks). */
    MAILGUN_WEBHOOK_SIGNING_KEY: z.string().min(16, 'must be at least 16 characters').optional(),

    // Metrics and traces (docs/operations.md "Metrics and traces"): the API's /metrics, the worker's Prometheus
    // endpoint, OpenTelemetry traces to an OTLP/HTTP collector.
    /** Bearer token Prometheus sends to the API's GET /metrics; unset: open where the dev defaults apply, off elsewhere. */
    METRICS_TOKEN: z.string().min(32, 'must be at least 32 characters').optional(),
    /** The worker's Prometheus endpoint (the Temporal SDK's metrics and the service's counters); unset or 0: none. */
    WORKER_METRICS_PORT: port.optional(),
    /** The address that endpoint listens on (an IP: the SDK's exporter does not resolve names). */
    WORKER_METRICS_HOST: z
      .string()
      .refine((host) => isIP(host) !== 0, 'expected an IP address such as "127.0.0.1" or "0.0.0.0"')
      .default('127.0.0.1'),
    /** OpenTelemetry's standard variables: traces go to `<endpoint>/v1/traces`, or to the traces endpoint as given. */
    OTEL_EXPORTER_OTLP_ENDPOINT: url(['http', 'https']).optional(),
    OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: url(['http', 'https']).optional(),
    OTEL_SERVICE_NAME: z.string().min(1).optional(),
  })
  .superRefine((env, ctx) => {
    const latestReminder = env.REMINDER_SCHEDULE.at(-1) ?? 0;
    if (latestReminder >= env.INVITE_TTL) {
      ctx.addIssue({ code: 'custom', path: ['REMINDER_SCHEDULE'], message: 'every reminder must come before INVITE_TTL' });
    }
    const devDefaults = devDefaultsApply(env);
    if (!env.TOKEN_SECRET && !devDefaults) {
      ctx.addIssue({
        code: 'custom',
        path: ['TOKEN_SECRET'],
        message:
          env.NODE_ENV === 'production'
            ? 'must be set to a random secret of at least 32 characters in production'
            : 'must be set to a random secret of at least 32 characters when MONGO_URL is set (the dev default only applies to the embedded development setup)',
      });
    } else if (env.TOKEN_SECRET === DEV_TOKEN_SECRET && !devDefaults) {
      ctx.addIssue({ code: 'custom', path: ['TOKEN_SECRET'], message: 'is the public dev value: set a random secret of at least 32 characters' });
    }
    if (env.NODE_ENV === 'production') {
      if (env.LOG_FORMAT === 'pretty') ctx.addIssue({ code: 'custom', path: ['LOG_FORMAT'], message: 'production logs JSON' });
      for (const name of ['TEMPORAL_ADDRESS', 'MONGO_URL', 'SMTP_URL', 'PUBLIC_URL'] as const) {
        if (!env[name]) ctx.addIssue({ code: 'custom', path: [name], message: 'is required in production' });
      }
    }
    if (env.WEBHOOK_RETRY_INITIAL <= 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['WEBHOOK_RETRY_INITIAL'],
        message: 'must be longer than 0 (a receiver that is down would be called in a tight loop)',
      });
    } else if (env.WEBHOOK_RETRY_INITIAL > env.WEBHOOK_RETRY_MAX_INTERVAL) {
      ctx.addIssue({ code: 'custom', path: ['WEBHOOK_RETRY_INITIAL'], message: 'must not exceed WEBHOOK_RETRY_MAX_INTERVAL' });
    }
    if (env.NODE_ENV === 'production' && env.WEBHOOK_ALLOW_PRIVATE === 'true') {
      ctx.addIssue({
        code: 'custom',
        path: ['WEBHOOK_ALLOW_PRIVATE'],
        message: 'is for development and tests: in production webhooks reach public addresses only',
      });
    }
    if (env.WEBHOOK_RETRY_FOR > WEBHOOK_RETRY_LIMIT_MS) {
      ctx.addIssue({ code: 'custom', path: ['WEBHOOK_RETRY_FOR'], message: 'must be at most 3d (the delivery workflow gives up after three days)' });
    }
    if (Boolean(env.POSTMARK_WEBHOOK_USER) !== Boolean(env.POSTMARK_WEBHOOK_PASSWORD)) {
      ctx.addIssue({
        code: 'custom',
        path: [env.POSTMARK_WEBHOOK_USER ? 'POSTMARK_WEBHOOK_PASSWORD' : 'POSTMARK_WEBHOOK_USER'],
        message: 'POSTMARK_WEBHOOK_USER and POSTMARK_WEBHOOK_PASSWORD go together',
      });
    }
    if (Boolean(env.ADMIN_EMAIL) !== Boolean(env.ADMIN_PASSWORD)) {
      ctx.addIssue({ code: 'custom', path: [env.ADMIN_EMAIL ? 'ADMIN_PASSWORD' : 'ADMIN_EMAIL'], message: 'ADMIN_EMAIL and ADMIN_PASSWORD go together' });
    }
  });

export type Env = z.output<typeof envSchema>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig(source: NodeJS.ProcessEnv = process.env) {
  // Empty strings come from `FOO= npm start` and compose files; treat them as unset.
  const present = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const name = issue.path.join('.') || 'environment';
        const variable = typeof issue.path[0] === 'string' ? issue.path[0] : undefined;
        const value = variable === undefined ? undefined : present[variable];
        const got = variable === undefined || value === undefined ? undefined : displayValue(variable, value);
        return `${name}: ${issue.message}${got === undefined ? '' : ` (got "${got}")`}`;
      }),
    );
  }
  return resolve(parsed.data);
}

function resolve(env: Env) {
  const dataDir = path.resolve(env.DATA_DIR);
  const devDefaults = devDefaultsApply(env);
  return {
    ...env,
    /** Only undefined where the dev defaults apply (checked by the schema). */
    TOKEN_SECRET: env.TOKEN_SECRET ?? DEV_TOKEN_SECRET,
    dataDir,
    publicUrl: (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, ''),
    signInUrl: env.SIGN_IN_URL ?? `${(env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, '')}/sign-in`,
    temporalAddress: env.TEMPORAL_ADDRESS ?? `127.0.0.1:${env.TEMPORAL_PORT}`,
    temporalUiUrl: (env.TEMPORAL_UI_URL ?? `http://localhost:${env.TEMPORAL_UI_PORT}`).replace(/\/$/, ''),
    mongoUrl: env.MONGO_URL ?? embeddedMongoUrl(env.MONGO_PORT, 'activation'),
    smtpUrl: env.SMTP_URL ?? `smtp://127.0.0.1:${env.SMTP_PORT}`,
    /** Invitation links are bearer credentials: in production they cross the network encrypted or not at all. */
    smtpRequireTls: env.SMTP_REQUIRE_TLS === undefined ? env.NODE_ENV === 'production' : env.SMTP_REQUIRE_TLS === 'true',
    embedded: { temporal: !env.TEMPORAL_ADDRESS, mongo: !env.MONGO_URL, smtp: !env.SMTP_URL },
    /** Created at start if no admin account has this e-mail; without ADMIN_EMAIL, the dev account only where the dev defaults apply. */
    adminBootstrap:
      env.ADMIN_EMAIL && env.ADMIN_PASSWORD
        ? { email: env.ADMIN_EMAIL, password: env.ADMIN_PASSWORD, devDefaults: false }
        : devDefaults
          ? { ...DEV_ADMIN, devDefaults: true }
          : null,
    corsOrigins: env.CORS_ORIGINS.split(',')
      .map((origin) => origin.trim().replace(/\/$/, ''))
      .filter(Boolean),
    webhookRetry: { initialMs: env.WEBHOOK_RETRY_INITIAL, maxIntervalMs: env.WEBHOOK_RETRY_MAX_INTERVAL, forMs: env.WEBHOOK_RETRY_FOR },
    webhookAllowPrivate: env.WEBHOOK_ALLOW_PRIVATE === 'true',
    metrics: {
      /** undefined: /metrics answers without a token (dev defaults only); null: /metrics is off. */
      token: env.METRICS_TOKEN ?? (devDefaults ? undefined : null),
      workerAddress: env.WORKER_METRICS_PORT ? socketAddress(env.WORKER_METRICS_HOST, env.WORKER_METRICS_PORT) : null,
    },
    /** Traces are exported only when an OTLP endpoint is configured; otherwise nothing is traced at all. */
    tracing:
      env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT || env.OTEL_EXPORTER_OTLP_ENDPOINT
        ? {
            url: env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? `${env.OTEL_EXPORTER_OTLP_ENDPOINT!.replace(/\/$/, '')}/v1/traces`,
            serviceName: env.OTEL_SERVICE_NAME,
          }
        : null,
    lifecycle: {
      syncDelayMs: env.SYNC_DELAY,
      reminderOffsetsMs: env.REMINDER_SCHEDULE,
      invitationTtlMs: env.INVITE_TTL,
      reminderSpreadMs: env.REMINDER_SPREAD,
      loginLinkReminderMs: env.LOGIN_LINK_REMINDER_AFTER,
    },
  };
}

/** `host:port` as a socket address: IPv6 in brackets. */
const socketAddress = (host: string, port: number) => (isIP(host) === 6 ? `[${host}]:${port}` : `${host}:${port}`);

export type Config = ReturnType<typeof resolve>;
