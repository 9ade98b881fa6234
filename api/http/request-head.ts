import type { Duplex } from 'node:stream';

/**
 * The most a request line and its headers may take before Node's HTTP parser answers 431. Node's
 * default (16 KB) is less than the console's own getMany of a full page (1,000 ids in `filter`,
 * about 34 KB encoded), so the API server raises it; the OpenAPI document states it on every operation.
 */
export const MAX_REQUEST_HEAD_BYTES = 64 * 1024;

const statusLines: Record<string, string> = {
  HPE_HEADER_OVERFLOW: '431 Request Header Fields Too Large',
  ERR_HTTP_REQUEST_TIMEOUT: '408 Request Timeout',
};

/**
 * The server's answer to a request its parser refused (too large a head, a timeout, bytes that are
 * not HTTP). Node's own handler writes it and destroys the socket while the client may still be
 * sending, so the client often reads a connection reset instead: here the rest of the request is
 * read and dropped, the socket half-closed, and the client gets the status.
 */
export function answerClientError(error: Error & { code?: string }, socket: Duplex) {
  // As Node's own handler: nothing to say on a dead socket, or in the middle of a response already started.
  const response = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  if (error.code === 'ECONNRESET' || !socket.writable || response?.headersSent) {
    socket.destroy();
    return;
  }
  const status = statusLines[error.code ?? ''] ?? '400 Bad Request';
  const timer = setTimeout(() => socket.destroy(), 10_000).unref();
  socket.on('data', () => {});
  socket.on('end', () => socket.destroy());
  socket.on('close', () => clearTimeout(timer));
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}
