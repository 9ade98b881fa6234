import { describe, expect, it } from 'vitest';
import { UserModel } from '../../data/models/index.js';
import { testConfig, useLifecycleServices, useTestWorker } from '../harness/context.js';
import { eventually } from '../harness/eventually.js';
import { createTenant, createUser, invitationIdForToken } from '../harness/fixtures.js';
import { registrationLink, waitForMessages } from '../harness/mailbox-client.js';

/**
 * A confirmation of the main-system link that arrives while the lifecycle is still asking for it
 * (the request activity is running: the main system answered the webhook at once) must stand.
 * The worker's requestLoginLink here confirms, waits until the workflow has taken the signal,
 * and only then returns: the moment the lifecycle used to wipe the confirmation.
 */
const config = testConfig({ REMINDER_SCHEDULE: '5m', INVITE_TTL: '10m', LOGIN_LINK_REMINDER_AFTER: '1h' });
const { lifecycle } = useLifecycleServices(config);
useTestWorker(config, {
  wrapActivities: (real) => ({
    async requestLoginLink(input) {
      await lifecycle.confirmLoginLink(input.userId);
      await eventually(async () => expect((await lifecycle.state(input.userId)).loginLinkConfirmed).toBe(true));
      return real.requestLoginLink(input);
    },
  }),
});

describe('the login link step', () => {
  it('keeps a confirmation that arrives while the link is being requested: access follows, once', async () => {
    const tenant = await createTenant('premium');
    const { subject } = await createUser(tenant);
    await lifecycle.start(subject);
    const [invitation] = await waitForMessages(subject.email, 1);
    await lifecycle.register(subject.userId, { invitationId: await invitationIdForToken(registrationLink(invitation!).token) });
    const user = await eventually(async () => {
      const found = await UserModel.findById(subject.userId).lean();
      expect(found?.status).toBe('active');
      return found!;
    });
    expect(user.loginLinkedAt).toBeInstanceOf(Date);
    const messages = await waitForMessages(subject.email, 2);
    expect(messages.map((message) => message.subject)).toEqual([invitation!.subject, `Your ${subject.tenantName} access is ready`]);
  });
});
