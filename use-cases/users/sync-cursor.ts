import { z } from 'zod';
import { activationStatuses, activationStatusSchema, type ActivationStatus } from '../../domain/activation-status.js';

/**
 * The opaque cursor of GET /api/v1/users (sync-users.ts): base64url of a small JSON document naming
 * the last user of the page given out (by its _id, the walk's immutable order) and the filters the
 * walk was started with, so that a cursor replayed with other filters is refused rather than
 * silently walking another list from a foreign position. It carries nothing secret: a caller that
 * forges one only picks where its own, scoped walk starts.
 */

/** A walk's filters, normalized so that the same request always gives the same value. */
export interface SyncFilters {
  /** Lowercase hex; null: every tenant of the scope. */
  tenantId: string | null;
  /** Deduplicated, in the lifecycle's order; null: every status. */
  status: ActivationStatus[] | null;
  /** An ISO instant in UTC, to the millisecond; null: no lower bound on updatedAt. */
  updatedSince: string | null;
}

const CURSOR_VERSION = 1;
const BASE64URL = /^[A-Za-z0-9_-]+$/;
const cursorSchema = z
  .object({
    v: z.literal(CURSOR_VERSION),
    after: z.string().regex(/^[0-9a-f]{24}$/),
    filters: z
      .object({
        tenantId: z
          .string()
          .regex(/^[0-9a-f]{24}$/)
          .nullable(),
        status: z.array(activationStatusSchema).min(1).nullable(),
        updatedSince: z.iso.datetime().nullable(),
      })
      .strict(),
  })
  .strict();

/** The filters as a cursor keeps them; undefined for an updatedSince that is no instant. */
export function normalizeSyncFilters(input: { tenantId?: string; status?: readonly ActivationStatus[]; updatedSince?: string }): SyncFilters | undefined {
  const since = input.updatedSince === undefined ? null : new Date(input.updatedSince);
  if (since && Number.isNaN(since.getTime())) return undefined;
  return {
    tenantId: input.tenantId?.toLowerCase() ?? null,
    status: input.status?.length ? activationStatuses.filter((status) => input.status!.includes(status)) : null,
    updatedSince: since ? since.toISOString() : null,
  };
}

export const encodeSyncCursor = (after: string, filters: SyncFilters) =>
  Buffer.from(JSON.stringify({ v: CURSOR_VERSION, after: after.toLowerCase(), filters }), 'utf8').toString('base64url');

/** The position and filters of a cursor this list gave out; null for anything else (not base64url, not JSON, not its shape). */
export function decodeSyncCursor(cursor: string): { after: string; filters: SyncFilters } | null {
  if (!BASE64URL.test(cursor)) return null;
  const bytes = Buffer.from(cursor, 'base64url');
  // Node skips what is not base64url and ignores trailing bits: only the canonical spelling is a cursor.
  if (bytes.toString('base64url') !== cursor) return null;
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch {
    return null;
  }
  const parsed = cursorSchema.safeParse(json);
  if (!parsed.success) return null;
  const { after, filters } = parsed.data;
  return { after, filters: { ...filters, updatedSince: filters.updatedSince === null ? null : new Date(filters.updatedSince).toISOString() } };
}

export const sameSyncFilters = (a: SyncFilters, b: SyncFilters) =>
  a.tenantId === b.tenantId && a.updatedSince === b.updatedSince && (a.status ?? []).join(',') === (b.status ?? []).join(',');

/** The filters in the words of the query string, for a message saying which ones a cursor belongs to. */
export const describeSyncFilters = (filters: SyncFilters) =>
  [
    filters.tenantId && `tenantId=${filters.tenantId}`,
    filters.status && `status=${filters.status.join(',')}`,
    filters.updatedSince && `updatedSince=${filters.updatedSince}`,
  ]
    .filter(Boolean)
    .join('&') || 'no filter';
