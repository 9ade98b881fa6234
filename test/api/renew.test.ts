import { beforeAll, describe, expect, it } from 'vitest';
import { UserModel } from '../../data/models/index.js';
import { useTestApi } from '../harness/api-client.js';
import { apiTenant, freshEmail } from '../harness/api-fixtures.js';
import { testConfig, useTestWorker } from '../harness/context.js';
import { eventually } from '../harness/eventually.js';
import { messagesTo, registrationLink, waitForMessages } from '../harness/mailbox-client.js';

// "Send me a new link" (POST /api/public/invitations/<token>/renew). Links live 3 s with no
// reminder, so they expire within a test; the cool-down is long, so a test sees it hold. The
// per-link rate limit is lifted: the test asks a link's page until it says expired.
const config = testConfig({ INVITE_TTL: '3s', REMINDER_SCHEDULE: 'none', RENEW_COOLDOWN: '10m', PUBLIC_RATE_LIMIT: '1000', TOKEN_RATE_LIMIT: '1000' });
const env = useTestApi(config);
useTestWorker(config);
let tenant: { id: string; name: string };

beforeAll(async () => {
  tenant = await apiTenant(env.integration, '/api/v1/tenants');
});

const renew = (token: string) => env.anonymous.post(`/api/public/invitations/${token}/renew`);
const statusOf = async (userId: string) => (await UserModel.findById(userId).lean())?.status;
const untilStatus = (userId: string, status: string) =>
  eventually(async () => expect(await statusOf(userId)).toBe(status), { timeoutMs: 20_000, intervalMs: 100 });
/**
 * Until the link's page says "expired". Not the user's status: the workflow records `invited`
 * after the e-mail has gone out, so for a moment after the mailbox has a new link the status can
 * still read the previous link's `expired`.
 */
const untilExpired = (token: string) =>
  eventually(async () => expect((await env.anonymous.get(`/api/public/invitations/${token}`)).status).toBe(410), {
    timeoutMs: 20_000,
    intervalMs: 100,
  });
/** How long a renewal that does send takes to show at the mailbox, and so how long "nothing was sent" is watched. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 1_500));
const linksTo = async (email: string) => (await messagesTo(email)).filter((message) => /\/register\//.test(message.text));

async function onboarded(email: string) {
  const { body } = await env.integration.post('/api/v1/onboardings', { tenantId: tenant.id, name: 'Renata Lima', email });
  const [invitation] = await waitForMessages(email, 1);
  return { userId: body.id as string, token: registrationLink(invitation!).token };
}

describe('renew', () => {
  it('sends a new link for the latest expired link of the current address, once per cool-down, and nothing otherwise', async () => {
    const email = freshEmail('renew-expired');
    const { userId, token: first } = await onboarded(email);
    await untilExpired(first);

    // Two clicks at once: the cool-down is taken atomically, so one e-mail.
    const answers = await Promise.all([renew(first), renew(first)]);
    expect(answers.map((answer) => answer.status)).toEqual([202, 202]);
    expect(answers[1]!.body).toEqual(answers[0]!.body);
    const [, renewed] = await waitForMessages(email, 2);
    const second = registrationLink(renewed!).token;
    expect((await env.anonymous.get(`/api/public/invitations/${second}`)).status).toBe(200);
    await settle();
    expect(await messagesTo(email)).toHaveLength(2);

    // The new link expires too: within the cool-down, asking again sends nothing.
    await untilExpired(second);
    const cooling = await renew(second);
    expect(cooling.status).toBe(202);
    expect(cooling.body).toEqual(answers[0]!.body);
    // The first link is expired as well, but no longer the latest.
    expect((await renew(first)).status).toBe(202);
    await settle();
    expect(await messagesTo(email)).toHaveLength(2);
    expect((await env.integration.get(`/api/v1/onboardings/${userId}`)).body.invitationsSent).toBe(2);

    // Once the cool-down has passed (moved back here rather than waited for), the latest link renews.
    await UserModel.updateOne({ _id: userId }, { $set: { renewRequestedAt: new Date(Date.now() - 11 * 60_000) } });
    expect((await renew(first)).status).toBe(202);
    await settle();
    expect(await messagesTo(email)).toHaveLength(2);
    expect((await renew(second)).status).toBe(202);
    const [, , third] = await waitForMessages(email, 3);
    const newest = registrationLink(third!).token;

    // A used link renews nothing, whatever the cool-down.
    const password = 'correct horse 42';
    expect((await env.anonymous.post(`/api/public/invitations/${newest}/accept`, { password, passwordConfirmation: password })).status).toBe(200);
    await UserModel.updateOne({ _id: userId }, { $set: { renewRequestedAt: null } });
    expect((await renew(newest)).status).toBe(202);
    await untilStatus(userId, 'active');
    await settle();
    expect(await linksTo(email)).toHaveLength(3);
  });

  it('sends nothing for an expired link that went to an address since corrected', async () => {
    const typo = freshEmail('renew-typo');
    const { userId, token: typoLink } = await onboarded(typo);
    await untilExpired(typoLink);

    // An admin fixes the address: the real user gets a new link.
    const real = freshEmail('renew-real');
    expect((await env.integration.patch(`/api/v1/onboardings/${userId}`, { email: real })).status).toBe(200);
    const [atReal] = await waitForMessages(real, 1);
    const realLink = registrationLink(atReal!).token;

    // Whoever holds the mistyped address's link, while the real link is alive and after it expired.
    expect((await renew(typoLink)).status).toBe(202);
    await untilExpired(realLink);
    expect((await renew(typoLink)).status).toBe(202);
    await settle();
    expect(await messagesTo(real)).toHaveLength(1);
    expect(await messagesTo(typo)).toHaveLength(1);

    // The real user's own expired link does renew.
    expect((await renew(realLink)).status).toBe(202);
    await waitForMessages(real, 2);
  });
});
