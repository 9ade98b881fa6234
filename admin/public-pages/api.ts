import type { Locale } from '../../domain/locale';

/** What the public API answers, error or not: the status and the parsed JSON body. */
export interface PublicAnswer<T> {
  status: number;
  ok: boolean;
  body: T | null;
  errorCode: string | null;
  errorMessage: string | null;
  retryAfterSeconds: number | null;
}

/** A call to /api/public in the page's language (the API answers its errors in it); null when the network failed. */
export async function publicCall<T>(method: 'GET' | 'POST', path: string, locale: Locale, body?: unknown): Promise<PublicAnswer<T> | null> {
  const response = await fetch(`/api/public${path}`, {
    method,
    headers: { Accept: 'application/json', 'Accept-Language': locale, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  }).catch(() => null);
  if (!response) return null;
  const json = (await response.json().catch(() => null)) as (T & { error?: { code?: string; message?: string } }) | null;
  const retryAfter = Number(response.headers.get('Retry-After'));
  return {
    status: response.status,
    ok: response.ok,
    body: response.ok ? json : null,
    errorCode: response.ok ? null : (json?.error?.code ?? `HTTP_${response.status}`),
    errorMessage: response.ok ? null : (json?.error?.message ?? response.statusText),
    retryAfterSeconds: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null,
  };
}

/** GET /api/public/invitations/:token (api/public/routes.ts, `PublicInvitation`). */
export interface PublicInvitation {
  name: string;
  email: string;
  legacyUsername: string | null;
  tenantName: string;
  locale: Locale;
  expiresAt: string;
  /** Where to sign in once access is ready: the office's main system, or this service's /sign-in. */
  signInUrl: string;
  /** The office's look: the page looks like the office that sent the e-mail. */
  branding: { logoUrl: string | null; accentColor: string | null; supportContact: string | null };
}

export interface AcceptResult {
  status: 'registered';
  registeredAt: string;
  accessAt: string;
}

export interface LoginResult {
  status: 'active';
  user: { id: string; name: string; email: string; tenantId: string; locale: string };
}
