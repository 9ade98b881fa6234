import { createHash, timingSafeEqual } from 'node:crypto';

/** Digests of equal length, so the comparison takes the same time whatever the lengths and contents. */
const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();

/**
 * Whether an `Authorization: Basic …` header carries exactly this user and password (Postmark's
 * webhooks send the credentials written in their URL). Both parts are compared, in constant time.
 */
export function basicAuthMatches(header: string | undefined, expected: { user: string; password: string }) {
  const encoded = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '')?.[1];
  const decoded = encoded ? Buffer.from(encoded, 'base64').toString('utf8') : '';
  const colon = decoded.indexOf(':');
  const user = colon === -1 ? '' : decoded.slice(0, colon);
  const password = colon === -1 ? '' : decoded.slice(colon + 1);
  const userMatches = timingSafeEqual(digest(user), digest(expected.user));
  const passwordMatches = timingSafeEqual(digest(password), digest(expected.password));
  return colon !== -1 && userMatches && passwordMatches;
}
