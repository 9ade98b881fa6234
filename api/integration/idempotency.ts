import { createHash } from 'node:crypto';
import { z } from 'zod';
import { isDuplicateKey } from '../../data/duplicate-key.js';
import { IdempotencyRecordModel } from '../../data/models/index.js';
import { fail } from '../http/error-messages.js';

export const idempotencyHeaders = z.object({
  'idempotency-key': z
    .string()
    .regex(/^[\x21-\x7e]{1,200}$/, 'must be 1-200 visible ASCII characters')
    .optional()
    .meta({ description: 'Retries with the same key get the first answer; nothing is done twice' }),
});

const fingerprint = (request: unknown) => createHash('sha256').update(JSON.stringify(request)).digest('hex');

export interface Answer {
  status: number;
  body: unknown;
}

/**
 * Runs `work` once per (API key, Idempotency-Key): a retry gets the stored answer, a concurrent
 * duplicate gets 409 IDEMPOTENCY_IN_PROGRESS, the same key on a different request gets 422.
 * A 4xx/5xx is not stored, so the caller can fix the request and retry with the same key.
 */
export async function idempotent(scope: string, key: string | undefined, request: unknown, work: () => Promise<Answer>): Promise<Answer> {
  if (!key) return work();
  const id = `${scope}:${key}`;
  const requestHash = fingerprint(request);
  try {
    await IdempotencyRecordModel.create({ _id: id, requestHash, state: 'processing' });
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
    const existing = await IdempotencyRecordModel.findById(id).lean();
    if (!existing) return idempotent(scope, key, request, work);
    if (existing.requestHash !== requestHash) throw fail('IDEMPOTENCY_KEY_REUSED', { fields: [{ path: 'Idempotency-Key', message: 'used for a different request' }] });
    if (existing.state !== 'done') throw fail('IDEMPOTENCY_IN_PROGRESS', { headers: { 'Retry-After': '1' } });
    return { status: existing.status ?? 200, body: existing.body };
  }
  try {
    const answer = await work();
    await IdempotencyRecordModel.updateOne({ _id: id }, { $set: { state: 'done', status: answer.status, body: answer.body } });
    return answer;
  } catch (error) {
    await IdempotencyRecordModel.deleteOne({ _id: id });
    throw error;
  }
}
