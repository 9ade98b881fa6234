/**
 * What the benchmarks (bench/) write and read straight in MongoDB, behind the service's back: a
 * customer base moved on through the lifecycle as a migration would leave it (no workflow runs
 * for it), an office of staged users ready for "Update accounts", and the counts a bench waits
 * on. The service never does this; the benches call it through the use-cases or over HTTP.
 */
import { randomUUID } from 'node:crypto';
import { Types } from 'mongoose';
import { person } from '../../bench/people.js';
import { EmailLogModel, InvitationModel, TenantModel, UserModel } from '../../data/models/index.js';
import { emailSearchKeys, nameSearchKeys, SEARCH_KEYS_VERSION } from '../../data/models/user-search.js';
import { insertStagedUsers } from '../../data/migration-review.js';
import { searchText } from '../../domain/search-text.js';
import type { ActivationStatus } from '../../domain/activation-status.js';

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
 * logins, staged as an import stages them (without search keys; data/migration-review.ts); the
 * first is its supervisor.
 */
export async function stageMigratingOffice(users: number) {
  const tenant = await TenantModel.create({ name: 'Bench Office', nameLower: 'bench office', plan: 'plus', requiresLoginLink: true });
  const rows = Array.from({ length: users }, (_, i) => ({
    code: i + 1,
    name: `User ${i + 1}`,
    legacyUsername: `user${i + 1}`,
    proposedEmail: `user${i + 1}@bench.test`,
    role: i === 0 ? ('supervisor' as const) : ('member' as const),
    locale: 'pt-BR' as const,
    hasEmailProblem: false,
  }));
  const { ids } = await insertStagedUsers(tenant._id, rows);
  return { tenantId: String(tenant._id), userIds: ids.map(String) };
}

/**
 * `count` users of these (fresh) tenants, dealt round-robin with codes from 1 and statuses in turn,
 * written by the driver ten thousand at a time, fast: without the search keys the model derives on
 * insert (most of an insert's index work), so the search does not find them until an API start
 * re-derives them (data/user-search-refresh.ts). Returns their ids in order.
 */
export async function insertUsers(tenantIds: string[], count: number, statuses: readonly ActivationStatus[] = ['staged']) {
  const now = new Date();
  const batch = randomUUID().slice(0, 8);
  const docs = Array.from({ length: count }, (_, i) => ({
    _id: new Types.ObjectId(),
    tenantId: new Types.ObjectId(tenantIds[i % tenantIds.length]),
    code: Math.floor(i / tenantIds.length) + 1,
    name: `Sync User ${i + 1}`,
    nameLower: `sync user ${i + 1}`,
    email: `sync-${i + 1}@${batch}.bench.test`,
    role: 'member',
    locale: 'pt-BR',
    status: statuses[i % statuses.length],
    statusChangedAt: now,
    listed: true,
    createdAt: now,
    updatedAt: now,
  }));
  for (let i = 0; i < docs.length; i += 10_000) await UserModel.collection.insertMany(docs.slice(i, i + 10_000), { ordered: false });
  return docs.map((doc) => String(doc._id));
}

/**
 * bench:admin's national customer base, written straight into MongoDB (the import's own speed is
 * bench:import's to measure): `sizes[i]` people in office `tenantIds[i]`, person numbers running on
 * across offices, each with the status bench/people.ts gives them (staged ones with a proposed
 * login only), their search keys derived as every write derives them (data/models/user-search.ts),
 * and one in ten of those invited or further with the invitation's e-mail log entry. The users'
 * secondary indexes are dropped first and built once at the end (a sorted build, much faster than
 * a million inserts into 33 indexes). Returns how many users and e-mails it wrote.
 */
