import { isDuplicateKey } from './duplicate-key.js';
import { IdempotencyRecordModel } from './models/index.js';

/**
 * The records behind the integration API's Idempotency-Key (api/integration/idempotency.ts, which
 * decides what a retry is answered): one per key, held by one request at a time under a lease.
 */

/** Takes a free key for `owner`; false when a record with this id exists already. */
export async function claimIdempotencyKey(id: string, requestHash: string, owner: string, leaseUntil: Date) {
  try {
    await IdempotencyRecordModel.create({ _id: id, requestHash, state: 'processing', owner, leaseUntil });
    return true;
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
    return false;
  }
}

export const findIdempotencyRecord = (id: string) => IdempotencyRecordModel.findById(id).lean();

/** Atomic: of several retries after a crash, the one whose update still names the dead holder takes the key over. */
export async function takeOverIdempotencyKey(id: string, previousOwner: string | null | undefined, owner: string, leaseUntil: Date) {
  const result = await IdempotencyRecordModel.updateOne({ _id: id, state: 'processing', owner: previousOwner }, { $set: { owner, leaseUntil } });
  return result.modifiedCount === 1;
}

export const renewIdempotencyLease = (id: string, owner: string, leaseUntil: Date) =>
  IdempotencyRecordModel.updateOne({ _id: id, owner, state: 'processing' }, { $set: { leaseUntil } });

/** The answer, kept for the retries. */
export const completeIdempotencyKey = (id: string, owner: string, answer: { status: number; body: unknown }) =>
  IdempotencyRecordModel.updateOne({ _id: id, owner }, { $set: { state: 'done', status: answer.status, body: answer.body, owner: null, leaseUntil: null } });

/** A failed request frees its key, so the caller can fix the request and retry with it. */
export const releaseIdempotencyKey = (id: string, owner: string) => IdempotencyRecordModel.deleteOne({ _id: id, owner });
