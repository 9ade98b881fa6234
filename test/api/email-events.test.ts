import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/app.js';
import { AuditEventModel, EmailEventModel, EmailLogModel, UserModel } from '../../data/models/index.js';
import { apiClient, useTestApi } from '../harness/api-client.js';
import { apiTenant, freshEmail } from '../harness/api-fixtures.js';
import { testConfig, useTestWorker } from '../harness/context.js';
import {
  basicAuth,
  fakeSnsInternet,
  sendgridTestKeys,
  signMailgun,
  signSendgrid,
  signSns,
  snsTestCertificate,
  type UnsignedSnsMessage,
} from '../harness/email-provider-signing.js';
import { eventually } from '../harness/eventually.js';
import { waitForMessages } from '../harness/mailbox-client.js';
import { startWebhookReceiver } from '../harness/webhook-receiver.js';

/**
 * The e-mail providers' late reports, end to end: each provider's documented sample payload,
 * signed with keys made here (the real ones cannot be had, nor Amazon's certificate fetched),
 * turns the right user's e-mail failing, stops its reminders and shows in the office's tracker;
 * a forged one changes nothing; a replay changes nothing more; fixing the e-mail clears it and
 * invites again.
 */
const TOPIC = 'arn:aws:sns:us-east-1:123456789012:ses-bounces';
const CERT_URL = 'https://sns.us-east-1.amazonaws.com/SimpleNotificationService-7ff5318490ec183fbaddaa2a969abfda.pem';
const sendgrid = sendgridTestKeys();
const MAILGUN_KEY = 'mailgun-http-webhook-signing-key';
const POSTMARK = { user: 'postmark', password: 'postmark webhook password 42' };
const providerSettings = {
  SES_SNS_TOPIC_ARNS: TOPIC,
  SENDGRID_WEBHOOK_PUBLIC_KEY: sendgrid.publicKeyBase64,
  POSTMARK_WEBHOOK_USER: POSTMARK.user,
  POSTMARK_WEBHOOK_PASSWORD: POSTMARK.password,
  MAILGUN_WEBHOOK_SIGNING_KEY: MAILGUN_KEY,
};
// Reminders an hour apart: a stopped schedule shows as nextReminderAt null, not as the test's clock running out.
const config = testConfig({ REMINDER_SCHEDULE: '1h,2h', INVITE_TTL: '3h', ...providerSettings });
const env = useTestApi(config);
useTestWorker(config);

const sns = snsTestCertificate();
const internet = fakeSnsInternet({ [CERT_URL]: sns.certificatePem });
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
// The API runs in this process: its fetches of amazonaws.com reach the fake; everything else the loopback.
const realFetch = globalThis.fetch;
beforeAll(async () => {
  globalThis.fetch = async (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    return new URL(url).hostname.endsWith('.amazonaws.com') ? internet.fetch(url) : realFetch(input, init);
  };
  receiver = await startWebhookReceiver();
});
afterAll(async () => {
  globalThis.fetch = realFetch;
  await receiver?.close();
});

/** An invited person of a fresh office, with the Message-ID of the invitation they were sent. */
async function invited(label: string) {
  const tenant = await apiTenant(env.integration, '/api/v1/tenants');
  const email = freshEmail(label);
  const { body } = await env.integration.post('/api/v1/onboardings', { tenantId: tenant.id, name: `Person ${label}`, email, locale: 'pt-BR' });
  const [message] = await waitForMessages(email, 1);
  const log = await eventually(async () => {
    const entry = await EmailLogModel.findOne({ userId: body.id, template: 'invitation', status: 'sent' }).lean();
    expect(entry).toBeTruthy();
    return entry!;
  });
  expect(log.messageId).toBe(message!.messageId);
  return { userId: body.id as string, tenantId: tenant.id as string, email, messageId: log.messageId, emailKey: log._id };
}
type Person = Awaited<ReturnType<typeof invited>>;

