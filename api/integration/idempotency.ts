import { createHash, randomUUID } from 'node:crypto';
import { z } from 'zod';
import {
  claimIdempotencyKey,
  completeIdempotencyKey,
  findIdempotencyRecord,
  releaseIdempotencyKey,
  renewIdempotencyLease,
  takeOverIdempotencyKey,
} from '../../data/idempotency-records.js';
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
 * How long a request holds its key without renewing it (IDEMPOTENCY_LEASE). The holder renews every
 * third of it while its work runs, so only a process that died (killed, crashed, lost its database)
 * lets it lapse: then a retry with the key takes over, and the work it repeats is itself idempotent
 * (onboardings are keyed by tenant + externalId / e-mail, lifecycles by workflow id).
 */
export const IDEMPOTENCY_LEASE_MS = 60_000;

/**
 * Runs `work` once per (API key, Idempotency-Key): a retry gets the stored answer, a concurrent
 * duplicate gets 409 IDEMPOTENCY_IN_PROGRESS, the same key on a different request gets 422.
 * A 4xx/5xx is not stored, so the caller can fix the request and retry with the same key.
 */
export async function idempotent(
  scope: string,
  key: string | undefined,
  request: unknown,
  work: () => Promise<Answer>,
  leaseMs = IDEMPOTENCY_LEASE_MS,
): Promise<Answer> {
  if (!key) return work();
  const id = `${scope}:${key}`;
  const requestHash = fingerprint(request);
  const owner = randomUUID();
  const lease = () => new Date(Date.now() + leaseMs);
  if (!(await claimIdempotencyKey(id, requestHash, owner, lease()))) {
    const existing = await findIdempotencyRecord(id);
    if (!existing) return idempotent(scope, key, request, work, leaseMs);
    if (existing.requestHash !== requestHash)
      throw fail('IDEMPOTENCY_KEY_REUSED', { fields: [{ path: 'Idempotency-Key', message: 'used for a different request' }] });
    if (existing.state === 'done') return { status: existing.status ?? 200, body: existing.body };
    // Records from before leases existed count from their creation.
    const leaseUntil = existing.leaseUntil ?? new Date(existing.createdAt.getTime() + leaseMs);
    const lapsed = leaseUntil.getTime() < Date.now();
    const taken = lapsed && (await takeOverIdempotencyKey(id, existing.owner, owner, lease()));
    if (!taken) throw fail('IDEMPOTENCY_IN_PROGRESS', { headers: { 'Retry-After': '1' } });
  }
  const renewal = setInterval(() => {
    renewIdempotencyLease(id, owner, lease()).catch(() => undefined);
  }, leaseMs / 3);
  try {
    const answer = await work();
    await completeIdempotencyKey(id, owner, answer);
    return answer;
  } catch (error) {
    await releaseIdempotencyKey(id, owner);
    throw error;
  } finally {
    clearInterval(renewal);
  }
}
