import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import express, { type Request } from 'express';
import { z } from 'zod';
import type { Config } from '../../config/env.js';
import { emailProviderSchema, type EmailProvider, type ProviderEmailEvent } from '../../domain/email-events.js';
import { basicAuthMatches } from '../../security/basic-auth.js';
import { verifyMailgunSignature } from '../../security/mailgun-signature.js';
import { SENDGRID_SIGNATURE_HEADER, SENDGRID_TIMESTAMP_HEADER, sendgridPublicKey, verifySendgridSignature } from '../../security/sendgrid-signature.js';
import { SnsSignatureError, snsSignatureVerifier, type Fetch } from '../../security/sns-signature.js';
import type { UseCases } from '../../use-cases/index.js';
import { validationError } from '../errors.js';
import { DocumentedRouter } from '../http/documented-router.js';
import { fail } from '../http/error-messages.js';
import { mailgunEventDataSchema, mailgunEvents, mailgunSignatureSchema } from './mailgun.js';
import { postmarkEvents, postmarkPayloadSchema } from './postmark.js';
import { sendgridEvents, sendgridPayloadSchema } from './sendgrid.js';
import { sesEvents, snsMessageSchema } from './ses.js';

export const EMAIL_EVENTS_PREFIX = '/api/v1/email-events';

/** The bytes each request came with: SendGrid signs them as sent, so the parsed JSON will not do. */
const rawBodies = new WeakMap<object, Buffer>();

/**
 * The providers' bodies, read as JSON whatever their Content-Type (SNS posts `text/plain`), their
 * bytes kept for the signatures. Mounted before the API's general parser (api/app.ts); SendGrid
 * posts up to a few thousand events at once.
 */
export const emailEventsBody = express.json({ type: () => true, limit: '2mb', verify: (req, _res, bytes) => void rawBodies.set(req, Buffer.from(bytes)) });

const providerBody = z
  .union([z.array(z.looseObject({})), z.looseObject({})])
  .meta({ id: 'EmailProviderEvents', description: "The provider's own JSON, as its documentation shows it (SendGrid: an array of events)" });

const sendgridHeaders = z.object({
  [SENDGRID_SIGNATURE_HEADER]: z.string().optional().meta({ description: 'sendgrid: the ECDSA signature of the timestamp and the body, base64' }),
  [SENDGRID_TIMESTAMP_HEADER]: z.string().optional().meta({ description: 'sendgrid: the timestamp signed with the body' }),
});

const answer = z
  .object({
    received: z.number().int().meta({ description: 'Bounces and complaints in the request' }),
    applied: z.number().int().meta({ description: "Marked a user's address failing (a hard bounce or a complaint on the current address)" }),
    recorded: z.number().int().meta({ description: 'Kept in the e-mail log only (soft bounces, addresses changed since)' }),
    unmatched: z.number().int().meta({ description: 'About no e-mail of this service: ignored' }),
    duplicate: z.number().int().meta({ description: 'Received before: nothing more changed' }),
  })
  .meta({ id: 'EmailEventsReceived' });
type Answer = z.infer<typeof answer>;

const parse = <T extends z.ZodType>(schema: T, value: unknown) => {
  const result = schema.safeParse(value);
  if (!result.success) throw validationError(result.error, 'body');
  return result.data as z.output<T>;
};

function refused(req: Request, provider: EmailProvider, why: string): never {
  req.log?.warn({ provider, why }, 'e-mail provider event refused');
  throw fail('UNAUTHENTICATED', { detail: why });
}

/**
 * POST /api/v1/email-events/{provider}: the e-mail providers' late reports on what they accepted
 * (bounces, spam complaints). No API key: each provider proves itself its own way (SNS and
 * SendGrid signatures, Postmark basic auth, Mailgun HMAC); a provider without its setting is not
 * here (404), a request that does not prove itself is 401 and changes nothing. Everything else is
 * 200, events about no e-mail of ours included, since providers retry whatever is not a 2xx.
 */