const post = (provider: string, body: string, headers: Record<string, string> = {}) =>
  env.anonymous.call('POST', `/api/v1/email-events/${provider}`, { rawBody: body, headers: { 'content-type': 'application/json', ...headers } });
const postSns = (message: object) =>
  post('ses', JSON.stringify(message), { 'content-type': 'text/plain; charset=UTF-8', 'x-amz-sns-message-type': String((message as { Type: string }).Type) });

/** What the office and the main system see once a report turned the address failing. */
async function expectFailing(person: Person, reason: string, words: { en: string; 'pt-BR': string }) {
  const user = await eventually(async () => {
    const stored = await UserModel.findById(person.userId).lean();
    expect(stored?.emailFailing).toBe(true);
    return stored!;
  });
  expect(user.lastEmailError).toMatch(new RegExp(`^${reason}(: |$)`));
  // The lifecycle itself: no reminder scheduled any more.
  const live = await env.integration.get(`/api/v1/onboardings/${person.userId}`);
  expect(live.body).toMatchObject({ source: 'workflow', status: 'invited', emailFailing: true, nextReminderAt: null });
  const tracker = await env.admin.get(`/api/admin/tenants/${person.tenantId}/activation`);
  expect(tracker.status).toBe(200);
  expect(tracker.body.counts.emailFailing).toBe(1);
  const stuck = tracker.body.stuck.people.find((one: { id: string }) => one.id === person.userId);
  expect(stuck).toMatchObject({ reason: 'emailFailing', emailFailure: { reason, text: words } });
}

const MAILBOX_GONE = { en: 'mailbox does not exist', 'pt-BR': 'caixa postal inexistente' };
const SPAM = { en: 'marked as spam', 'pt-BR': 'marcado como spam' };

/** Amazon SES's bounce and complaint notifications as its documentation shows them, inside the SNS envelope. */
const sesBounce = (to: string, sesMessageId: string, feedbackId: string) => ({
  notificationType: 'Bounce',
  bounce: {
    feedbackId,
    bounceType: 'Permanent',
    bounceSubType: 'General',
    bouncedRecipients: [{ emailAddress: to, action: 'failed', status: '5.1.1', diagnosticCode: 'smtp; 550 5.1.1 user unknown' }],
    timestamp: '2026-05-25T14:59:38.605Z',
    remoteMtaIp: '127.0.2.0',
    reportingMTA: 'dsn; a8-70.smtp-out.amazonses.com',
  },
  mail: {
    timestamp: '2026-05-25T14:59:38.605Z',
    source: 'no-reply@accounts.test',
    sourceArn: 'arn:aws:ses:us-east-1:123456789012:identity/accounts.test',
    sendingAccountId: '123456789012',
    messageId: sesMessageId,
    destination: [to],
  },
});
const sesComplaint = (to: string, messageId: string) => ({
  notificationType: 'Complaint',
  complaint: {
    userAgent: 'AnyCompany Feedback Loop (V0.01)',
    complainedRecipients: [{ emailAddress: to }],
    complaintFeedbackType: 'abuse',
    arrivalDate: '2026-05-25T14:59:38.000Z',
    timestamp: '2026-05-25T14:59:38.623Z',
    feedbackId: `000001378603177f-18c07c78-${Date.now()}-000000`,
  },
  mail: { messageId: '0000013786031775-fea503bc-7497-49e1-881b-a0379bb037d3-000000', destination: [to], commonHeaders: { messageId, to: [to] } },
});
const notification = (message: object, id = randomUUID()): UnsignedSnsMessage => ({
  Type: 'Notification',
  MessageId: id,
  TopicArn: TOPIC,
  Message: JSON.stringify(message),
  Timestamp: new Date().toISOString(),
  UnsubscribeURL: `https://sns.us-east-1.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=${TOPIC}:7ab21ba9`,
});

