import { execFileSync } from 'node:child_process';
import { createHmac, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { snsStringToSign, type SnsMessage } from '../../security/sns-signature.js';

/**
 * What the e-mail providers sign with, made here: their real keys cannot be had (and there is no
 * internet to fetch Amazon's certificate), so the tests sign the providers' documented sample
 * payloads with keys of their own and configure the service to trust those.
 */

/**
 * An RSA key and a self-signed X.509 certificate as Amazon SNS serves at its SigningCertURL. Node
 * cannot write certificates, so the openssl CLI does (Debian has it).
 */
export function snsTestCertificate() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sns-cert-'));
  try {
    const keyFile = path.join(dir, 'key.pem');
    const certFile = path.join(dir, 'cert.pem');
    execFileSync(
      'openssl',
      ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', keyFile, '-out', certFile, '-subj', '/CN=sns.amazonaws.com', '-days', '2'],
      {
        stdio: 'ignore',
      },
    );
    return { privateKeyPem: fs.readFileSync(keyFile, 'utf8'), certificatePem: fs.readFileSync(certFile, 'utf8') };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export type UnsignedSnsMessage = Omit<SnsMessage, 'Signature' | 'SignatureVersion' | 'SigningCertURL'>;

/** The message as SNS posts it: SignatureVersion 1 is SHA1withRSA, 2 SHA256withRSA, over the documented string. */
export function signSns(message: UnsignedSnsMessage, privateKeyPem: string, signingCertUrl: string, version: '1' | '2' = '2'): SnsMessage {
  const unsigned = { ...message, SignatureVersion: version, SigningCertURL: signingCertUrl, Signature: '' };
  const signature = sign(version === '1' ? 'RSA-SHA1' : 'RSA-SHA256', Buffer.from(snsStringToSign(unsigned), 'utf8'), privateKeyPem);
  return { ...unsigned, Signature: signature.toString('base64') };
}

/** A fake of the internet for SNS: answers the certificate URL and records every fetch (subscription confirmations included). */
export function fakeSnsInternet(certificates: Record<string, string>) {
  const fetched: string[] = [];
  const fetch = async (url: string) => {
    fetched.push(url);
    if (url in certificates) return new Response(certificates[url], { status: 200, headers: { 'content-type': 'application/x-pem-file' } });
    if (/^https:\/\/sns\.[a-z0-9-]+\.amazonaws\.com\/\?Action=ConfirmSubscription/.test(url)) {
      return new Response(
        '<ConfirmSubscriptionResponse><ConfirmSubscriptionResult><SubscriptionArn>arn</SubscriptionArn></ConfirmSubscriptionResult></ConfirmSubscriptionResponse>',
      );
    }
    return new Response('not found', { status: 404 });
  };
  return { fetch, fetched };
}

/** A P-256 key pair; the public half as SendGrid shows it (base64 DER SubjectPublicKeyInfo). */
export function sendgridTestKeys() {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  return { privateKey, publicKeyBase64: publicKey.export({ format: 'der', type: 'spki' }).toString('base64') };
}

/** The headers SendGrid sends with a body: the ECDSA signature of timestamp + body. */
export function signSendgrid(privateKey: KeyObject, body: string, timestamp = String(Math.floor(Date.now() / 1000))) {
  const signature = sign('sha256', Buffer.from(timestamp + body, 'utf8'), { key: privateKey, dsaEncoding: 'der' }).toString('base64');
  return { 'X-Twilio-Email-Event-Webhook-Signature': signature, 'X-Twilio-Email-Event-Webhook-Timestamp': timestamp };
}

/** Mailgun's `signature` object: HMAC-SHA256 of timestamp + token under the signing key. */
export function signMailgun(signingKey: string, timestampSeconds = Math.floor(Date.now() / 1000), token = randomBytes(25).toString('hex')) {
  const timestamp = String(timestampSeconds);
  return {
    timestamp,
    token,
    signature: createHmac('sha256', signingKey)
      .update(timestamp + token)
      .digest('hex'),
  };
}

export const basicAuth = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
