import { randomUUID } from 'node:crypto';
import type { Types } from 'mongoose';
import { hashPassword } from '../../security/passwords.js';
import { CredentialModel, InvitationModel, TenantModel, UserModel } from '../../data/models/index.js';
import { hashToken } from '../../security/invitation-token.js';
import { planRequiresLoginLink, type Plan } from '../../domain/tenant.js';

let nextCode = 1;

export async function createTenant(plan: Plan = 'essential', name = `Office ${randomUUID().slice(0, 6)}`) {
  return TenantModel.create({ name, nameLower: name.toLowerCase(), plan, requiresLoginLink: planRequiresLoginLink(plan) });
}

/** A user straight in MongoDB, as the API would store it before starting the lifecycle. */
export async function createUser(tenant: { _id: Types.ObjectId; name: string }, overrides: { email?: string; locale?: 'en' | 'pt-BR'; name?: string } = {}) {
  const name = overrides.name ?? `User ${nextCode}`;
  const user = await UserModel.create({
    tenantId: tenant._id,
    code: nextCode++,
    name,
    nameLower: name.toLowerCase(),
    email: (overrides.email ?? `user-${randomUUID().slice(0, 8)}@example.test`).toLowerCase(),
    role: 'member',
    locale: overrides.locale ?? 'en',
    status: 'staged',
    statusChangedAt: new Date(),
  });
  return { user, subject: { userId: String(user._id), tenantId: String(tenant._id), name, email: user.email!, tenantName: tenant.name } };
}

/** An active user with a password, straight in MongoDB: sign-in reads only the projection and the credential. */
export async function createActiveUser(password: string, label = 'active') {
  const { user } = await createUser(await createTenant(), { email: `${label}-${randomUUID().slice(0, 8)}@example.test` });
  await UserModel.updateOne({ _id: user._id }, { $set: { status: 'active' } });
  await CredentialModel.create({ _id: user._id, passwordHash: await hashPassword(password), invitationId: 'inv-1', activatedAt: new Date() });
  return { email: user.email!, userId: user._id as Types.ObjectId };
}

/** What the public API does with a presented token: find the invitation by the token's hash. */
export async function invitationIdForToken(token: string) {
  const invitation = await InvitationModel.findOne({ tokenHash: hashToken(token) }).lean();
  if (!invitation) throw new Error('no invitation for this token');
  return invitation._id;
}

/** A user imported for the login migration: staged, with a proposed login e-mail (possibly wrong). */
export async function createStagedUser(
  tenant: { _id: Types.ObjectId },
  fields: { code: number; name?: string; role?: 'supervisor' | 'member'; proposedEmail?: string | null; legacyUsername?: string },
) {
  const name = fields.name ?? `Staged ${fields.code}`;
  return UserModel.create({
    tenantId: tenant._id,
    code: fields.code,
    name,
    nameLower: name.toLowerCase(),
    legacyUsername: fields.legacyUsername ?? `user${fields.code}`,
    proposedEmail: fields.proposedEmail === undefined ? `staged-${randomUUID().slice(0, 8)}@example.test` : fields.proposedEmail,
    role: fields.role ?? 'member',
    locale: 'pt-BR',
    status: 'staged',
    statusChangedAt: new Date(),
  });
}
