import { TenantModel, UserModel } from '../data/models/index.js';
import { publishEvent } from '../webhooks/publish.js';
import type { ActivityDeps } from './deps.js';

export function accessActivities({ now, webhooks }: ActivityDeps) {
  return {
    /** Grants access once (the first grant's time is kept) and tells whether the plan needs the link step. */
    async grantAccess(input: { userId: string }) {
      await UserModel.updateOne({ _id: input.userId, accessGrantedAt: null }, { $set: { accessGrantedAt: now() } });
      const user = await UserModel.findById(input.userId, { tenantId: 1 }).lean();
      const tenant = user ? await TenantModel.findById(user.tenantId, { requiresLoginLink: 1 }).lean() : null;
      return { requiresLoginLink: tenant?.requiresLoginLink ?? false };
    },

    /**
     * Plus, Premium and Enterprise plans link the login e-mail to the user inside the main
     * system: records that the link is done (confirmed by the main system, or left to people
     * when no main system listens), once.
     */
    async linkLoginInMainSystem(input: { userId: string }) {
      await UserModel.updateOne({ _id: input.userId, loginLinkedAt: null }, { $set: { loginLinkedAt: now() } });
    },

    /**
     * Asks the main system to link the user's login: the `user.login_link_requested` webhook to the
     * endpoints of the tenant (or global ones) that subscribe to it. Answers how many will hear
     * it, and records on the user who is awaited: the main system (it confirms through the API)
     * or, when none listens, the office (it confirms in the console).
     */
    async requestLoginLink(input: { userId: string; tenantId: string; key: string }) {
      const user = await UserModel.findById(input.userId, { name: 1, email: 1, legacyUsername: 1, code: 1, externalId: 1 }).lean();
      if (!user?.email) return { endpoints: 0 };
      const data = {
        userId: input.userId,
        tenantId: input.tenantId,
        email: user.email,
        name: user.name,
        code: user.code,
        legacyUsername: user.legacyUsername,
        externalId: user.externalId,
      };
      const deliveries = await publishEvent(webhooks, { key: input.key, type: 'user.login_link_requested', tenantId: input.tenantId, data });
      await UserModel.updateOne({ _id: input.userId }, { $set: { loginLinkAwaitedFrom: deliveries.length > 0 ? 'mainSystem' : 'office' } });
      return { endpoints: deliveries.length };
    },

    /** Who hears about a late login link: the tenant's active supervisor with the lowest code (the seed's qualified user). */
    async loginLinkSupervisor(input: { tenantId: string }) {
      const supervisor = await UserModel.findOne({ tenantId: input.tenantId, role: 'supervisor', status: 'active', email: { $exists: true } }, { _id: 1 })
        .sort({ code: 1 })
        .lean();
      return supervisor ? { userId: String(supervisor._id) } : null;
    },
  };
}
