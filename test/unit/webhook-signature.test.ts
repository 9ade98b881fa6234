import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { newWebhookSecret, signWebhook, webhookHeaders } from '../../webhooks/signature.js';

/** Our signatures, checked by the Standard Webhooks reference library as a receiver would. */
describe('webhook signatures (Standard Webhooks)', () => {
  const body = JSON.stringify({ type: 'user.invited', timestamp: '2026-01-02T03:04:05.000Z', data: { userId: 'u1', name: 'Conceição' } });

  it('verify with the reference library', () => {
    const secret = newWebhookSecret();
    const headers = webhookHeaders(secret, 'msg_2KWPBgLlAfxdpx2AI54pPJ85f4W', new Date(), body);
    expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
  });

  it('match the specification example byte for byte', () => {
    // The example of the specification's reference implementations (secret, id, timestamp, payload, signature).
    const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
    const signature = signWebhook(secret, 'msg_p5jXN8AQM9LWM0D4loKWxJek', 1614265330, '{"test": 2432232314}');
    expect(signature).toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
    expect(signature).toBe(new Webhook(secret).sign('msg_p5jXN8AQM9LWM0D4loKWxJek', new Date(1614265330 * 1000), '{"test": 2432232314}'));
  });

  it('fail verification for another secret, another body, another id or an old timestamp', () => {
    const secret = newWebhookSecret();
    const headers = webhookHeaders(secret, 'msg_a', new Date(), body);
    const receiver = new Webhook(secret);
    expect(() => new Webhook(newWebhookSecret()).verify(body, headers)).toThrow(WebhookVerificationError);
    expect(() => receiver.verify(body.replace('u1', 'u2'), headers)).toThrow(WebhookVerificationError);
    expect(() => receiver.verify(body, { ...headers, 'webhook-id': 'msg_b' })).toThrow(WebhookVerificationError);
    const stale = webhookHeaders(secret, 'msg_a', new Date(Date.now() - 10 * 60_000), body);
    expect(() => receiver.verify(body, stale)).toThrow(WebhookVerificationError);
  });

  it('makes whsec_ secrets of 32 random bytes, each different', () => {
    const secrets = new Set(Array.from({ length: 50 }, newWebhookSecret));
    expect(secrets.size).toBe(50);
    for (const secret of secrets) {
      expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
      expect(Buffer.from(secret.slice(6), 'base64')).toHaveLength(32);
    }
  });

  it('sends the timestamp in whole seconds', () => {
    const headers = webhookHeaders(newWebhookSecret(), 'msg_a', new Date('2026-01-02T03:04:05.678Z'), body);
    expect(headers['webhook-timestamp']).toBe(String(Date.parse('2026-01-02T03:04:05Z') / 1000));
  });
});
