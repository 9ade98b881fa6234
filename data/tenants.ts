import { Types } from 'mongoose';
import type { Plan } from '../domain/tenant.js';
import { tenantsWithin, type TenantScope } from '../domain/tenant-scope.js';
import { match, objectId, prefixSearch } from './list-filters.js';
import { TenantModel, UserModel } from './models/index.js';
import { findPage, type Page } from './paged-list.js';

/** The tenant with this id; null for none, or for a string that is no id at all. */
export const findTenant = async (tenantId: string) => (Types.ObjectId.isValid(tenantId) ? await TenantModel.findById(tenantId).lean() : null);
/** One as MongoDB returns it (lean). */
export type TenantRecord = NonNullable<Awaited<ReturnType<typeof findTenant>>>;

export interface TenantListFilter {
  q?: string;
  id?: string | string[];
  plan?: Plan | Plan[];
}

/** The MongoDB filter of a tenants list: `q` is a prefix of the lowercased name, a range on its index. An office's scope lists itself. */
export const tenantListWhere = (scope: TenantScope, filter: TenantListFilter) => ({
  ...match('_id', tenantsWithin(scope, filter.id), objectId),
  ...prefixSearch(['nameLower'], filter.q),
  ...match('plan', filter.plan),
});

export const listTenants = (scope: TenantScope, filter: TenantListFilter, page: Page) =>
  findPage<TenantRecord>(TenantModel, tenantListWhere(scope, filter), page);

/**
 * The tenant's next automatic user code, taken with one atomic `$inc` on the tenant: concurrent
 * creates (a batch makes 8 at once) each get a number of their own instead of all reading the same
 * highest code and racing for it. Null when the tenant is gone. The counter does not change the
 * tenant's `updatedAt`.
 */
export async function takeUserCode(tenantId: string): Promise<number | null> {
  const _id = new Types.ObjectId(tenantId);
  const counted = await TenantModel.findOneAndUpdate(
    { _id, lastUserCode: { $exists: true } },
    { $inc: { lastUserCode: 1 } },
    { returnDocument: 'after', projection: { lastUserCode: 1 }, timestamps: false },
  ).lean();
  if (counted) return counted.lastUserCode!;
  // A tenant from before the counter, or one with no user yet: the counter starts above its codes.
  await skipUsedUserCodes(tenantId);
  const started = await TenantModel.findOneAndUpdate(
    { _id },
    { $inc: { lastUserCode: 1 } },
    { returnDocument: 'after', projection: { lastUserCode: 1 }, timestamps: false },
  ).lean();
  return started?.lastUserCode ?? null;
}

/**
 * Moves the counter up past every code the tenant's users have, never down: codes given
 * explicitly (a CSV import, `code` in a request) do not move it, so the first automatic code that
 * collides with one calls this before taking the next.
 */
export async function skipUsedUserCodes(tenantId: string): Promise<void> {
  const _id = new Types.ObjectId(tenantId);
  const highest = await UserModel.findOne({ tenantId: _id }, { code: 1 }).sort({ code: -1 }).lean();
  await TenantModel.updateOne({ _id }, { $max: { lastUserCode: highest?.code ?? 0 } }, { timestamps: false });
}