export function emailEventRoutes(registry: OpenAPIRegistry, deps: { config: Config; useCases: Pick<UseCases, 'emailEvents'>; fetch?: Fetch }) {
  const { config } = deps;
  const { emailEvents } = deps.useCases;
  const routes = new DocumentedRouter(registry, EMAIL_EVENTS_PREFIX, { tag: 'E-mail providers', security: 'none', errors: [] });
  const sns = snsSignatureVerifier({ fetch: deps.fetch ?? ((url, init) => globalThis.fetch(url, init)) });
  const sendgridKey = config.SENDGRID_WEBHOOK_PUBLIC_KEY ? sendgridPublicKey(config.SENDGRID_WEBHOOK_PUBLIC_KEY) : null;
  const postmark =
    config.POSTMARK_WEBHOOK_USER && config.POSTMARK_WEBHOOK_PASSWORD
      ? { user: config.POSTMARK_WEBHOOK_USER, password: config.POSTMARK_WEBHOOK_PASSWORD }
      : null;
  const notConfigured = (provider: EmailProvider) => fail('NOT_FOUND', { detail: `${provider} reports are not configured here` });

  async function record(req: Request, events: ProviderEmailEvent[], replayToken?: string) {
    const tally: Answer = { received: events.length, applied: 0, recorded: 0, unmatched: 0, duplicate: 0 };
    for (const event of events) {
      const outcome = await emailEvents.record(event, { replayToken });
      if (outcome === 'replayed') refused(req, event.provider, 'the token was already used by another event');
      tally[outcome] += 1;
    }
    return tally;
  }

  /** Each provider: its proof, then its events. */
  const providers: Record<EmailProvider, (body: unknown, req: Request) => Promise<Answer>> = {
    async ses(body, req) {
      const topics = config.SES_SNS_TOPIC_ARNS;
      if (!topics) throw notConfigured('ses');
      // Unsigned by construction: what is not an SNS message cannot prove itself.
      const envelope = snsMessageSchema.safeParse(body);
      if (!envelope.success) refused(req, 'ses', `not an Amazon SNS message (${envelope.error.issues.map((issue) => issue.path.join('.')).join(', ')})`);
      const message = envelope.data;
      // Before any certificate is fetched: SNS signs every topic's messages, a stranger's included.
      if (!topics.includes(message.TopicArn)) refused(req, 'ses', 'the topic is not one of SES_SNS_TOPIC_ARNS');
      try {
        await sns.verify(message);
      } catch (error) {
        if (error instanceof SnsSignatureError) refused(req, 'ses', error.message);
        throw error;
      }
      if (message.Type === 'SubscriptionConfirmation') {
        await emailEvents.confirmSesSubscription({ messageId: message.MessageId, topicArn: message.TopicArn, subscribeUrl: message.SubscribeURL! });
        return record(req, []);
      }
      return record(req, message.Type === 'Notification' ? sesEvents(message) : []);
    },
    async sendgrid(body, req) {
      if (!sendgridKey) throw notConfigured('sendgrid');
      const payload = rawBodies.get(req) ?? Buffer.alloc(0);
      const signed = { signature: req.get(SENDGRID_SIGNATURE_HEADER), timestamp: req.get(SENDGRID_TIMESTAMP_HEADER), payload };
      if (!verifySendgridSignature(sendgridKey, signed)) {
        refused(req, 'sendgrid', 'the signature does not match the body');
      }
      return record(req, sendgridEvents(parse(sendgridPayloadSchema, body)));
    },
    async postmark(body, req) {
      if (!postmark) throw notConfigured('postmark');
      if (!basicAuthMatches(req.headers.authorization, postmark)) refused(req, 'postmark', 'wrong or missing basic auth credentials');
      return record(req, postmarkEvents(parse(postmarkPayloadSchema, body), rawBodies.get(req) ?? Buffer.alloc(0)));
    },
    async mailgun(body, req) {
      const key = config.MAILGUN_WEBHOOK_SIGNING_KEY;
      if (!key) throw notConfigured('mailgun');
      const signature = mailgunSignatureSchema.safeParse((body as { signature?: unknown }).signature);
      if (!signature.success) refused(req, 'mailgun', 'no signature object');
      const verdict = verifyMailgunSignature(key, signature.data);
      if (verdict === 'badSignature') refused(req, 'mailgun', 'the signature does not match');
      if (verdict === 'stale') refused(req, 'mailgun', 'the timestamp is more than 5 minutes from now');
      const data = parse(z.looseObject({ 'event-data': mailgunEventDataSchema }), body)['event-data'];
      return record(req, mailgunEvents(data), signature.data.token);
    },
  };

  routes.route({
    method: 'post',
    scope: 'none',
    path: '/:provider',
    summary: 'An e-mail provider reports bounces and spam complaints (Amazon SES through SNS, SendGrid, Postmark, Mailgun)',
    description: [
      "No API key: each provider proves itself its own way — `ses`: an Amazon SNS message (any Content-Type, SNS posts text/plain) signed by SNS (SignatureVersion 1 or 2, certificate from https://sns.<region>.amazonaws.com) for a topic of SES_SNS_TOPIC_ARNS, subscription confirmations included; `sendgrid`: the Signed Event Webhook's ECDSA signature (X-Twilio-Email-Event-Webhook-Signature and -Timestamp); `postmark`: HTTP basic auth; `mailgun`: the body's HMAC signature, less than 5 minutes old, its token used once.",
      "A hard bounce or a complaint on a user's current address marks it failing and stops the reminders; a soft bounce is kept in the e-mail log. Reports about no e-mail of this service, or received before, change nothing and are answered 200 as well (providers retry anything else).",
      'A provider whose setting is unset answers 404; one that does not prove itself, 401, and nothing is recorded.',
    ].join(' '),
    params: z.object({ provider: emailProviderSchema }),
    headers: sendgridHeaders,
    body: providerBody,
    responses: { 200: { description: 'Taken', schema: answer } },
    errors: ['UNAUTHENTICATED', 'NOT_FOUND'],
    handler: async ({ params, body }, req, res) => {
      res.json(await providers[params.provider](body, req));
    },
  });

  return routes;
}
