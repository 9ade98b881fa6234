import { userSyncPage } from '../../data/users.js';
import type { ActivationStatus } from '../../domain/activation-status.js';
import { domainError } from '../../domain/errors.js';
import { requireTenant, type TenantScope } from '../../domain/tenant-scope.js';
import type { User } from '../../domain/user.js';
import { decodeSyncCursor, describeSyncFilters, encodeSyncCursor, normalizeSyncFilters, sameSyncFilters } from './sync-cursor.js';
import { toUserView } from './user-view.js';

/** A sync page holds at most this many users; SYNC_PAGE_DEFAULT when the caller names no limit. */
export const SYNC_PAGE_LIMIT = 1_000;
export const SYNC_PAGE_DEFAULT = 100;

export interface UserSyncRequest {
  tenantId?: string;
  /** One status or several (any of them). */
  status?: readonly ActivationStatus[];
  /** An ISO date-time: users whose updatedAt is at or after it. */
  updatedSince?: string;
  limit?: number;
  /** The nextCursor of the previous page, with the same filters. */
  cursor?: string;
}

export interface UserSyncPage {
  data: User[];
  /** Where the next page starts; null on the last page. */
  nextCursor: string | null;
}

const invalid = (path: string, message: string) => domainError('VALIDATION_FAILED', { fields: [{ path, message }], detail: `${path} ${message}` });

/**
 * The users within the scope for another system to sync from, page by page in `_id` order with an
 * opaque cursor (sync-cursor.ts). The order is immutable, so a walk from the first page to the last
 * returns every user that existed when it started exactly once, whatever is written meanwhile (a
 * user changed mid-walk keeps its place; one created mid-walk may or may not be seen; one deleted
 * before its page is not). With updatedSince, a user changed after its page was read is left to the
 * next sync: start that one from the time this walk began.
 *
 * An office's principal walks its own office: without tenantId, its own; another tenant named is
 * OTHER_TENANT. A cursor is accepted only with the filters it was given out for (VALIDATION_FAILED
 * on `cursor` otherwise, and for anything that is not a cursor of this list).
 */
export async function syncUsers(scope: TenantScope, request: UserSyncRequest): Promise<UserSyncPage> {
  const limit = request.limit ?? SYNC_PAGE_DEFAULT;
  if (!Number.isInteger(limit) || limit < 1 || limit > SYNC_PAGE_LIMIT) throw invalid('limit', `must be an integer from 1 to ${SYNC_PAGE_LIMIT}`);
  const filters = normalizeSyncFilters(request);
  if (!filters) throw invalid('updatedSince', 'must be an ISO date-time, e.g. 2025-01-31T12:00:00Z');
  if (filters.tenantId) requireTenant(scope, filters.tenantId, 'tenantId');

  let after: string | null = null;
  if (request.cursor !== undefined) {
    const cursor = decodeSyncCursor(request.cursor);
    if (!cursor) throw invalid('cursor', "is not a cursor this list gave out: send a page's nextCursor as it came, or start again without one");
    if (!sameSyncFilters(cursor.filters, filters))
      throw invalid(
        'cursor',
        `was given out for other filters (${describeSyncFilters(cursor.filters)}; this request has ${describeSyncFilters(filters)}): repeat the first page's filters with it, or start again without one`,
      );
    after = cursor.after;
  }

  const records = await userSyncPage(
    scope,
    {
      ...(filters.tenantId ? { tenantId: filters.tenantId } : {}),
      ...(filters.status ? { status: filters.status } : {}),
      ...(filters.updatedSince ? { updatedSince: new Date(filters.updatedSince) } : {}),
    },
    after,
    // One more than the page: whether there is a next page, without asking for an empty one.
    limit + 1,
  );
  const page = records.slice(0, limit);
  const last = page.at(-1);
  return { data: page.map(toUserView), nextCursor: records.length > limit && last ? encodeSyncCursor(String(last._id), filters) : null };
}
