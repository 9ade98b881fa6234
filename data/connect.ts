import mongoose from 'mongoose';
import './models/index.js';

/** MongoDB's answer to dropping an index that is gone already (another process dropped it first). */
const INDEX_NOT_FOUND = 27;

/**
 * Drops the indexes of a model's collection that its schema no longer declares (an index replaced
 * by another, as the users lists' were by their `listed` ones): every index costs every insert
 * (issue 24), and one left behind would be paid for by every import forever. Several processes
 * starting at once may each try; the one that finds the index gone already goes on.
 */
async function dropUndeclaredIndexes(model: mongoose.Model<unknown>) {
  const { toDrop } = await model.diffIndexes();
  for (const name of toDrop) {
    await model.collection.dropIndex(name).catch((error: { code?: number }) => {
      if (error?.code !== INDEX_NOT_FOUND) throw error;
    });
  }
}

/**
 * Connects mongoose and builds the indexes. Indexes are created explicitly at start-up (autoIndex
 * off) so a unique-index failure stops the process with a clear error instead of surfacing later.
 */
export async function connectMongo(url: string) {
  mongoose.set('strictQuery', true);
  const connection = await mongoose.connect(url, { autoIndex: false, serverSelectionTimeoutMS: 5_000 });
  await Promise.all(
    Object.values(connection.models).map(async (model) => {
      await dropUndeclaredIndexes(model);
      await model.createIndexes();
    }),
  );
  return connection;
}

export async function disconnectMongo() {
  await mongoose.disconnect();
}

/** The connected server's version (the benchmarks print it beside their figures). */
export async function mongoServerVersion() {
  const db = mongoose.connection.db;
  if (!db) throw new Error('not connected');
  return (await db.admin().serverInfo()).version as string;
}

export async function pingMongo(timeoutMs = 2_000) {
  const db = mongoose.connection.db;
  if (!db || mongoose.connection.readyState !== 1) throw new Error('not connected');
  await Promise.race([
    db.admin().command({ ping: 1 }),
    new Promise((_, reject) => setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs).unref()),
  ]);
}
