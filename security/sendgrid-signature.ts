import { createPublicKey, verify, type KeyObject } from 'node:crypto';

/**
 * SendGrid's Signed Event Webhook: an ECDSA signature (P-256, SHA-256, DER, base64) over the
 * `X-Twilio-Email-Event-Webhook-Timestamp` header followed by the raw body, checked with the
 * verification key SendGrid shows (base64 DER SubjectPublicKeyInfo, SENDGRID_WEBHOOK_PUBLIC_KEY).
 */
export const SENDGRID_SIGNATURE_HEADER = 'x-twilio-email-event-webhook-signature';
export const SENDGRID_TIMESTAMP_HEADER = 'x-twilio-email-event-webhook-timestamp';

export const sendgridPublicKey = (base64Der: string): KeyObject => createPublicKey({ key: Buffer.from(base64Der, 'base64'), format: 'der', type: 'spki' });

/** Whether the body, as received byte for byte, is SendGrid's. */
export function verifySendgridSignature(publicKey: KeyObject, request: { signature?: string; timestamp?: string; payload: Buffer }) {
  const { signature, timestamp, payload } = request;
  if (!signature || !timestamp) return false;
  try {
    return verify('sha256', Buffer.concat([Buffer.from(timestamp, 'utf8'), payload]), { key: publicKey, dsaEncoding: 'der' }, Buffer.from(signature, 'base64'));
  } catch {
    // A signature that is not DER at all.
    return false;
  }
}
