import type { EmailCopy } from './types.js';

/** "about 5 minutes" from the configured sync delay. */
const syncWait = (ms: number | undefined) => {
  if (ms === undefined) return 'a few minutes';
  const minutes = Math.round(ms / 60_000);
  return minutes <= 1 ? 'about a minute' : `about ${minutes} minutes`;
};

const date = (value: Date | undefined) => (value ? value.toLocaleString('en-US', { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }) + ' UTC' : '');

export const en: EmailCopy = {
  invitation: (c) => ({
    subject: `Activate your ${c.tenantName} account`,
    paragraphs: [
      `Hello ${c.userName},`,
      `${c.tenantName} now signs you in with your e-mail address (${c.email}). Click "Register now", confirm your account information and create your password.`,
      `This invitation is valid until ${date(c.expiresAt)}. After you register, your first sign-in may take ${syncWait(c.syncDelayMs)} while your account syncs.`,
    ],
    action: c.registrationUrl ? { label: 'Register now', url: c.registrationUrl } : undefined,
  }),
  reminder: (c) => ({
    subject: `Reminder: activate your ${c.tenantName} account`,
    paragraphs: [
      `Hello ${c.userName},`,
      `Your account at ${c.tenantName} is still waiting for you. Click "Register now" to create your password and sign in with ${c.email}.`,
      `Can't find our earlier e-mail? Look in your spam or junk folder for a message from ${c.sender}, and mark it as "not spam".`,
      `The invitation expires on ${date(c.expiresAt)}. The sooner you register, the sooner your access is ready.`,
    ],
    action: c.registrationUrl ? { label: 'Register now', url: c.registrationUrl } : undefined,
  }),
  accessReady: (c) => ({
    subject: `Your ${c.tenantName} access is ready`,
    paragraphs: [`Hello ${c.userName},`, `Your account is ready: sign in with your e-mail address, ${c.email}, and the password you created.`],
    action: { label: 'Sign in', url: c.signInUrl },
  }),
  loginLinkReminder: (c) => ({
    subject: `${c.about?.name ?? 'A user'}'s login is not linked in the main system yet`,
    paragraphs: [
      `Hello ${c.userName},`,
      `${c.about?.name ?? 'A user'} (${c.about?.email ?? ''}) of ${c.tenantName} registered, but the main system has not confirmed that it linked their e-mail login yet, so they cannot sign in.`,
      `Link their e-mail to their user in the main system, then confirm it in the console (the user's page or the activation tracker: "I linked it in the main system"). Nothing else is needed from the user.`,
    ],
  }),
};
