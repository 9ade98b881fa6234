import { TenantModel } from '../../data/models/index.js';
import { usableInvitation } from './invitation-links.js';

/** What the registration page shows. Reading never consumes the link (mail scanners open links). */
export async function invitationDetails(token: string) {
  const { invitation, user } = await usableInvitation(token);
  const tenant = await TenantModel.findById(user.tenantId, { name: 1 }).lean();
  return {
    name: user.name,
    email: invitation.email,
    legacyUsername: user.legacyUsername ?? null,
    tenantName: tenant?.name ?? '',
    locale: user.locale,
    expiresAt: invitation.expiresAt.toISOString(),
  };
}
