import { RateLimitModel } from './models/index.js';

/**
 * The windows every limit of the API counts in (collection rateLimits, data/models/rate-limit.ts):
 * express-rate-limit's store (api/http/mongo-rate-limit-store.ts) and the sign-in throttle
 * (api/http/login-throttle.ts) read and write them only through these.
 */

/**
 * One atomic round trip: +1 in the current window, or 1 in a new window of `windowMs` when the
 * stored one has ended (or none exists). The server's clock ($$NOW) decides, so processes with
 * drifting clocks agree. `extendAt`: once the count reaches it, the window restarts from now
 * (a lockout lasts `windowMs` from the last refused attempt).
 */
export async function incrementWindow(id: string, windowMs: number, extendAt = Number.POSITIVE_INFINITY) {
  const live = { $gt: ['$expiresAt', '$$NOW'] };
  const count = { $cond: [live, { $add: ['$count', 1] }, 1] };
  const fresh = { $add: ['$$NOW', windowMs] };
  const pipeline = [
    { $set: { count, expiresAt: { $cond: [live, '$expiresAt', fresh] } } },
    ...(Number.isFinite(extendAt) ? [{ $set: { expiresAt: { $cond: [{ $gte: ['$count', extendAt] }, fresh, '$expiresAt'] } } }] : []),
  ];
  for (let attempt = 0; ; attempt++) {
    try {
      const doc = await RateLimitModel.collection.findOneAndUpdate({ _id: id as never }, pipeline, { upsert: true, returnDocument: 'after' });
      return { count: doc!.count as number, expiresAt: doc!.expiresAt as Date };
    } catch (error) {
      // Two first hits of one key at once: the losing upsert retries as an update.
      if ((error as { code?: number }).code !== 11000 || attempt >= 3) throw error;
    }
  }
}

/** The live window of a key, or undefined. */
export async function readWindow(id: string) {
  const doc = await RateLimitModel.collection.findOne({ _id: id as never, expiresAt: { $gt: new Date() } });
  return doc ? { count: doc.count as number, expiresAt: doc.expiresAt as Date } : undefined;
}

export async function decrementWindow(id: string) {
  await RateLimitModel.collection.updateOne({ _id: id as never, count: { $gt: 0 } }, { $inc: { count: -1 } });
}

export async function deleteWindow(id: string) {
  await RateLimitModel.collection.deleteOne({ _id: id as never });
}

/** Sets a key for `ttlMs` from now (a marker, such as a client known to an account). */
export async function markWindow(id: string, ttlMs: number) {
  await RateLimitModel.collection.updateOne({ _id: id as never }, { $set: { count: 1, expiresAt: new Date(Date.now() + ttlMs) } }, { upsert: true });
}
