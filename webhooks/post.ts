import http from 'node:http';
import https from 'node:https';
import type { LookupAddress } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { PrivateTargetError, publicAddresses, type Resolve } from './target-address.js';

/** How long a receiver has to answer one attempt; below the activity's 15 s start-to-close timeout. */
export const WEBHOOK_TIMEOUT_MS = 10_000;
/** Enough of a failed answer's body to tell an operator why (a proxy's error page, the receiver's message). */
const EXCERPT_BYTES = 300;

export type PostOutcome = { status: number; excerpt: string } | { error: string };

export interface PostOptions {
  timeoutMs?: number;
  /** WEBHOOK_ALLOW_PRIVATE: local receivers in development and tests. */
  allowPrivate?: boolean;
  /** The resolver (the system's by default); a test gives one that changes its answer. */
  resolve?: Resolve;
}

/**
 * The connection's own lookup: the addresses it connects to are the ones checked, so a name that
 * resolved to a public address when it was registered and to a private one now gets no connection.
 */
const guardedLookup =
  (options: PostOptions): LookupFunction =>
  (hostname, lookupOptions, callback) => {
    publicAddresses(hostname, options).then(
      (addresses) => {
        if (lookupOptions.all) (callback as (error: null, all: LookupAddress[]) => void)(null, addresses);
        else callback(null, addresses[0]!.address, addresses[0]!.family);
      },
      (error: NodeJS.ErrnoException) => callback(error, '', 0),
    );
  };

/**
 * One POST of a webhook. Redirects are not followed (a 3xx counts as a failed attempt): the
 * signed request goes to the registered URL only, and only to a public address. Never throws; a
 * network failure, a refused address or a timeout is an outcome like a status.
 */
export async function postWebhook(url: string, headers: Record<string, string>, body: string, options: PostOptions = {}): Promise<PostOutcome> {
  const timeoutMs = options.timeoutMs ?? WEBHOOK_TIMEOUT_MS;
  const target = new URL(url);
  try {
    // An address in the URL itself is never looked up: checked here.
    await publicAddresses(target.hostname, { ...options, resolve: async () => [] });
  } catch (error) {
    if (error instanceof PrivateTargetError) return refused;
  }
  return new Promise((settle) => {
    const client = target.protocol === 'https:' ? https : http;
    const request = client.request(target, {
      method: 'POST',
      headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
      lookup: guardedLookup(options),
      agent: false,
    });
    const timer = setTimeout(() => request.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEOUT' })), timeoutMs);
    request.on('response', (response) => {
      void readExcerpt(response).then((excerpt) => {
        clearTimeout(timer);
        settle({ status: response.statusCode ?? 0, excerpt });
      });
    });
    request.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      if (error instanceof PrivateTargetError) settle(refused);
      else if (error.code === 'ETIMEOUT') settle({ error: `no answer within ${timeoutMs / 1000} s` });
      else settle({ error: error.code ?? error.message });
    });
    request.end(body);
  });
}

/** Said without the address: the delivery log is read by whoever registered the URL. */
const refused: PostOutcome = { error: 'not sent: the host does not resolve to a public internet address' };

/** The start of the body, then the rest is dropped unread: a receiver's large answer costs nothing. */
function readExcerpt(response: http.IncomingMessage): Promise<string> {
  return new Promise((settle) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = () => {
      response.destroy();
      settle(Buffer.concat(chunks).subarray(0, EXCERPT_BYTES).toString('utf8').trim());
    };
    response.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      size += chunk.length;
      if (size >= EXCERPT_BYTES) done();
    });
    // A body cut short is still an answer; its status is what counts.
    response.on('end', done);
    response.on('error', done);
    response.on('aborted', done);
  });
}