describe('Amazon SES through SNS', () => {
  it('confirms the subscription by fetching SubscribeURL, only once the signature checks', async () => {
    const subscribeUrl = `https://sns.us-east-1.amazonaws.com/?Action=ConfirmSubscription&TopicArn=${TOPIC}&Token=2336412f37fb687f5d51e6e241d09c805a5a57b30d712f`;
    const confirmation = {
      Type: 'SubscriptionConfirmation',
      MessageId: randomUUID(),
      Token: '2336412f37fb687f5d51e6e241d09c805a5a57b30d712f',
      TopicArn: TOPIC,
      Message: `You have chosen to subscribe to the topic ${TOPIC}.\nTo confirm the subscription, visit the SubscribeURL included in this message.`,
      SubscribeURL: subscribeUrl,
      Timestamp: new Date().toISOString(),
    };
    const signed = signSns(confirmation, sns.privateKeyPem, CERT_URL, '1');
    // Forged: the same message pointing elsewhere, its signature no longer matching. Nothing fetched but the certificate.
    const forged = await postSns({ ...signed, SubscribeURL: subscribeUrl.replace('Token=', 'Token=forged') });
    expect(forged.status).toBe(401);
    expect(internet.fetched.filter((url) => url.includes('ConfirmSubscription'))).toEqual([]);
    // Signed, but its SubscribeURL is not SNS's: refused, not fetched.
    const elsewhere = signSns({ ...confirmation, MessageId: randomUUID(), SubscribeURL: 'https://attacker.example/confirm' }, sns.privateKeyPem, CERT_URL);
    expect((await postSns(elsewhere)).status).toBe(400);

    const answer = await postSns(signed);
    expect(answer.status).toBe(200);
    expect(internet.fetched.filter((url) => url.includes('ConfirmSubscription'))).toEqual([subscribeUrl]);
    expect(await EmailEventModel.findById(`ses:${confirmation.MessageId}`).lean()).toMatchObject({ outcome: 'subscriptionConfirmed' });
    // SNS repeats a confirmation until answered: confirmed once.
    expect((await postSns(signed)).status).toBe(200);
    expect(internet.fetched.filter((url) => url.includes('ConfirmSubscription'))).toHaveLength(1);
  });

  it("a permanent bounce (matched by SES's own id) turns the address failing, stops the reminders, is announced once; a replay changes nothing more", async () => {
    const person = await invited('ses-bounce');
    const endpoint = await env.integration.post('/api/v1/webhooks', { url: receiver.url('/ses'), events: ['user.email_failed'], tenantId: person.tenantId });
    expect(endpoint.status).toBe(201);
    // SES answers the send with `250 Ok <its id>`, which the e-mail activity keeps; the test SMTP server has none to give.
    const sesMessageId = `0100018c5e2b7d4a-${Date.now()}-000000`;
    await EmailLogModel.updateOne({ _id: person.emailKey }, { $set: { providerMessageId: sesMessageId } });
    const signed = signSns(notification(sesBounce(person.email, sesMessageId, `0100018c-feedback-${Date.now()}`)), sns.privateKeyPem, CERT_URL, '2');

    const answer = await postSns(signed);
    expect([answer.status, answer.body]).toEqual([200, { received: 1, applied: 1, recorded: 0, unmatched: 0, duplicate: 0 }]);
    await expectFailing(person, 'mailboxDoesNotExist', MAILBOX_GONE);
    const delivered = await eventually(async () => {
      const calls = receiver.received.filter((call) => call.path === '/ses');
      expect(calls).toHaveLength(1);
      return JSON.parse(calls[0]!.body) as { type: string; data: { userId: string; error: string } };
    });
    expect(delivered).toMatchObject({ type: 'user.email_failed', data: { userId: person.userId, error: 'mailboxDoesNotExist: smtp; 550 5.1.1 user unknown' } });
    const log = await EmailLogModel.findById(person.emailKey).lean();
    expect(log?.deliveryReport).toMatchObject({ provider: 'ses', kind: 'hardBounce', reason: 'mailboxDoesNotExist' });

    // SNS retrying the same notification: answered, nothing more.
    const replay = await postSns(signed);
    expect([replay.status, replay.body.duplicate]).toEqual([200, 1]);
    await sleep(1_000);
    expect(await AuditEventModel.countDocuments({ entityId: person.userId, action: 'lifecycle.emailFailed' })).toBe(1);
    expect(receiver.received.filter((call) => call.path === '/ses')).toHaveLength(1);
    expect((await EmailLogModel.findById(person.emailKey).lean())?.deliveryReports).toHaveLength(1);
  });

  it('a complaint (matched by our Message-ID) marks the address as spam-reported', async () => {
    const person = await invited('ses-complaint');
    const answer = await postSns(signSns(notification(sesComplaint(person.email, person.messageId)), sns.privateKeyPem, CERT_URL));
    expect([answer.status, answer.body.applied]).toEqual([200, 1]);
    await expectFailing(person, 'markedAsSpam', SPAM);
  });

  it('refuses forgeries: a changed message, a certificate elsewhere, a topic not ours; nothing recorded', async () => {
    const person = await invited('ses-forged');
    const message = notification(sesComplaint(person.email, person.messageId));
    const signed = signSns(message, sns.privateKeyPem, CERT_URL);
    const before = await EmailEventModel.countDocuments();
    const forgeries = [
      { ...signed, Message: signed.Message.replace('abuse', 'fraud') },
      signSns(message, sns.privateKeyPem, 'https://sns.us-east-1.amazonaws.com.attacker.example/cert.pem'),
      signSns(message, sns.privateKeyPem, 'https://sns.eu-west-1.amazonaws.com/SimpleNotificationService-x.pem'),
      signSns({ ...message, TopicArn: 'arn:aws:sns:us-east-1:999999999999:someone-elses' }, sns.privateKeyPem, CERT_URL),
      signSns(message, snsTestCertificate().privateKeyPem, CERT_URL),
    ];
    for (const forged of forgeries) {
      const answer = await postSns(forged);
      expect([answer.status, answer.body.error?.code]).toEqual([401, 'UNAUTHENTICATED']);
    }
    expect(internet.fetched.filter((url) => !url.startsWith(CERT_URL) && !url.includes('ConfirmSubscription'))).toEqual([]);
    expect(await EmailEventModel.countDocuments()).toBe(before);
    expect((await UserModel.findById(person.userId).lean())?.emailFailing).toBe(false);
  });
});

