import { describe, expect, it } from 'vitest';
import { providerMessageIdFrom } from '../../activities/provider-message-id.js';
import { normalizeMessageId } from '../../domain/email-events.js';
import { emailFailureError, emailFailureOf, emailFailureReasons, emailFailureTexts, reasonFromDiagnostic } from '../../domain/email-failures.js';

describe('why an e-mail failed, in words for people', () => {
  it('has every reason in English and pt-BR', () => {
    for (const reason of emailFailureReasons) {
      expect(emailFailureTexts[reason].en, reason).toMatch(/\w/);
      expect(emailFailureTexts[reason]['pt-BR'], reason).toMatch(/\w/);
    }
    expect(emailFailureTexts.mailboxDoesNotExist).toEqual({ en: 'mailbox does not exist', 'pt-BR': 'caixa postal inexistente' });
    expect(emailFailureTexts.markedAsSpam).toEqual({ en: 'marked as spam', 'pt-BR': 'marcado como spam' });
    expect(emailFailureTexts.mailboxFull).toEqual({ en: 'mailbox full', 'pt-BR': 'caixa postal cheia' });
  });

  it('reads the reason from enhanced status codes and the usual words', () => {
    expect(reasonFromDiagnostic('smtp; 550 5.1.1 <joao@escritorio.com.br>: Recipient address rejected: User unknown')).toBe('mailboxDoesNotExist');
    expect(reasonFromDiagnostic('550 5.1.2 bad destination system address')).toBe('domainDoesNotExist');
    expect(reasonFromDiagnostic('552 5.2.2 The email account that you tried to reach is over quota')).toBe('mailboxFull');
    expect(reasonFromDiagnostic('552 5.3.4 Message size exceeds fixed limit')).toBe('messageTooLarge');
    expect(reasonFromDiagnostic('554 5.7.1 Service unavailable; client host blocked')).toBe('blocked');
    expect(reasonFromDiagnostic('550 Requested action not taken: mailbox unavailable')).toBe('mailboxDoesNotExist');
    expect(reasonFromDiagnostic('Mailbox is full')).toBe('mailboxFull');
    expect(reasonFromDiagnostic('550 no')).toBe('addressRejected');
    expect(reasonFromDiagnostic('')).toBe('undeliverable');
  });

  it("reads a user's lastEmailError: a provider's stated reason, or the SMTP server's answer", () => {
    const error = emailFailureError('markedAsSpam', 'abuse');
    expect(error).toBe('markedAsSpam: abuse');
    expect(emailFailureOf(error)).toEqual({ reason: 'markedAsSpam', detail: 'abuse', text: { en: 'marked as spam', 'pt-BR': 'marcado como spam' } });
    expect(emailFailureOf(emailFailureError('mailboxFull', ''))).toMatchObject({ reason: 'mailboxFull', detail: '' });
    const smtp = "Can't send mail - all recipients were rejected: 550 5.1.1 <bounce@example.test>: mailbox unavailable";
    expect(emailFailureOf(smtp)).toMatchObject({ reason: 'mailboxDoesNotExist', detail: smtp });
    expect(emailFailureOf(null)).toBeNull();
    expect(emailFailureError('blocked', `  a\n  long ${'x'.repeat(400)}`).length).toBeLessThanOrEqual('blocked: '.length + 300);
  });
});

describe("the provider's ids of a message", () => {
  it("takes the id from the provider's SMTP answer, and none from an answer without one", () => {
    expect(providerMessageIdFrom('250 Ok 0100018c5e2b7d4a-1c9e4f0b-2d7f-4b1e-9a3c-5e6f7a8b9c0d-000000')).toBe(
      '0100018c5e2b7d4a-1c9e4f0b-2d7f-4b1e-9a3c-5e6f7a8b9c0d-000000',
    );
    expect(providerMessageIdFrom('250 Ok: queued as 2dJqP4kOQyGuT3uh4JUzMg')).toBe('2dJqP4kOQyGuT3uh4JUzMg');
    expect(providerMessageIdFrom('250 2.0.0 Ok: queued as 4XyZ12abcD')).toBe('4XyZ12abcD');
    expect(providerMessageIdFrom('250 OK: message queued')).toBeNull();
    expect(providerMessageIdFrom('250 Great success')).toBeNull();
    expect(providerMessageIdFrom(undefined)).toBeNull();
  });

  it('spells every Message-ID one way', () => {
    expect(normalizeMessageId('20130503192659.13651.20287@sandbox.mailgun.org')).toBe('<20130503192659.13651.20287@sandbox.mailgun.org>');
    expect(normalizeMessageId(' <abc@x> ')).toBe('<abc@x>');
    expect(normalizeMessageId('')).toBeNull();
  });
});
