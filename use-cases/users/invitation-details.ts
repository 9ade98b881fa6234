import { TenantModel } from '../../data/models/index.js';
import { usableInvitation } from './invitation-links.js';

/**
 * What the registration page shows, and where its last step sends the person (the office's main
 * system, else the platform's `defaultSignInUrl`). Reading never consumes the link (mail scanners open links).
 */
export async function invitationDetails(token: string, defaultSignInUrl: string) {
  const { invitation, user } = await usableInvitation(token);
  const tenant = await TenantModel.findById(user.tenantId, { name: 1, signInUrl: 1, branding: 1 }).lean();
  return {
    name: user.name,
    email: invitation.email,
    legacyUsername: user.legacyUsername ?? null,
    tenantName: tenant?.name ?? '',
    locale: user.locale,
    expiresAt: invitation.expiresAt.toISOString(),
    signInUrl: tenant?.signInUrl ?? defaultSignInUrl,
    // The office's look, so the page the e-mail opens looks like the office that sent it.
    branding: {
      logoUrl: tenant?.branding?.logoUrl ?? null,
      accentColor: tenant?.branding?.accentColor ?? null,
      supportContact: tenant?.branding?.supportContact ?? null,
    },
  };
}
