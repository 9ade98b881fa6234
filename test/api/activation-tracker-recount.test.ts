import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserModel } from '../../data/models/index.js';
import { COUNTS_FRESH_MS, LIVE_COUNT_LIMIT } from '../../data/user-counts.js';
import { cohortCounts } from '../../use-cases/activation/cohort-counts.js';
import { insertUsers } from '../harness/bench-data.js';
import { connectTestMongo, testConfig } from '../harness/context.js';
import { eventually } from '../harness/eventually.js';

/**
 * A large office's tracker counts (more than LIVE_COUNT_LIMIT people) come from the API process's
 * last count. Once that count is older than COUNTS_FRESH_MS, the request is still answered from it,
 * at once, and a pass in the background takes the new counts for the requests after: the person
 * watching a 100,000-user migration never waits for the recount (240-320 ms of the tracker's
 * requests during one, docs/benchmarks.md).
 */
const config = testConfig();
let mongo: Awaited<ReturnType<typeof connectTestMongo>>;
const tenantId = new Types.ObjectId();

beforeAll(async () => {
  mongo = await connectTestMongo(config);
  await insertUsers([String(tenantId)], LIVE_COUNT_LIMIT + 10, ['staged']);
});
afterAll(async () => {
  await mongo?.disconnect();
});

describe("a large office's tracker counts", () => {
  it('answer from the last count when it is old, and count again in the background for the next request', async () => {
    const t0 = 1_000_000_000_000;
    const first = await cohortCounts({ tenantId }, t0);
    expect(first.staged).toBe(LIVE_COUNT_LIMIT + 10);

    const moved = await UserModel.find({ tenantId }, { _id: 1 }).limit(7).lean();
    await UserModel.updateMany({ _id: { $in: moved.map((user) => user._id) } }, { $set: { status: 'invited' } });

    // Within COUNTS_FRESH_MS: the last count, no recount.
    expect((await cohortCounts({ tenantId }, t0 + COUNTS_FRESH_MS)).invited).toBe(0);
    // Older: still the last count at once (the old code counted again here, and answered 7)...
    const stale = await cohortCounts({ tenantId }, t0 + COUNTS_FRESH_MS + 1);
    expect(stale.invited).toBe(0);
    // ...and the requests after get the new one.
    await eventually(async () => {
      const next = await cohortCounts({ tenantId }, t0 + COUNTS_FRESH_MS + 2);
      expect(next.invited).toBe(7);
      expect(next.staged).toBe(LIVE_COUNT_LIMIT + 3);
    });
  });
});
