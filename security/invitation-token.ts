import { createHash, createHmac } from 'node:crypto';

/**
 * Invitation tokens are HMAC-SHA256(TOKEN_SECRET, invitationId): unguessable without the secret,
 * and re-derivable by a retried e-mail activity, so the raw token is never stored anywhere and
 * never enters a workflow history (the history holds only the invitation id).
 * Node-only: not for workflow code.
 */
export function invitationToken(secret: string, invitationId: string): string {
  return createHmac('sha256', secret).update(`invitation:${invitationId}`).digest('base64url');
}

/** What MongoDB stores and what the public API looks a presented token up by. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Tokens are 43 base64url characters; anything else is rejected before touching the database. */
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export const registrationPath = (token: string) => `/register/${token}`;
