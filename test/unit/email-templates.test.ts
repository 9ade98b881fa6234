import { describe, expect, it } from 'vitest';
import { renderEmail } from '../../activities/email-templates/render.js';

const context = {
  userName: 'Ana',
  tenantName: 'Contabilidade Silva',
  email: 'ana@example.test',
  sender: 'no-reply@example.test',
  registrationUrl: 'https://app.example.test/register/abc',
  expiresAt: new Date('2026-12-01T12:00:00Z'),
  signInUrl: 'https://app.example.test/sign-in',
};

describe('invitation e-mail', () => {
  it('tells how long the first sign-in takes from the configured sync delay', () => {
    expect(renderEmail('invitation', 'en', { ...context, syncDelayMs: 5 * 60_000 }).text).toContain('may take about 5 minutes while your account syncs');
    expect(renderEmail('invitation', 'pt-BR', { ...context, syncDelayMs: 10 * 60_000 }).text).toContain('pode levar cerca de 10 minutos');
    expect(renderEmail('invitation', 'en', { ...context, syncDelayMs: 2_000 }).text).toContain('about a minute');
    // Requests recorded before the delay was passed along still read well.
    expect(renderEmail('invitation', 'pt-BR', context).text).toContain('pode levar alguns minutos');
  });

  it('carries the registration link in the text and the HTML part', () => {
    const rendered = renderEmail('invitation', 'en', context);
    expect(rendered.subject).toBe('Activate your Contabilidade Silva account');
    expect(rendered.text).toContain('Register now: https://app.example.test/register/abc');
    expect(rendered.html).toContain('href="https://app.example.test/register/abc"');
  });
});

describe('login link reminder (to the supervisor)', () => {
  it('names the user whose link is late, in the supervisor language, and escapes it in HTML', () => {
    const about = { name: 'Bia <Souza>', email: 'bia@example.test' };
    const en = renderEmail('loginLinkReminder', 'en', { ...context, about });
    expect(en.subject).toBe("Bia <Souza>'s login is not linked in the main system yet");
    expect(en.text).toContain('Bia <Souza> (bia@example.test) of Contabilidade Silva registered');
    expect(en.html).toContain('Bia &lt;Souza&gt;');
    expect(en.html).not.toContain('<Souza>');
    expect(renderEmail('loginLinkReminder', 'pt-BR', { ...context, about }).subject).toBe(
      'O login de Bia <Souza> ainda não foi vinculado no sistema principal',
    );
  });
});
