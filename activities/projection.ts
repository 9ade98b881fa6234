import { isDuplicateKey } from '../data/duplicate-key.js';
import { AuditEventModel, UserModel } from '../data/models/index.js';
import type { ActivationStatus } from '../domain/activation-status.js';
import type { LifecycleState } from '../domain/lifecycle.js';
import { publishLifecycleEvents } from '../webhooks/lifecycle-events.js';
import type { ActivityDeps } from './deps.js';

const date = (ms: number | null) => (ms === null ? null : new Date(ms));

export function projectionActivities({ now, webhooks }: ActivityDeps) {
  return {
    /**
     * Writes the workflow's state into the user document (what lists and search read) and one
     * audit event, then announces the transition to webhook endpoints (webhooks/lifecycle-events.ts).
     * Runs as a local activity after every transition; the audit key makes a retry a no-op, and
     * keys the webhook events so a retry publishes the same deliveries.
     */
    async recordLifecycle(input: { userId: string; tenantId: string; auditKey: string; event: string; from: ActivationStatus; state: LifecycleState }) {
      const { state } = input;
      // The same single write as an updateOne, answering what the webhook events say about the user.
      const user = await UserModel.findOneAndUpdate(
        { _id: input.userId },
        {
          $set: {
            status: state.status,
            ...(input.from !== state.status ? { statusChangedAt: now() } : {}),
            invitedAt: date(state.invitedAt),
            registeredAt: date(state.registeredAt),
            activatedAt: date(state.activatedAt),
            expiredAt: date(state.expiredAt),
            deactivatedAt: date(state.deactivatedAt),
            accessAt: date(state.accessAt),
            invitationExpiresAt: state.status === 'invited' ? date(state.expiresAt) : null,
            remindersSent: state.remindersSent,
            emailFailing: state.emailFailing,
            lastEmailError: state.lastEmailError,
          },
        },
        { projection: { name: 1, email: 1, code: 1, externalId: 1 } },
      ).lean();
      try {
        await AuditEventModel.create({
          key: input.auditKey,
          at: now(),
          actor: { type: 'system', id: 'userActivation', label: 'lifecycle workflow' },
          action: input.event,
          entityType: 'user',
          entityId: input.userId,
          tenantId: input.tenantId,
          before: { status: input.from },
          after: { status: state.status, remindersSent: state.remindersSent, emailFailing: state.emailFailing },
        });
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
      }
      await publishLifecycleEvents(webhooks, input, user);
    },
  };
}