describe('SendGrid Event Webhook', () => {
  const event = (person: Person, fields: Record<string, unknown>) => ({
    email: person.email,
    timestamp: Math.floor(Date.now() / 1000),
    'smtp-id': person.messageId,
    sg_event_id: `sg-${randomUUID()}`,
    sg_message_id: '14c5d75ce93.dfd.64b469.filter0001.16648.5515E0B88.0',
    ...fields,
  });

  it('a bounce turns the address failing; a blocked one (soft) and an unknown message are recorded or ignored', async () => {
    const person = await invited('sendgrid');
    const other = await invited('sendgrid-soft');
    const body = JSON.stringify([
      event(other, { event: 'bounce', type: 'blocked', status: '4.0.0', reason: '421 4.7.0 temporarily deferred', bounce_classification: 'Reputation' }),
      event(person, { event: 'bounce', type: 'bounce', status: '5.1.1', reason: '550 5.1.1 The email account that you tried to reach does not exist' }),
      event({ ...person, messageId: '<14c5d75ce93.dfd.64b469@ismtpd-555>' }, { event: 'spamreport' }),
      event(person, { event: 'delivered', response: '250 OK' }),
    ]);
    const forged = await post('sendgrid', body.replace('5.1.1', '5.1.2'), signSendgrid(sendgrid.privateKey, body));
    expect(forged.status).toBe(401);
    expect((await post('sendgrid', body)).status).toBe(401);

    const answer = await post('sendgrid', body, signSendgrid(sendgrid.privateKey, body));
    expect([answer.status, answer.body]).toEqual([200, { received: 3, applied: 1, recorded: 1, unmatched: 1, duplicate: 0 }]);
    await expectFailing(person, 'mailboxDoesNotExist', MAILBOX_GONE);
    // The soft bounce: in the e-mail log only; the reminders go on.
    expect((await EmailLogModel.findById(other.emailKey).lean())?.deliveryReport).toMatchObject({ kind: 'softBounce', reason: 'blocked' });
    const live = await env.integration.get(`/api/v1/onboardings/${other.userId}`);
    expect(live.body).toMatchObject({ emailFailing: false });
    expect(live.body.nextReminderAt).not.toBeNull();
  });
});

