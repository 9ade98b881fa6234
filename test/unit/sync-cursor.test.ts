import { describe, expect, it } from 'vitest';
import {
  decodeSyncCursor,
  describeSyncFilters,
  encodeSyncCursor,
  normalizeSyncFilters,
  sameSyncFilters,
  type SyncFilters,
} from '../../use-cases/users/sync-cursor.js';

const id = '65a1b2c3d4e5f60718293a4b';
const filters: SyncFilters = { tenantId: '0123456789abcdef01234567', status: ['invited', 'active'], updatedSince: '2025-01-31T12:00:00.000Z' };

describe('the sync cursor (GET /api/v1/users)', () => {
  it('round-trips the position and the filters, as base64url', () => {
    for (const walk of [filters, { tenantId: null, status: null, updatedSince: null }]) {
      const cursor = encodeSyncCursor(id, walk);
      expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(decodeSyncCursor(cursor)).toEqual({ after: id, filters: walk });
    }
    expect(decodeSyncCursor(encodeSyncCursor(id.toUpperCase(), filters))?.after).toBe(id);
  });

  it('normalizes the filters: one request, one value, whatever the spelling', () => {
    expect(
      normalizeSyncFilters({ tenantId: '0123456789ABCDEF01234567', status: ['active', 'invited', 'active'], updatedSince: '2025-01-31T09:00:00-03:00' }),
    ).toEqual(filters);
    expect(normalizeSyncFilters({})).toEqual({ tenantId: null, status: null, updatedSince: null });
    expect(normalizeSyncFilters({ status: [] })?.status).toBeNull();
    expect(normalizeSyncFilters({ updatedSince: 'yesterday' })).toBeUndefined();
  });

  it('tells filters apart, the order of statuses aside', () => {
    expect(sameSyncFilters(filters, { ...filters })).toBe(true);
    expect(
      sameSyncFilters(filters, normalizeSyncFilters({ tenantId: filters.tenantId!, status: ['active', 'invited'], updatedSince: filters.updatedSince! })!),
    ).toBe(true);
    expect(sameSyncFilters(filters, { ...filters, status: ['invited'] })).toBe(false);
    expect(sameSyncFilters(filters, { ...filters, status: null })).toBe(false);
    expect(sameSyncFilters(filters, { ...filters, tenantId: null })).toBe(false);
    expect(sameSyncFilters(filters, { ...filters, updatedSince: '2025-01-31T12:00:00.001Z' })).toBe(false);
    expect(describeSyncFilters(filters)).toBe('tenantId=0123456789abcdef01234567&status=invited,active&updatedSince=2025-01-31T12:00:00.000Z');
    expect(describeSyncFilters({ tenantId: null, status: null, updatedSince: null })).toBe('no filter');
  });

  it('refuses anything it did not give out', () => {
    const valid = encodeSyncCursor(id, filters);
    const json = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    for (const cursor of [
      '',
      'not a cursor',
      'abc',
      `${valid}=`,
      `${valid}!`,
      valid.slice(0, -1),
      `${valid.slice(0, -1)}${valid.at(-1) === 'A' ? 'B' : 'A'}`,
      Buffer.from('not json').toString('base64url'),
      json(null),
      json([id]),
      json({ v: 2, after: id, filters }),
      json({ v: 1, after: 'ffff', filters }),
      json({ v: 1, after: id.toUpperCase(), filters }),
      json({ v: 1, after: id }),
      json({ v: 1, after: id, filters: { ...filters, status: ['someday'] } }),
      json({ v: 1, after: id, filters: { ...filters, status: [] } }),
      json({ v: 1, after: id, filters: { ...filters, updatedSince: 'yesterday' } }),
      json({ v: 1, after: id, filters: { ...filters, extra: true } }),
      json({ v: 1, after: id, filters, extra: true }),
    ])
      expect(decodeSyncCursor(cursor), cursor).toBeNull();
  });
});
