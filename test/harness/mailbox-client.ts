import { expect, inject } from 'vitest';
import type { MailboxMessage } from '../../dev-tools/mailbox.js';
import { eventually } from './eventually.js';

/** Everything the real SMTP receiver got for this address. */
export async function messagesTo(address: string): Promise<MailboxMessage[]> {
  const response = await fetch(`${inject('services').mailboxUrl}/api/messages?to=${encodeURIComponent(address.toLowerCase())}`);
  return (await response.json()) as MailboxMessage[];
}

/** Waits until the address has received `count` messages, and returns them (oldest first). */
export async function waitForMessages(address: string, count: number, timeoutMs = 30_000) {
  return eventually(
    async () => {
      const messages = await messagesTo(address);
      expect(messages.length, `messages to ${address}`).toBeGreaterThanOrEqual(count);
      return messages;
    },
    { timeoutMs, intervalMs: 200 },
  );
}

/** The registration link in an invitation or reminder (text part). */
export function registrationLink(message: MailboxMessage) {
  const match = /https?:\/\/\S+\/register\/([A-Za-z0-9_-]{43})/.exec(message.text);
  if (!match) throw new Error(`no registration link in "${message.subject}"`);
  return { url: match[0], token: match[1]! };
}
