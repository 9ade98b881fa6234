import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../config/env.js';
import { sendgridTestKeys } from '../harness/email-provider-signing.js';

const problemsOf = (env: Record<string, string>) => {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
};

describe("the e-mail providers' settings", () => {
  it('takes SNS topic ARNs, a P-256 SendGrid key, the Postmark pair and a Mailgun key', () => {
    const config = loadConfig({
      SES_SNS_TOPIC_ARNS: 'arn:aws:sns:us-east-1:123456789012:ses-bounces, arn:aws:sns:sa-east-1:123456789012:ses-complaints',
      SENDGRID_WEBHOOK_PUBLIC_KEY: sendgridTestKeys().publicKeyBase64,
      POSTMARK_WEBHOOK_USER: 'postmark',
      POSTMARK_WEBHOOK_PASSWORD: 'a long webhook password',
      MAILGUN_WEBHOOK_SIGNING_KEY: 'key-0123456789abcdef',
    });
    expect(config.SES_SNS_TOPIC_ARNS).toEqual(['arn:aws:sns:us-east-1:123456789012:ses-bounces', 'arn:aws:sns:sa-east-1:123456789012:ses-complaints']);
    expect(loadConfig({}).SES_SNS_TOPIC_ARNS).toBeUndefined();
  });

  it('refuses what cannot work, naming the variable and never showing a secret', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ format: 'der', type: 'spki' }).toString('base64');
    expect(problemsOf({ SES_SNS_TOPIC_ARNS: 'ses-bounces' })[0]).toMatch(/^SES_SNS_TOPIC_ARNS: expected comma-separated SNS topic ARNs/);
    expect(problemsOf({ SENDGRID_WEBHOOK_PUBLIC_KEY: rsa })[0]).toMatch(/^SENDGRID_WEBHOOK_PUBLIC_KEY: expected the base64 verification key/);
    expect(problemsOf({ POSTMARK_WEBHOOK_USER: 'postmark' })).toEqual([
      'POSTMARK_WEBHOOK_PASSWORD: POSTMARK_WEBHOOK_USER and POSTMARK_WEBHOOK_PASSWORD go together',
    ]);
    const short = problemsOf({ MAILGUN_WEBHOOK_SIGNING_KEY: 'short-key' });
    expect(short).toEqual(['MAILGUN_WEBHOOK_SIGNING_KEY: must be at least 16 characters']);
  });
});
