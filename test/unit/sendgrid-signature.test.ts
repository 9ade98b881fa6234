import { describe, expect, it } from 'vitest';
import { sendgridPublicKey, verifySendgridSignature } from '../../security/sendgrid-signature.js';
import { sendgridTestKeys, signSendgrid } from '../harness/email-provider-signing.js';

/** SendGrid's documented sample event, as its Event Webhook posts it (an array). */
const body = JSON.stringify([
  {
    email: 'example@test.com',
    timestamp: 1513299569,
    'smtp-id': '<14c5d75ce93.dfd.64b469@ismtpd-555>',
    event: 'bounce',
    category: 'cat facts',
    sg_event_id: '6g4ZI7SA-xmRDv57GoPIPw==',
    sg_message_id: '14c5d75ce93.dfd.64b469.filter0001.16648.5515E0B88.0',
    reason: '500 unknown recipient',
    status: '5.0.0',
    type: 'bounce',
  },
]);

describe("SendGrid's Signed Event Webhook", () => {
  const { privateKey, publicKeyBase64 } = sendgridTestKeys();
  const key = sendgridPublicKey(publicKeyBase64);
  const check = (headers: Record<string, string>, payload = body) =>
    verifySendgridSignature(key, {
      signature: headers['X-Twilio-Email-Event-Webhook-Signature'],
      timestamp: headers['X-Twilio-Email-Event-Webhook-Timestamp'],
      payload: Buffer.from(payload, 'utf8'),
    });

  it('verifies the ECDSA P-256 signature of timestamp + the body as sent', () => {
    expect(check(signSendgrid(privateKey, body))).toBe(true);
  });

  it('refuses a changed body (even re-serialized alike), another timestamp, another key, garbage, nothing', () => {
    const headers = signSendgrid(privateKey, body, '1700000000');
    expect(check(headers, body.replace('bounce', 'bounced'))).toBe(false);
    expect(check(headers, JSON.stringify(JSON.parse(body), null, 1))).toBe(false);
    expect(check({ ...headers, 'X-Twilio-Email-Event-Webhook-Timestamp': '1700000001' })).toBe(false);
    expect(check(signSendgrid(sendgridTestKeys().privateKey, body))).toBe(false);
    expect(check({ ...headers, 'X-Twilio-Email-Event-Webhook-Signature': 'bm90IGEgc2lnbmF0dXJl' })).toBe(false);
    expect(check({})).toBe(false);
  });
});
