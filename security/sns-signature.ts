import { verify, X509Certificate, type KeyObject } from 'node:crypto';

/**
 * Amazon SNS message signatures, as AWS documents them ("Verifying the signatures of Amazon SNS
 * messages"): the message's fields, in a fixed order, are signed with the private key of the
 * certificate at `SigningCertURL` — SHA1withRSA for SignatureVersion 1, SHA256withRSA for 2. The
 * certificate is fetched only from `https://sns.<region>.amazonaws.com/…`, the region being the
 * topic's, so a forger cannot point us at a certificate of their own; each one is kept (by URL)
 * while it is valid.
 */
export interface SnsMessage {
  Type: string;
  MessageId: string;
  TopicArn: string;
  Message: string;
  Timestamp: string;
  SignatureVersion: string;
  Signature: string;
  SigningCertURL: string;
  Subject?: string | null;
  SubscribeURL?: string;
  Token?: string;
  UnsubscribeURL?: string;
}

/** Why a message is not taken as Amazon SNS's; never a fault on our side. */
export class SnsSignatureError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SnsSignatureError';
  }
}

const notificationFields = ['Message', 'MessageId', 'Subject', 'Timestamp', 'TopicArn', 'Type'] as const;
const confirmationFields = ['Message', 'MessageId', 'SubscribeURL', 'Timestamp', 'Token', 'TopicArn', 'Type'] as const;
const signedFields: Record<string, readonly (keyof SnsMessage)[]> = {
  Notification: notificationFields,
  SubscriptionConfirmation: confirmationFields,
  UnsubscribeConfirmation: confirmationFields,
};
const algorithms: Record<string, string> = { '1': 'RSA-SHA1', '2': 'RSA-SHA256' };

/** The string SNS signs: each signed field present, as `name\nvalue\n`, in the documented order. */
export function snsStringToSign(message: SnsMessage) {
  const fields = signedFields[message.Type];
  if (!fields) throw new SnsSignatureError(`unknown message type ${JSON.stringify(message.Type)}`);
  return fields
    .filter((field) => message[field] !== undefined && message[field] !== null)
    .map((field) => `${field}\n${message[field]}\n`)
    .join('');
}

/** The region of a topic ARN (arn:aws:sns:<region>:<account>:<name>). */
export const topicRegion = (topicArn: string) => /^arn:aws(?:-us-gov)?:sns:([a-z0-9-]+):\d{12}:[\w-]+$/.exec(topicArn)?.[1] ?? null;

/** Whether `url` is an https address of SNS itself in `region`: `https://sns.<region>.amazonaws.com/…`, nothing else. */
export function isSnsUrl(url: string, region: string) {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return parsed.protocol === 'https:' && parsed.hostname === `sns.${region}.amazonaws.com` && parsed.port === '' && !parsed.username && !parsed.password;
}

export type Fetch = (url: string, init?: RequestInit) => Promise<Response>;

interface SigningCertificate {
  key: KeyObject;
  validFrom: number;
  validTo: number;
}

export interface SnsVerifierOptions {
  /** How certificates are fetched (tests give a fake). */
  fetch: Fetch;
  now?: () => number;
  /** Certificates kept at most; the oldest goes first. */
  cacheSize?: number;
}

export function snsSignatureVerifier({ fetch, now = Date.now, cacheSize = 32 }: SnsVerifierOptions) {
  const certificates = new Map<string, Promise<SigningCertificate>>();

  async function download(url: string): Promise<SigningCertificate> {
    const response = await fetch(url, { redirect: 'error', signal: AbortSignal.timeout(10_000) });
    if (!response.ok) throw new SnsSignatureError(`the signing certificate answered ${response.status}`);
    let certificate: X509Certificate;
    try {
      certificate = new X509Certificate(await response.text());
    } catch {
      throw new SnsSignatureError('the signing certificate is not an X.509 certificate');
    }
    return { key: certificate.publicKey, validFrom: Date.parse(certificate.validFrom), validTo: Date.parse(certificate.validTo) };
  }

  async function publicKeyOf(url: string) {
    let cached = certificates.get(url);
    if (!cached) {
      cached = download(url);
      certificates.set(url, cached);
      while (certificates.size > cacheSize) certificates.delete(certificates.keys().next().value!);
      // A failed fetch is not kept: the next message tries again.
      void cached.catch(() => certificates.delete(url));
    }
    const { key, validTo, validFrom } = await cached;
    if (now() > validTo || now() < validFrom) {
      certificates.delete(url);
      throw new SnsSignatureError('the signing certificate is not valid now');
    }
    return key;
  }

  return {
    /** Resolves when the message is SNS's, signed by SNS in its topic's region; throws SnsSignatureError otherwise. */
    async verify(message: SnsMessage) {
      const algorithm = algorithms[message.SignatureVersion];
      if (!algorithm) throw new SnsSignatureError(`unknown SignatureVersion ${JSON.stringify(message.SignatureVersion)}`);
      const region = topicRegion(message.TopicArn);
      if (!region) throw new SnsSignatureError('TopicArn is not an SNS topic ARN');
      if (!isSnsUrl(message.SigningCertURL, region) || !new URL(message.SigningCertURL).pathname.endsWith('.pem')) {
        throw new SnsSignatureError(`SigningCertURL is not an https .pem of sns.${region}.amazonaws.com`);
      }
      const data = Buffer.from(snsStringToSign(message), 'utf8');
      const key = await publicKeyOf(message.SigningCertURL);
      if (!verify(algorithm, data, key, Buffer.from(message.Signature, 'base64'))) throw new SnsSignatureError('the signature does not match');
    },
  };
}

export type SnsSignatureVerifier = ReturnType<typeof snsSignatureVerifier>;
