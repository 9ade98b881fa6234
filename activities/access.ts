import { TenantModel, UserModel } from '../data/models/index.js';
import type { ActivityDeps } from './deps.js';

export function accessActivities({ now }: ActivityDeps) {
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
     * system. This is the adapter point for that system's API; here it records the link once.
     */
    async linkLoginInMainSystem(input: { userId: string }) {
      await UserModel.updateOne({ _id: input.userId, loginLinkedAt: null }, { $set: { loginLinkedAt: now() } });
    },
  };
}