describe('Postmark', () => {
  it('a hard bounce (basic auth) turns the address failing; wrong credentials change nothing', async () => {
    const person = await invited('postmark');
    // Written as Postmark writes it: an ID past 2^53, which a JavaScript number cannot hold.
    const bounce = JSON.stringify({
      RecordType: 'Bounce',
      MessageStream: 'outbound',
      ID: 0,
      Type: 'HardBounce',
      TypeCode: 1,
      Name: 'Hard bounce',
      Tag: 'Invitation',
      MessageID: '883953f4-6105-42a2-a16a-77a8eac79483',
      Metadata: { 'message-id': person.messageId },
      ServerID: 23,
      Description: 'The server was unable to deliver your message (ex: unknown user, mailbox not found).',
      Details: "smtp;550 5.1.1 The email account that you tried to reach does not exist. Please try double-checking the recipient's email address",
      Email: person.email,
      From: 'no-reply@accounts.test',
      BouncedAt: new Date().toISOString(),
      DumpAvailable: true,
      Inactive: true,
      CanActivate: true,
      Subject: 'Convite',
    }).replace('"ID":0', '"ID":4323372036854775807');
    expect((await post('postmark', bounce, { authorization: basicAuth(POSTMARK.user, 'wrong password 42') })).status).toBe(401);
    expect((await post('postmark', bounce)).status).toBe(401);
    expect((await UserModel.findById(person.userId).lean())?.emailFailing).toBe(false);

    const answer = await post('postmark', bounce, { authorization: basicAuth(POSTMARK.user, POSTMARK.password) });
    expect([answer.status, answer.body.applied]).toEqual([200, 1]);
    await expectFailing(person, 'mailboxDoesNotExist', MAILBOX_GONE);
    // IDs past 2^53 are told apart as written.
    expect(await EmailEventModel.exists({ _id: 'postmark:Bounce:4323372036854775807' })).toBeTruthy();
  });

  it('a spam complaint marks the address as spam-reported', async () => {
    const person = await invited('postmark-spam');
    const complaint = JSON.stringify({
      RecordType: 'SpamComplaint',
      MessageStream: 'outbound',
      ID: 42,
      Type: 'SpamComplaint',
      TypeCode: 100001,
      Name: 'Spam complaint',
      MessageID: '00000000-0000-0000-0000-000000000000',
      Metadata: { 'message-id': person.messageId },
      Description: 'The subscriber explicitly marked this message as spam.',
      Details: 'Test spam complaint details',
      Email: person.email,
      BouncedAt: new Date().toISOString(),
      Inactive: true,
    });
    const answer = await post('postmark', complaint, { authorization: basicAuth(POSTMARK.user, POSTMARK.password) });
    expect([answer.status, answer.body.applied]).toEqual([200, 1]);
    await expectFailing(person, 'markedAsSpam', SPAM);
  });
});

