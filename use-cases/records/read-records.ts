import type { Model } from 'mongoose';
import { findPage, type Page } from '../../data/paged-list.js';
import { domainError } from '../../domain/errors.js';

interface RecordKind<F, R, V> {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each kind's own model
  model: Model<any>;
  where: (filter: F) => Record<string, unknown>;
  toView: (record: R) => V;
}

/**
 * Reading a kind of record the service keeps of what happened (invitation links, outgoing e-mails,
 * the audit trail): a page of a list, or one by id. `model` and `where` are exposed so
 * test/api/query-plans.test.ts explains the queries the lists run.
 */
export function readRecords<F, R, V>(kind: RecordKind<F, R, V>) {
  return {
    ...kind,
    async list(filter: F, page: Page) {
      const { records, total } = await findPage<R>(kind.model, kind.where(filter), page);
      return { items: records.map(kind.toView), total };
    },
    async find(id: string) {
      const record = await kind.model.findById(id).lean<R>();
      if (!record) throw domainError('NOT_FOUND');
      return kind.toView(record);
    },
  };
}
