import mongoose from 'mongoose';
import { embeddedMongoUrl } from '../../config/env.js';

/**
 * The test files' MongoDB databases, reused within a test process: a file takes one (testConfig)
 * and gives it back emptied when it ends (test/harness/per-file.ts), for the next file of that
 * process. A new database costs mongod some 0.35 CPU-s to create its collections and indexes,
 * growing with how many exist (100 made 50 CPU-s here), and every one left behind adds to each
 * checkpoint: fresh ones for each of the 95 files were some 60 CPU-s of a CI run's 1,300.
 * Files in one process run one after the other, so a database is never used by two at once.
 */
const free: string[] = [];
const takenByThisFile: string[] = [];
let created = 0;

/** A database for the running file, on the shared mongod: an emptied one if this process has one. */
export function takeDatabase(port: number) {
  const url = free.pop() ?? embeddedMongoUrl(port, `test_${process.pid}_${++created}`);
  takenByThisFile.push(url);
  return url;
}

/** A collection this big is dropped rather than emptied (deleting each document costs each of its indexes). */
const DROP_ABOVE = 1_000;

/**
 * Empties the running file's databases and frees them. What a file changed besides documents goes
 * too: the profiler's collection, capped collections, views; indexes a test dropped come back when
 * the next file connects (connectMongo creates the missing ones). A database that cannot be emptied
 * (its mongod stopped by the test) is not reused.
 */
export async function releaseFileDatabases() {
  const urls = takenByThisFile.splice(0);
  for (const url of urls) {
    const client = new mongoose.mongo.MongoClient(url, { serverSelectionTimeoutMS: 5_000 });
    try {
      const db = client.db();
      await db.command({ profile: 0 });
      for (const { name, type, options } of await db.listCollections({}, { nameOnly: false }).toArray()) {
        if (name.startsWith('system.') && name !== 'system.profile') continue;
        const collection = db.collection(name);
        if (type === 'view' || name === 'system.profile' || options?.capped || (await collection.estimatedDocumentCount()) > DROP_ABOVE) {
          await db.dropCollection(name);
        } else {
          await collection.deleteMany({});
        }
      }
      free.push(url);
    } catch {
      // Not reused: the next file gets a new one.
    } finally {
      await client.close();
    }
  }
}