export async function seedNationalBase(tenantIds: string[], sizes: number[], onProgress: (written: number) => void = () => undefined) {
  const now = Date.now();
  const total = sizes.reduce((sum, size) => sum + size, 0);
  await UserModel.collection.dropIndexes();
  await EmailLogModel.collection.dropIndexes();
  let written = 0;
  let emails = 0;
  let pending: Promise<unknown> = Promise.resolve();
  const BATCH = 5_000;
  let index = 0;
  for (const [office, size] of sizes.entries()) {
    const tenantId = new Types.ObjectId(tenantIds[office]);
    for (let start = 0; start < size; start += BATCH) {
      const users: Record<string, unknown>[] = [];
      const logs: Record<string, unknown>[] = [];
      for (let code = start + 1; code <= Math.min(size, start + BATCH); code++, index++) {
        const seed = person(index);
        const staged = seed.status === 'staged';
        const createdAt = new Date(now - (total - index) * 1_000);
        const invitedAt = staged ? null : new Date(now - ((index % 10) + 1) * 86_400_000 + (index % 3_600) * 1_000);
        const _id = new Types.ObjectId();
        users.push({
          _id,
          tenantId,
          code,
          name: seed.name,
          nameLower: searchText(seed.name),
          nameKeys: nameSearchKeys(seed.name),
          emailKeys: emailSearchKeys(seed.email),
          searchKeysVersion: SEARCH_KEYS_VERSION,
          legacyUsername: `u${code}`,
          ...(staged ? {} : { email: seed.email }),
          proposedEmail: seed.email,
          migrationId: null,
          role: seed.role,
          locale: 'pt-BR',
          externalId: null,
          status: seed.status,
          statusChangedAt: new Date(now - (index % 600) * 60_000),
          invitedAt,
          remindersSent: 0,
          emailFailing: seed.emailFailing,
          // Created one by one in the console, as it were: in the users lists (not an import's).
          listed: true,
          createdAt,
          updatedAt: createdAt,
        });
        if (!staged && index % 10 === 0)
          logs.push({
            _id: `invitation:${String(_id)}`,
            userId: _id,
            tenantId,
            to: seed.email,
            template: 'invitation',
            locale: 'pt-BR',
            subject: 'Seu acesso',
            messageId: `<invitation.${String(_id)}@bench>`,
            status: seed.emailFailing ? 'rejected' : 'sent',
            attempts: 1,
            sentAt: seed.emailFailing ? null : invitedAt,
            createdAt: invitedAt,
            updatedAt: invitedAt,
          });
      }
      // The next batch is built while this one is written.
      await pending;
      pending = Promise.all([
        UserModel.collection.insertMany(users, { ordered: false }),
        logs.length > 0 ? EmailLogModel.collection.insertMany(logs, { ordered: false }) : null,
      ]);
      written += users.length;
      emails += logs.length;
      onProgress(written);
    }
  }
  await pending;
  await UserModel.createIndexes();
  await EmailLogModel.createIndexes();
  return { users: written, emails };
}

/** The users collection as MongoDB stores it: documents, each index's size, and how many search keys a user has on average. */
export async function usersCollectionStats() {
  const db = UserModel.db.db!;
  const stats = (await db.command({ collStats: 'users', scale: 1 })) as {
    count: number;
    size: number;
    storageSize: number;
    totalIndexSize: number;
    indexSizes: Record<string, number>;
  };
  const [keys] = await UserModel.aggregate<{ name: number; email: number }>([
    { $sample: { size: 20_000 } },
    { $group: { _id: null, name: { $avg: { $size: { $ifNull: ['$nameKeys', []] } } }, email: { $avg: { $size: { $ifNull: ['$emailKeys', []] } } } } },
  ]);
  const cache = (await db.admin().command({ serverStatus: 1 })) as { wiredTiger: { cache: Record<string, number> } };
  return {
    count: stats.count,
    size: stats.size,
    storageSize: stats.storageSize,
    totalIndexSize: stats.totalIndexSize,
    indexSizes: stats.indexSizes,
    nameKeysPerUser: keys?.name ?? 0,
    emailKeysPerUser: keys?.email ?? 0,
    cacheBytes: cache.wiredTiger.cache['maximum bytes configured'] ?? 0,
    cacheUsedBytes: cache.wiredTiger.cache['bytes currently in the cache'] ?? 0,
  };
}

/** A user of the office, to link a console account to (the office's own session in bench:admin). */
export async function anOfficeUser(tenantId: string) {
  const user = await UserModel.findOne({ tenantId: new Types.ObjectId(tenantId) }, { _id: 1 })
    .sort({ code: 1 })
    .lean();
  return String(user!._id);
}

/** Writes what mongod holds dirty to disk now (a checkpoint), so that a bench's timed reads do not meet the checkpoint after a large write. */
export async function flushToDisk() {
  await UserModel.db.db!.admin().command({ fsync: 1 });
}
