import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

export interface ReceivedWebhook {
  path: string;
  id: string;
  timestamp: string;
  signature: string;
  body: string;
  /** What the receiver answered. */
  status: number;
}

/** How a path answers its n-th call (1-based): a status, after an optional delay. */
export type Answer = (call: number) => number | { status: number; delayMs: number };

/**
 * A real HTTP receiver on a free loopback port: records every POST with its Standard Webhooks
 * headers and raw body, and answers as each path is told (200 by default).
 */
export async function startWebhookReceiver() {
  const received: ReceivedWebhook[] = [];
  const answers = new Map<string, Answer>();
  const calls = new Map<string, number>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      void (async () => {
        const path = req.url ?? '/';
        const call = (calls.get(path) ?? 0) + 1;
        calls.set(path, call);
        const answer = answers.get(path)?.(call) ?? 200;
        const { status, delayMs } = typeof answer === 'number' ? { status: answer, delayMs: 0 } : answer;
        if (delayMs) await sleep(delayMs);
        const header = (name: string) => String(req.headers[name] ?? '');
        received.push({
          path,
          id: header('webhook-id'),
          timestamp: header('webhook-timestamp'),
          signature: header('webhook-signature'),
          body: Buffer.concat(chunks).toString('utf8'),
          status,
        });
        res.writeHead(status, { 'content-type': 'text/plain' }).end(status < 300 ? 'ok' : `answered ${status}`);
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    received,
    /** A URL of this receiver whose answers `answer` decides. */
    url(path: string, answer?: Answer) {
      if (answer) answers.set(path, answer);
      return `${base}${path}`;
    },
    at: (path: string) => received.filter((request) => request.path === path),
    /** Requests to the path whose body arrived, answered or not yet. */
    started: (path: string) => calls.get(path) ?? 0,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
export type WebhookReceiver = Awaited<ReturnType<typeof startWebhookReceiver>>;
