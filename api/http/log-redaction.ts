import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';

/**
 * What the request log may say. Whoever reads logs must not be able to use what is in them:
 * no API key, no admin session, no registration token, no password.
 *   - headers: the credentials ones are dropped (authorization, cookie, set-cookie, x-api-key…);
 *   - URLs: the registration token in `/register/<token>` and `/api/public/invitations/<token>…`
 *     becomes `[token]`, any other token-long path segment `[redacted]`, and the values of
 *     secret-sounding query parameters `[redacted]`;
 *   - the base logger's `redact` (config/logger.ts) is the second line: any logged object with a
 *     secret-sounding key is censored.
 */
const SECRET_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'set-cookie', 'x-api-key', 'x-auth-token', 'x-csrf-token']);
/** Headers that carry a URL (the registration page's address travels as a referer). */
const URL_HEADERS = new Set(['referer', 'location', 'content-location']);

const TOKEN_ROUTE = /(\/register\/|\/api\/public\/invitations\/)[^/?#]+/gi;
/** Tokens are 43 base64url characters, API keys longer; ids (24 hex, UUIDs) are shorter. */
const TOKEN_LIKE_SEGMENT = /\/[A-Za-z0-9_-]{40,}(?=[/?#]|$)/g;
const SECRET_PARAM = /token|key|secret|passw|session|auth/i;

export function redactUrl(url: string): string {
  const queryAt = url.search(/[?#]/);
  const pathPart = queryAt === -1 ? url : url.slice(0, queryAt);
  let rest = queryAt === -1 ? '' : url.slice(queryAt);
  const safePath = pathPart.replace(TOKEN_ROUTE, '$1[token]').replace(TOKEN_LIKE_SEGMENT, '/[redacted]');
  if (rest.startsWith('?')) {
    const hashAt = rest.indexOf('#');
    const query = hashAt === -1 ? rest.slice(1) : rest.slice(1, hashAt);
    const safeQuery = query
      .split('&')
      .map((pair) => {
        const [name = '', ...value] = pair.split('=');
        return value.length > 0 && SECRET_PARAM.test(decodeSafely(name)) ? `${name}=[redacted]` : pair;
      })
      .join('&');
    rest = `?${safeQuery}${hashAt === -1 ? '' : '#[redacted]'}`;
  } else if (rest.startsWith('#')) {
    rest = '#[redacted]';
  }
  return safePath + rest;
}

function decodeSafely(text: string) {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

export function safeHeaders(headers: IncomingHttpHeaders | OutgoingHttpHeaders | undefined) {
  const safe: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    const lower = name.toLowerCase();
    if (SECRET_HEADERS.has(lower)) continue;
    safe[name] = URL_HEADERS.has(lower) && typeof value === 'string' ? redactUrl(value) : value;
  }
  return safe;
}

interface SerializedRequest {
  id?: unknown;
  method?: string;
  url?: string;
  headers?: IncomingHttpHeaders;
  remoteAddress?: string;
  remotePort?: number;
}
interface SerializedResponse {
  statusCode?: number;
  headers?: OutgoingHttpHeaders;
}

/** pino-http's req serializer: no query or params objects (they repeat the URL), URL and headers cleaned. */
export function requestSerializer(req: SerializedRequest) {
  return {
    id: req.id,
    method: req.method,
    url: typeof req.url === 'string' ? redactUrl(req.url) : req.url,
    headers: safeHeaders(req.headers),
    remoteAddress: req.remoteAddress,
    remotePort: req.remotePort,
  };
}

export function responseSerializer(res: SerializedResponse) {
  return { statusCode: res.statusCode, headers: safeHeaders(res.headers) };
}
