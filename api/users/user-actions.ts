import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { Types } from 'mongoose';
import { CredentialModel, InvitationModel, TenantModel, UserModel } from '../../data/models/index.js';
import type { LifecycleState } from '../../domain/lifecycle.js';
import type { LifecycleClient } from '../../temporal/lifecycle-client.js';
import { publishEvent } from '../../webhooks/publish.js';
import { recordAudit, type Actor } from '../audit.js';
import { fail } from '../http/error-messages.js';
import { toOnboardingView, toUserView } from './user-view.js';

export interface UserLifecycleDeps {
  temporal: Client;
  lifecycle: LifecycleClient;
  /** The lifecycle task queue, where webhook deliveries (user.deleted) run. */
  taskQueue: string;
}

const isNotFound = (error: unknown) => error instanceof WorkflowNotFoundError;

export async function findUserOrFail(userId: string) {
  const user = Types.ObjectId.isValid(userId) ? await UserModel.findById(userId).lean() : null;
  if (!user) throw fail('USER_NOT_FOUND');
  return user;
}

/**
 * The user-level use-cases behind the admin and integration routes. They ask the workflow to act
 * (signals) and never write a status behind its back; the only exception is a user who has no
 * lifecycle yet (staged), whose "inactive" mark is the migration review's, as in migrations/review.ts.
 */
export function userLifecycleActions({ temporal, lifecycle, taskQueue }: UserLifecycleDeps) {
  async function startLifecycle(user: Awaited<ReturnType<typeof findUserOrFail>>) {
    if (!user.email) throw fail('VALIDATION_FAILED', { fields: [{ path: 'email', message: 'the user has no login e-mail yet' }] });
    const tenant = await TenantModel.findById(user.tenantId, { name: 1 }).lean();
    await lifecycle.start({
      userId: String(user._id),
      tenantId: String(user.tenantId),
      name: user.name,
      email: user.email,
      tenantName: tenant?.name ?? String(user.tenantId),
    });
  }

  /** Sends the signal; a user without a running lifecycle gets NO_LIFECYCLE instead of a 5xx. */
  async function signal(action: () => Promise<void>) {
    try {
      await action();
    } catch (error) {
      if (isNotFound(error)) throw fail('NO_LIFECYCLE');
      throw error;
    }
  }

  /** Live state while the workflow answers (within `deadlineMs`), else null and the caller falls back to MongoDB. */
  async function liveState(userId: string, deadlineMs = 3_000): Promise<LifecycleState | null> {
    try {
      return await temporal.withDeadline(Date.now() + deadlineMs, () => lifecycle.state(userId));
    } catch {
      return null;
    }
  }

  return {
    startLifecycle,

    /** Starts the lifecycle of a user created with `sendInvitation: false`. Idempotent. */
    async invite(userId: string, actor: Actor) {
      const user = await findUserOrFail(userId);
      await startLifecycle(user);
      await recordAudit(actor, 'user.invite', { type: 'user', id: userId, tenantId: String(user.tenantId) });
      return toUserView(user);
    },

    /** A staged user has no invitation to resend: this starts the lifecycle, which sends the first one. */
    async resend(userId: string, actor: Actor) {
      const user = await findUserOrFail(userId);
      if (user.status === 'staged') await startLifecycle(user);
      else await signal(() => lifecycle.resend(userId));
      await recordAudit(actor, 'user.resend', { type: 'user', id: userId, tenantId: String(user.tenantId) });
      return toUserView(user);
    },

    async deactivate(userId: string, actor: Actor, reason?: string) {
      const user = await findUserOrFail(userId);
      try {
        await lifecycle.deactivate(userId, reason);
      } catch (error) {
        if (!isNotFound(error) || user.status !== 'staged') throw isNotFound(error) ? fail('NO_LIFECYCLE') : error;
        await UserModel.updateOne({ _id: user._id }, { $set: { status: 'inactive', statusChangedAt: new Date(), deactivatedAt: new Date() } });
      }
      await recordAudit(
        actor,
        'user.deactivate',
        { type: 'user', id: userId, tenantId: String(user.tenantId) },
        { before: { status: user.status }, after: { reason: reason ?? null } },
      );
      return toUserView((await UserModel.findById(userId).lean()) ?? user);
    },

    async reactivate(userId: string, actor: Actor) {
      const user = await findUserOrFail(userId);
      try {
        await lifecycle.reactivate(userId);
      } catch (error) {
        const neverInvited = user.status === 'inactive' && user.invitedAt === null;
        if (!isNotFound(error) || !neverInvited) throw isNotFound(error) ? fail('NO_LIFECYCLE') : error;
        await UserModel.updateOne({ _id: user._id }, { $set: { status: 'staged', statusChangedAt: new Date(), deactivatedAt: null } });
      }
      await recordAudit(actor, 'user.reactivate', { type: 'user', id: userId, tenantId: String(user.tenantId) }, { before: { status: user.status } });
      return toUserView((await UserModel.findById(userId).lean()) ?? user);
    },

    /**
     * The main system confirms it linked the user's login: a lifecycle waiting in `linking` goes
     * on to access. Also accepted while the lifecycle is still on its way there (the request and
     * the confirmation can cross); refused before registration, when there is nothing to link.
     */
    async confirmLoginLink(userId: string, actor: Actor) {
      const user = await findUserOrFail(userId);
      if (user.status !== 'linking' && user.status !== 'registered' && !(user.status === 'active' && user.loginLinkedAt)) {
        throw fail('LOGIN_LINK_NOT_REQUESTED', { detail: `the user is ${user.status}` });
      }
      if (user.status !== 'active') await signal(() => lifecycle.confirmLoginLink(userId));
      await recordAudit(actor, 'user.loginLinkConfirmed', { type: 'user', id: userId, tenantId: String(user.tenantId) }, { before: { status: user.status } });
      return toUserView(user);
    },

    liveState,

    async onboardingStatus(userId: string) {
      const user = toUserView(await findUserOrFail(userId));
      return toOnboardingView(user, await liveState(userId));
    },

    /**
     * Ends the lifecycle, removes the password and the invitation links, then the user. The
     * e-mail log stays (it records what was sent), the audit trail keeps the fact, and webhook
     * endpoints hear `user.deleted` with the user as it was.
     */
    async deleteUser(userId: string, actor: Actor) {
      const user = await findUserOrFail(userId);
      try {
        await lifecycle.end(userId, `user deleted by ${actor.type} ${actor.label ?? actor.id ?? ''}`.trim());
      } catch (error) {
        if (!isNotFound(error)) throw error;
      }
      await CredentialModel.deleteOne({ _id: user._id });
      await InvitationModel.deleteMany({ userId: user._id });
      await UserModel.deleteOne({ _id: user._id });
      const view = toUserView(user);
      await recordAudit(actor, 'user.deleted', { type: 'user', id: userId, tenantId: view.tenantId }, { before: view });
      // A user is deleted once, so its id keys the event: two deletes racing publish one delivery per endpoint.
      await publishEvent(
        { temporal, taskQueue },
        {
          key: `user.deleted:${userId}`,
          type: 'user.deleted',
          tenantId: view.tenantId,
          data: { userId, tenantId: view.tenantId, email: view.email, name: view.name, code: view.code, externalId: view.externalId, status: view.status },
        },
      );
      return view;
    },
  };
}

export type UserLifecycleActions = ReturnType<typeof userLifecycleActions>;
