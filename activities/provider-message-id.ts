/**
 * The e-mail provider's own id of a message, from its SMTP server's answer to the message
 * (nodemailer's `info.response`): Amazon SES answers `250 Ok <id>` and reports bounces by that id;
 * SendGrid and Postfix-like servers `250 Ok: queued as <id>`. An answer without one (`250 OK:
 * message queued`, `250 Great success`) gives none; the Message-ID we set is matched then.
 */
export function providerMessageIdFrom(response: unknown): string | null {
  if (typeof response !== 'string') return null;
  const match = /^250[ -](?:\d\.\d\.\d+\s+)?ok:?\s+(?:queued as\s+)?<?([A-Za-z0-9][\w.@+=-]{7,254})>?$/i.exec(response.trim());
  return match?.[1] ?? null;
}

/**
 * Postmark reports bounces by its own id, which its SMTP answer does not carry; metadata set in
 * this header comes back in every bounce webhook (`Metadata`), so the Message-ID travels there.
 */
export const POSTMARK_METADATA_HEADER = 'X-PM-Metadata-message-id';
