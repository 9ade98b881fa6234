import type { Types } from 'mongoose';
import {
  addressesToCheck,
  emailHolders,
  IN_BATCH,
  REVIEW_INDEX,
  reviewPageIds,
  reviewRecords,
  reviewWhere,
  writeProblemFlags,
  type EmailHolder,
} from '../../data/migration-review.js';
import { normalizeEmail } from '../../domain/email-address.js';
import { reviewEmails, type EmailProblem, type ReviewCandidate } from '../../domain/migration.js';

/**
 * The review's e-mail problems (domain/migration.ts reviewEmails: missing, invalid, the same
 * address twice among the office's users to migrate, an address that is already someone else's
 * login), found on indexes for the addresses asked about only: an address's holders in the office
 * ({tenantId, proposedEmail}) and its owner as a login anywhere (the unique e-mail index). What an
 * import, a fix or a page costs follows its own addresses, never the office's size.
 *
 * Each staged user waiting in the review carries `hasEmailProblem`, the flag the review counts and
 * pages "only the rows to fix" by on an index. A write that changes who holds an address (an
 * import, a fix, an inactivation or an inclusion) then re-derives the flags of every holder of the
 * addresses it touched (refreshProblemFlags; an import, of those of its addresses that someone else
 * holds too, found on the indexes alone), its twins' too: a user whose twin is fixed loses its
 * "duplicated".
 *
 * Why this is right under concurrent writes, two imports of the same address at once included:
 * each writer re-derives *after* its own write, from a fresh read, and checks what it wrote with
 * another read, again until a read finds every flag of its addresses right. Of two imports of an
 * address, the later read sees both users and flags both. A flag is written only where the user
 * still has the e-mails and status it was derived from, so a stale derivation never overwrites a
 * newer user. And the last flag written for an address is followed by its writer's own check,
 * which then sees every write before it: when the writes stop, the flags are right. What no write
 * of the review sees (a login taken in another office, a user staged through the users API) the
 * flags catch up with when a page shows the user (rows are always derived as they are read, and
 * their flags set right), and "Update accounts" re-derives every flag before it counts blockers.
 */

/** The address a user of the review would sign in with: its login if it has one, else the proposed one. */
export const proposedLogin = (user: { email?: string | null; proposedEmail?: string | null }) => user.email ?? user.proposedEmail ?? null;

const keyOf = (email: string | null | undefined) => (email?.trim() ? normalizeEmail(email) : null);
const uniqueKeys = (emails: (string | null | undefined)[]) => [...new Set(emails.map(keyOf).filter((key): key is string => key !== null))];

/** Whether the review flags this user: staged, with a problem. */
const flagged = (user: EmailHolder, problems: ReadonlyMap<string, EmailProblem[]>) =>
  user.status === 'staged' && (problems.get(String(user._id))?.length ?? 0) > 0;

/**
 * The problems of every staged user of the office holding one of these addresses (and of
 * `pending` rows not written yet: a dry run's), by the review's rule; `holders` are those users,
 * inactive ones included (they have no problems, and count for no duplicate).
 */
export async function emailProblemsOf(tenantId: Types.ObjectId, emails: (string | null | undefined)[], pending: ReviewCandidate[] = []) {
  const keys = uniqueKeys([...emails, ...pending.map((row) => row.proposedEmail)]);
  const asked = new Set(keys);
  const { proposing, logins } = await emailHolders(tenantId, keys);
  const holders = new Map<string, EmailHolder>();
  const waiting = (user: EmailHolder) =>
    user.inReview === true && (user.status === 'staged' || user.status === 'inactive') && String(user.tenantId) === String(tenantId);
  // A user with a login of its own proposes that, not its proposed e-mail.
  for (const user of [...proposing, ...logins]) if (waiting(user) && asked.has(keyOf(proposedLogin(user)) ?? '')) holders.set(String(user._id), user);
  const candidates = [
    ...[...holders.values()].filter((user) => user.status === 'staged').map((user) => ({ id: String(user._id), proposedEmail: proposedLogin(user) })),
    ...pending,
  ];
  const owners = new Map(logins.map((user) => [user.email!, String(user._id)]));
  return { holders: [...holders.values()], problems: reviewEmails(candidates, owners) };
}

/** How many rounds of derive, write and check one writer runs before it leaves the rest to the next writer or reader. */
const MAX_ROUNDS = 5;

/**
 * Re-derives the flags of every holder of these addresses in the office and of these `users`
 * (those with no address have only their own "missing" to flag), writes the wrong ones, and checks
 * again until a read finds them right (see above). Returns the problems of the staged holders, by id.
 */
export async function refreshProblemFlags(tenantId: Types.ObjectId, emails: (string | null | undefined)[], users: EmailHolder[] = []) {
  const problems = new Map<string, EmailProblem[]>();
  const keyless = users.filter((user) => keyOf(proposedLogin(user)) === null);
  if (keyless.length > 0) {
    for (const user of keyless) problems.set(String(user._id), user.status === 'staged' ? ['missing'] : []);
    const wrong = keyless.filter((user) => flagged(user, problems) !== (user.hasEmailProblem === true));
    await writeProblemFlags(wrong.map((user) => ({ user, flagged: flagged(user, problems) })));
  }
  let keys = uniqueKeys([...emails, ...users.map(proposedLogin)]);
  for (let round = 0; round < MAX_ROUNDS && keys.length > 0; round++) {
    const derived = await emailProblemsOf(tenantId, keys);
    for (const [id, found] of derived.problems) problems.set(id, found);
    const wrong = derived.holders.filter((user) => flagged(user, derived.problems) !== (user.hasEmailProblem === true));
    if (wrong.length === 0) break;
    await writeProblemFlags(wrong.map((user) => ({ user, flagged: flagged(user, derived.problems) })));
    // Checked again: the addresses whose flags this round wrote.
    keys = uniqueKeys(wrong.map(proposedLogin));
  }
  return problems;
}

/**
 * Every flag of the office's review checked again, a batch of users at a time in code order (so
 * memory holds one batch): what "Update accounts" runs before it counts the users that block it,
 * so that it counts what no write of the review saw too (a login taken elsewhere since, a user
 * staged or changed through the users API). Per batch, one read of its users and two of the
 * indexes alone (data/migration-review.ts addressesToCheck: which of its addresses someone else
 * may hold); only those addresses are derived in full, the rest have only their own problems
 * (missing, invalid). Writes only the flags found wrong.
 */
export async function refreshOfficeFlags(tenantId: Types.ObjectId) {
  let afterCode: number | undefined;
  for (;;) {
    const ids = await reviewPageIds(reviewWhere(tenantId), { afterCode, skip: 0, limit: IN_BATCH }, REVIEW_INDEX);
    const users = await reviewRecords(
      tenantId,
      ids.map((entry) => entry._id),
    );
    const shared = await addressesToCheck(tenantId, uniqueKeys(users.map(proposedLogin)));
    const alone = users.filter((user) => !shared.has(keyOf(proposedLogin(user)) ?? ''));
    const own = reviewEmails(
      alone.filter((user) => user.status === 'staged').map((user) => ({ id: String(user._id), proposedEmail: proposedLogin(user) })),
      new Map(),
    );
    const wrong = alone.filter((user) => flagged(user, own) !== (user.hasEmailProblem === true));
    await writeProblemFlags(wrong.map((user) => ({ user, flagged: flagged(user, own) })));
    if (shared.size > 0) await refreshProblemFlags(tenantId, [...shared]);
    if (ids.length < IN_BATCH) return;
    afterCode = users.at(-1)?.code ?? afterCode;
  }
}
