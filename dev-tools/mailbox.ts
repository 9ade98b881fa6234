import http from 'node:http';
import type { Socket } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface MailboxMessage {
  id: number;
  messageId: string;
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  receivedAt: string;
  headers: Record<string, string>;
}

export interface MailboxOptions {
  smtpPort: number;
  httpPort: number;
  /** Oldest messages are dropped past this many, so a long demo or a benchmark keeps memory bounded. */
  capacity?: number;
}

/**
 * The SMTP receiver of the tests, the benchmarks and the production shape (`npm start` runs MailDev,
 * maildev.ts). It speaks real SMTP, so the worker's mailer is exercised exactly as in production,
 * and answers "what did this address get?" in one JSON call. Recipients whose local part starts
 * with "bounce" are refused with a permanent 550, to test how a bad address surfaces.
 */
export async function startMailbox(options: MailboxOptions) {
  const capacity = options.capacity ?? 20_000;
  const messages: MailboxMessage[] = [];
  const waiters = new Set<() => void>();
  let nextId = 1;
  /** Messages taken (250 sent) and not yet in `messages`. */
  let reading = 0;
  /** Resolves once every message taken so far is in `messages`: what a reader over HTTP sees. */
  const allRead = async () => {
    while (reading > 0)
      await new Promise<void>((resolve) =>
        waiters.add(function wake() {
          waiters.delete(wake);
          resolve();
        }),
      );
  };

  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    size: 5 * 1024 * 1024,
    onRcptTo(address, _session, callback) {
      if (/^bounce/i.test(address.address)) {
        const error = Object.assign(new Error(`5.1.1 <${address.address}>: mailbox unavailable`), { responseCode: 550 });
        callback(error);
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      // The message is taken (250) as soon as all of it is here and read afterwards, as RFC 1047
      // asks of a receiver: until the client has the 250, a crash on its side makes it send the
      // message again, so the receiver should not make it wait while it parses.
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.once('error', (error: Error) => callback(error));
      stream.once('end', () => {
        const receivedAt = new Date().toISOString();
        const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
        const to = session.envelope.rcptTo.map((rcpt) => rcpt.address.toLowerCase());
        reading++;
        callback();
        simpleParser(Buffer.concat(chunks))
          .then((parsed) => {
            messages.push({
              id: nextId++,
              messageId: parsed.messageId ?? '',
              from,
              to,
              subject: parsed.subject ?? '',
              text: parsed.text ?? '',
              html: typeof parsed.html === 'string' ? parsed.html : '',
              receivedAt,
              // Text headers as they are, address headers (From, Reply-To) as their display text.
              headers: Object.fromEntries(
                [...parsed.headers.entries()].flatMap(([key, value]) =>
                  typeof value === 'string' ? [[key, value]] : value && typeof value === 'object' && 'text' in value ? [[key, String(value.text)]] : [],
                ),
              ),
            });
            if (messages.length > capacity) messages.splice(0, messages.length - capacity);
          })
          .catch(() => undefined) // unreadable: nothing to show
          .finally(() => {
            reading--;
            for (const wake of waiters) wake();
          });
      });
    },
  });

  // A client dropping its connection (a worker killed mid-send) is routine, not fatal.
  smtp.on('error', () => undefined);
  // Open sessions, so an outage (stopSmtp) can cut them as a stopped server would.
  const sockets = new Set<Socket>();
  smtp.server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });

  const web = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://mailbox');
    const send = (status: number, type: string, body: string) => {
      res.writeHead(status, { 'content-type': `${type}; charset=utf-8` });
      res.end(body);
    };
    if (req.method === 'DELETE' && url.pathname === '/api/messages') {
      void allRead().then(() => {
        messages.length = 0;
        send(204, 'text/plain', '');
      });
      return;
    }
    if (url.pathname === '/api/messages') {
      const to = url.searchParams.get('to')?.toLowerCase();
      void allRead().then(() => send(200, 'application/json', JSON.stringify(to ? messages.filter((m) => m.to.includes(to)) : messages)));
      return;
    }
    const match = /^\/messages\/(\d+)$/.exec(url.pathname);
    if (match) {
      const message = messages.find((m) => m.id === Number(match[1]));
      return message ? send(200, 'text/html', message.html || `<pre>${escapeHtml(message.text)}</pre>`) : send(404, 'text/plain', 'not found');
    }
    if (url.pathname === '/') return send(200, 'text/html', renderIndex(messages));
    return send(404, 'text/plain', 'not found');
  });

  const listenSmtp = () =>
    new Promise<void>((resolve, reject) => {
      smtp.server.once('error', reject);
      smtp.listen(options.smtpPort, '127.0.0.1', () => {
        smtp.server.removeListener('error', reject);
        resolve();
      });
    });
  await listenSmtp();
  await new Promise<void>((resolve, reject) => {
    web.once('error', reject);
    web.listen(options.httpPort, '127.0.0.1', () => resolve());
  });

  return {
    smtpPort: options.smtpPort,
    httpPort: options.httpPort,
    url: `http://localhost:${options.httpPort}`,
    messages,
    /** Resolves once a message is received (or after timeoutMs), so callers poll without sleeping blindly. */
    nextMessage(timeoutMs: number) {
      return new Promise<void>((resolve) => {
        const wake = () => {
          waiters.delete(wake);
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(wake, timeoutMs);
        waiters.add(wake);
      });
    },
    /**
     * An SMTP outage: the port refuses connections and open sessions are cut (a message not
     * received in full is dropped, as by a real server). The messages and the web side stay.
     * Returns how many sessions were cut.
     */
    async stopSmtp() {
      const closed = new Promise<void>((resolve) => smtp.server.close(() => resolve()));
      const cut = sockets.size;
      for (const socket of sockets) socket.destroy();
      await closed;
      return cut;
    },
    /** Resolves once every message taken so far (250 sent) is in `messages`. */
    allRead,
    /** The end of the outage: the same port accepts again. */
    startSmtp: listenSmtp,
    async close() {
      web.closeAllConnections();
      await Promise.all([new Promise<void>((resolve) => smtp.close(() => resolve())), new Promise<void>((resolve) => web.close(() => resolve()))]);
    },
  };
}

export type Mailbox = Awaited<ReturnType<typeof startMailbox>>;

function escapeHtml(text: string) {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function renderIndex(messages: MailboxMessage[]) {
  const rows = messages
    .slice(-500)
    .reverse()
    .map(
      (m) =>
        `<tr><td>${escapeHtml(m.receivedAt)}</td><td>${escapeHtml(m.to.join(', '))}</td>` +
        `<td><a href="/messages/${m.id}">${escapeHtml(m.subject)}</a></td></tr>`,
    )
    .join('');
  return `<!doctype html><meta charset="utf-8"><title>Dev mailbox</title>
<style>body{font:14px system-ui;margin:2rem}td,th{padding:.3rem .8rem;text-align:left;border-bottom:1px solid #ddd}</style>
<h1>Dev mailbox</h1><p>${messages.length} message(s). Newest first; JSON at <a href="/api/messages">/api/messages</a>.</p>
<table><tr><th>Received</th><th>To</th><th>Subject</th></tr>${rows}</table>`;
}
