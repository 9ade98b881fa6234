import type { ClientRateLimitInfo, Options, Store } from 'express-rate-limit';
import { decrementWindow, deleteWindow, incrementWindow, readWindow } from '../../data/rate-limit-windows.js';

/**
 * express-rate-limit's Store on MongoDB (collection rateLimits): fixed windows counted with one
 * atomic upsert per hit, so every API process shares each limit; a TTL index drops ended windows.
 * (The published rate-limit-mongo package bundles mongodb 3.x and is not kept up to date.)
 */
export class MongoRateLimitStore implements Store {
  readonly localKeys = false;
  private windowMs = 60_000;

  constructor(readonly prefix = 'rl:') {}

  init(options: Options) {
    this.windowMs = options.windowMs;
  }

  async get(key: string): Promise<ClientRateLimitInfo | undefined> {
    const window = await readWindow(this.prefix + key);
    return window && { totalHits: window.count, resetTime: window.expiresAt };
  }

  async increment(key: string): Promise<ClientRateLimitInfo> {
    const window = await incrementWindow(this.prefix + key, this.windowMs);
    return { totalHits: window.count, resetTime: window.expiresAt };
  }

  async decrement(key: string) {
    await decrementWindow(this.prefix + key);
  }

  async resetKey(key: string) {
    await deleteWindow(this.prefix + key);
  }
}