describe('Mailgun', () => {
  const failed = (person: Person, id: string, signature = signMailgun(MAILGUN_KEY)) =>
    JSON.stringify({
      signature,
      'event-data': {
        event: 'failed',
        id,
        timestamp: Date.now() / 1000,
        severity: 'permanent',
        reason: 'bounce',
        recipient: person.email,
        message: { headers: { to: person.email, 'message-id': person.messageId.slice(1, -1), from: 'no-reply@accounts.test', subject: 'Convite' } },
        'delivery-status': { 'attempt-no': 1, code: 550, message: '5.1.1 The email account that you tried to reach does not exist', description: '' },
      },
    });

  it('a permanent failure turns the address failing; a stale timestamp, a bad signature, a replayed token are refused', async () => {
    const person = await invited('mailgun');
    const stale = signMailgun(MAILGUN_KEY, Math.floor(Date.now() / 1000) - 10 * 60);
    expect((await post('mailgun', failed(person, 'G9Bn5sl1TC6nu79C8C0bwg', stale))).status).toBe(401);
    expect((await post('mailgun', failed(person, 'G9Bn5sl1TC6nu79C8C0bwg', signMailgun('another-signing-key-0000')))).status).toBe(401);
    expect((await post('mailgun', JSON.stringify({ 'event-data': JSON.parse(failed(person, 'x'))['event-data'] }))).status).toBe(401);
    expect((await UserModel.findById(person.userId).lean())?.emailFailing).toBe(false);

    const signature = signMailgun(MAILGUN_KEY);
    const body = failed(person, `mg-${randomUUID()}`, signature);
    const answer = await post('mailgun', body);
    expect([answer.status, answer.body.applied]).toEqual([200, 1]);
    await expectFailing(person, 'mailboxDoesNotExist', MAILBOX_GONE);
    // The same request again: nothing more. Its token on another event: a replay, refused.
    expect((await post('mailgun', body)).body.duplicate).toBe(1);
    const other = await post('mailgun', failed(person, `mg-${randomUUID()}`, signature));
    expect(other.status).toBe(401);
  });
});

describe('fixing the e-mail', () => {
  it('clears the failure and invites the new address, with its reminders; a late report on the old one changes nothing', async () => {
    const person = await invited('fixed');
    const complaint = (messageId: string) => signSns(notification(sesComplaint(person.email, messageId)), sns.privateKeyPem, CERT_URL);
    expect((await postSns(complaint(person.messageId))).body.applied).toBe(1);
    await expectFailing(person, 'markedAsSpam', SPAM);

    const newAddress = freshEmail('fixed-new');
    expect((await env.integration.patch(`/api/v1/onboardings/${person.userId}`, { email: newAddress })).status).toBe(200);
    await waitForMessages(newAddress, 1);
    const user = await eventually(async () => {
      const stored = await UserModel.findById(person.userId).lean();
      expect(stored).toMatchObject({ email: newAddress, emailFailing: false, lastEmailError: null, status: 'invited' });
      return stored!;
    });
    expect(user.invitedAt).toBeTruthy();
    const live = await env.integration.get(`/api/v1/onboardings/${person.userId}`);
    expect(live.body.nextReminderAt).not.toBeNull();
    const tracker = await env.admin.get(`/api/admin/tenants/${person.tenantId}/activation`);
    expect(tracker.body.counts.emailFailing).toBe(0);

    // The old address's reminder, reported late: kept in its log, the new address unharmed.
    const late = await postSns(complaint(person.messageId));
    expect([late.status, late.body.recorded]).toEqual([200, 1]);
    await sleep(500);
    expect((await UserModel.findById(person.userId).lean())?.emailFailing).toBe(false);
  });
});

describe('a provider without its setting', () => {
  it('is not here (404), whatever it sends', async () => {
    const bare = createApp({
      config: {
        ...config,
        SES_SNS_TOPIC_ARNS: undefined,
        SENDGRID_WEBHOOK_PUBLIC_KEY: undefined,
        POSTMARK_WEBHOOK_USER: undefined,
        MAILGUN_WEBHOOK_SIGNING_KEY: undefined,
      },
      temporal: env.api.temporal,
      logger: pino({ level: 'silent' }),
    });
    const server = http.createServer(bare).listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      const client = apiClient(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
      for (const provider of ['ses', 'sendgrid', 'postmark', 'mailgun']) {
        const answer = await client.call('POST', `/api/v1/email-events/${provider}`, { body: { Type: 'Notification' } });
        expect([provider, answer.status, answer.body.error.code]).toEqual([provider, 404, 'NOT_FOUND']);
      }
      expect((await client.call('POST', '/api/v1/email-events/sparkpost', { body: {} })).status).toBe(400);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
