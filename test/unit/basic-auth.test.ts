import { describe, expect, it } from 'vitest';
import { basicAuthMatches } from '../../security/basic-auth.js';
import { basicAuth } from '../harness/email-provider-signing.js';

describe("Postmark's webhook basic auth", () => {
  const expected = { user: 'postmark', password: 'a long webhook password: 42' };

  it('takes exactly the configured user and password (a colon in the password included)', () => {
    expect(basicAuthMatches(basicAuth('postmark', 'a long webhook password: 42'), expected)).toBe(true);
    expect(basicAuthMatches(`basic   ${Buffer.from('postmark:a long webhook password: 42').toString('base64')}`, expected)).toBe(true);
  });

  it('refuses a wrong password or user, another scheme, nothing', () => {
    expect(basicAuthMatches(basicAuth('postmark', 'a long webhook password: 43'), expected)).toBe(false);
    expect(basicAuthMatches(basicAuth('postmark', 'a long webhook password'), expected)).toBe(false);
    expect(basicAuthMatches(basicAuth('Postmark', 'a long webhook password: 42'), expected)).toBe(false);
    expect(basicAuthMatches(basicAuth('', ''), expected)).toBe(false);
    expect(basicAuthMatches(`Basic ${Buffer.from('postmark').toString('base64')}`, expected)).toBe(false);
    expect(basicAuthMatches(`Bearer ${Buffer.from('postmark:a long webhook password: 42').toString('base64')}`, expected)).toBe(false);
    expect(basicAuthMatches(undefined, expected)).toBe(false);
  });
});
