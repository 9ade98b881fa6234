import type { Model } from 'mongoose';
import { findPage, type Page } from '../../data/paged-list.js';
import { scopeWhere } from '../../data/tenant-scope.js';
import { domainError } from '../../domain/errors.js';
import { tenantsWithin, type TenantScope } from '../../domain/tenant-scope.js';

interface RecordKind<F extends { tenantId?: string | string[] }, R, V> {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each kind's own model
  model: Model<any>;
  where: (filter: F) => Record<string, unknown>;
  toView: (record: R) => V;
  /** How the kind stores its tenant: an ObjectId, or (the audit trail) the id as a string. */
  tenantIdAsString?: boolean;
}

/**
 * Reading a kind of record the service keeps of what happened (invitation links, outgoing e-mails,
 * the audit trail), within the caller's scope: a page of a list (an office's own records only, a
 * filter naming other tenants finds none), or one by id (another tenant's is NOT_FOUND).
 * `model` and `where` are exposed so test/api/query-plans.test.ts explains the queries the lists run.
 */
export function readRecords<F extends { tenantId?: string | string[] }, R, V>(kind: RecordKind<F, R, V>) {
  const convert = kind.tenantIdAsString ? (id: string) => id : undefined;
  return {
    ...kind,
    async list(scope: TenantScope, filter: F, page: Page) {
      const scoped = { ...filter, tenantId: tenantsWithin(scope, filter.tenantId) };
      const { records, total } = await findPage<R>(kind.model, kind.where(scoped), page);
      return { items: records.map(kind.toView), total };
    },
    async find(scope: TenantScope, id: string) {
      const record = await kind.model.findOne({ _id: id, ...scopeWhere(scope, 'tenantId', convert) }).lean<R>();
      if (!record) throw domainError('NOT_FOUND');
      return kind.toView(record);
    },
  };
}
