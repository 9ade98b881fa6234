import { fetchUtils, HttpError } from 'react-admin';
import { i18nProvider } from '../i18n';

/** The API's one error shape (api/errors.ts). */
export interface ApiErrorBody {
  error: { code: string; message: string; fields?: { path: string; message: string }[] };
}

const isApiErrorBody = (body: unknown): body is ApiErrorBody =>
  typeof body === 'object' && body !== null && typeof (body as ApiErrorBody).error?.code === 'string';

/**
 * fetchJson with the session cookie and the admin's language (the API answers errors in it).
 * API errors are re-thrown so react-admin shows their message, and field errors land on the
 * form inputs (react-admin reads `body.errors`, with `root.serverError` for the form-level text).
 */
export async function httpClient(url: string, options: fetchUtils.Options = {}) {
  const headers = new Headers(options.headers);
  headers.set('Accept', 'application/json');
  headers.set('Accept-Language', i18nProvider.getLocale());
  try {
    return await fetchUtils.fetchJson(url, { ...options, headers, credentials: 'include' });
  } catch (error) {
    if (error instanceof HttpError && isApiErrorBody(error.body)) {
      const { code, message, fields = [] } = error.body.error;
      const errors =
        fields.length > 0 ? { ...Object.fromEntries(fields.map((field) => [field.path, field.message])), root: { serverError: message } } : undefined;
      throw new HttpError(message, error.status, { ...error.body, code, errors });
    }
    throw error;
  }
}

export const errorCode = (error: unknown) => (error instanceof HttpError ? ((error.body as { code?: string } | undefined)?.code ?? null) : null);
