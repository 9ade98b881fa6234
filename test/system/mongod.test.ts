import fs from 'node:fs';
import path from 'node:path';
import mongoose from 'mongoose';
import { describe, expect, inject, it } from 'vitest';
import { embeddedMongoUrl } from '../../config/env.js';
import { freePort } from '../../embedded/child-process.js';
import { startMongod } from '../../embedded/mongod.js';
import { toolPaths } from '../harness/tools.js';

/** The embedded mongod that `npm start` runs: its own data folder, started and restarted here. */
describe('embedded mongod', () => {
  it('says what to do when there is no mongod', async () => {
    const missing = path.join(inject('services').scratchDir, 'no-such-mongod');
    const error = await startMongod({ binaryPath: missing, port: await freePort(), dataDir: path.join(inject('services').scratchDir, 'unused') }).catch(
      (failure: Error) => failure,
    );
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toContain(`mongod not found at ${missing}`);
    expect((error as Error).message).toContain('npm run tools');
    expect((error as Error).message).toContain('MONGOD_PATH');
    expect((error as Error).message).toContain('MONGO_URL');
  });

  it('is a replica set with transactions, and keeps its data when restarted on another port', async () => {
    const dataDir = path.join(inject('services').scratchDir, `mongod-${process.pid}`);
    fs.rmSync(dataDir, { recursive: true, force: true });
    const firstPort = await freePort();
    let mongod = await startMongod({ binaryPath: toolPaths.mongod, port: firstPort, dataDir, output: 'quiet' });
    try {
      const first = await mongoose.createConnection(embeddedMongoUrl(firstPort, 'restart')).asPromise();
      const session = await first.startSession();
      // Transactions need a replica set: a standalone mongod refuses them.
      await session.withTransaction(async () => {
        await first.db!.collection('kept').insertOne({ _id: 'one' as never }, { session });
      });
      await session.endSession();
      await first.close();
      await mongod.stop();

      // A data folder remembers the member's address; started on another port it must still elect itself.
      const secondPort = await freePort();
      mongod = await startMongod({ binaryPath: toolPaths.mongod, port: secondPort, dataDir, output: 'quiet' });
      const second = await mongoose.createConnection(embeddedMongoUrl(secondPort, 'restart')).asPromise();
      expect(await second.db!.collection('kept').countDocuments()).toBe(1);
      await second.db!.collection('kept').insertOne({ _id: 'two' as never });
      await second.close();
    } finally {
      await mongod.stop();
    }
  });
});
