/**
 * What the benchmarks (bench/) write and read straight in MongoDB, behind the service's back: a
 * customer base moved on through the lifecycle as a migration would leave it (no workflow runs
 * for it), an office of staged users ready for "Update accounts", and the counts a bench waits
 * on. The service never does this; the benches call it through the use-cases or over HTTP.
 */
import { Types } from 'mongoose';
import { person } from '../../bench/people.js';
import { EmailLogModel, InvitationModel, TenantModel, UserModel } from '../../data/models/index.js';

/**
 * The statuses bench/people.ts gives the imported people (most past "staged", with their login
 * e-mail and the invitation's e-mail log entry), written in batches. Offices were imported in
 * order, codes from 1 (`sizes`: how many each). Returns how many users moved on.
 */
export async function moveOnAsMigrated(tenantIds: string[], sizes: number[]) {
  const now = Date.now();
  const stored = await UserModel.find({ tenantId: { $in: tenantIds } }, { _id: 1, tenantId: 1, code: 1, proposedEmail: 1 }).lean();
  const tenantIndex = new Map(tenantIds.map((id, index) => [id, index]));
  // The person each stored user was imported as.
  const firstPerson = sizes.map((_, index) => sizes.slice(0, index).reduce((sum, size) => sum + size, 0));
  const personOf = (user: (typeof stored)[number]) => firstPerson[tenantIndex.get(String(user.tenantId))!]! + user.code - 1;
  let advanced = 0;
  for (let start = 0; start < stored.length; start += 1_000) {
    const moving = stored
      .slice(start, start + 1_000)
      .map((user) => ({ user, index: personOf(user), seed: person(personOf(user)) }))
      .filter(({ seed }) => seed.status !== 'staged');
    if (moving.length === 0) continue;
    // Invited over the last ten days, so the dashboard has stuck activations (invited > 3 days ago).
    const invitedAt = (index: number) => new Date(now - ((index % 10) + 1) * 86_400_000 + (index % 3_600) * 1_000);
    await UserModel.bulkWrite(
      moving.map(({ user, index, seed }) => ({
        updateOne: {
          filter: { _id: user._id },
          update: {
            $set: {
              email: user.proposedEmail!,
              status: seed.status,
              statusChangedAt: new Date(now - (index % 600) * 60_000),
              invitedAt: invitedAt(index),
              emailFailing: seed.emailFailing,
            },
          },
        },
      })),
      { ordered: false },
    );
    await EmailLogModel.insertMany(
      moving.map(({ user, index, seed }) => ({
        _id: `invitation:${String(user._id)}`,
        userId: user._id,
        tenantId: user.tenantId,
        to: user.proposedEmail!,
        template: 'invitation',
        locale: 'pt-BR',
        subject: 'Seu acesso',
        messageId: `<invitation.${String(user._id)}@bench>`,
        status: seed.emailFailing ? 'rejected' : 'sent',
        attempts: 1,
        sentAt: seed.emailFailing ? null : invitedAt(index),
      })),
      { ordered: false },
    );
    advanced += moving.length;
  }
  return advanced;
}

/** Users per status, every office's. */
export const usersPerStatus = () => UserModel.aggregate<{ _id: string; n: number }>([{ $group: { _id: '$status', n: { $sum: 1 } } }, { $sort: { _id: 1 } }]);

/** How many of these users are invited. */
export const countInvited = (userIds: string[]) => UserModel.countDocuments({ _id: { $in: userIds }, status: 'invited' });

/** The ids of these users' open invitations (the registration links' tokens derive from them). */
export async function openInvitationIds(userIds: string[]) {
  const invitations = await InvitationModel.find({ userId: { $in: userIds }, consumedAt: null, closedAt: null }, { _id: 1 }).lean();
  return invitations.map((invitation) => String(invitation._id));
}

/**
 * An office (plan plus, with the login-link step) of `users` staged users with their proposed
 * logins, as an import leaves them, inserted a thousand at a time; the first is its supervisor.
 */
export async function stageMigratingOffice(users: number) {
  const tenant = await TenantModel.create({ name: 'Bench Office', nameLower: 'bench office', plan: 'plus', requiresLoginLink: true });
  const docs = Array.from({ length: users }, (_, i) => ({
    _id: new Types.ObjectId(),
    tenantId: tenant._id,
    code: i + 1,
    name: `User ${i + 1}`,
    nameLower: `user ${i + 1}`,
    legacyUsername: `user${i + 1}`,
    proposedEmail: `user${i + 1}@bench.test`,
    role: i === 0 ? 'supervisor' : 'member',
    locale: 'pt-BR',
    status: 'staged',
    statusChangedAt: new Date(),
  }));
  for (let i = 0; i < docs.length; i += 1_000) await UserModel.insertMany(docs.slice(i, i + 1_000));
  return { tenantId: String(tenant._id), userIds: docs.map((doc) => String(doc._id)) };
}
