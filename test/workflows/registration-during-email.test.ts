import { describe, expect, it } from 'vitest';
import { AuditEventModel, UserModel } from '../../data/models/index.js';
import { testConfig, useLifecycleServices, useTestWorker } from '../harness/context.js';
import { eventually } from '../harness/eventually.js';
import { createTenant, createUser } from '../harness/fixtures.js';
import { waitForMessages } from '../harness/mailbox-client.js';

/**
 * A person who registers while the lifecycle still waits for its invitation's e-mail activity:
 * what happens when a worker dies after the SMTP server took the e-mail and before the send was
 * recorded (the activity times out and resends, and the person clicks the first copy meanwhile).
 * The worker's sendLifecycleEmail here sends the invitation, then registers through the real
 * Update, and only then returns: the moment the lifecycle used to set the account back to invited.
 */
const config = testConfig({ REMINDER_SCHEDULE: '5m', INVITE_TTL: '10m' });
const { lifecycle } = useLifecycleServices(config);
useTestWorker(config, {
  wrapActivities: (real) => ({
    async sendLifecycleEmail(request) {
      const sent = await real.sendLifecycleEmail(request);
      if (request.template === 'invitation') await lifecycle.register(request.userId, { invitationId: request.invitationId! });
      return sent;
    },
  }),
});

describe('a registration while the invitation is on its way', () => {
  it('stands: the account goes on to access, never back to invited', async () => {
    const tenant = await createTenant('essential');
    const { subject } = await createUser(tenant);
    await lifecycle.start(subject);
    const messages = await waitForMessages(subject.email, 2);
    expect(messages.map((message) => message.subject)).toEqual([`Activate your ${tenant.name} account`, `Your ${tenant.name} access is ready`]);
    const user = await eventually(async () => {
      const found = await UserModel.findById(subject.userId).lean();
      expect(found?.status).toBe('active');
      return found!;
    });
    expect(user.registeredAt).toBeInstanceOf(Date);
    const trail = await AuditEventModel.find({ entityId: subject.userId }).sort({ at: 1 }).lean();
    expect(trail.map((event) => `${event.action} ${event.after?.status}`)).toEqual([
      'lifecycle.registered registered',
      'lifecycle.invited registered',
      'lifecycle.active active',
    ]);
  });
});
