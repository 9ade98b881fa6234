import type { ErrorRequestHandler } from 'express';
import { z } from 'zod';
import { localeFromAcceptLanguage } from '../domain/locale.js';
import { errorCatalog, localizedMessage } from './http/error-messages.js';

/**
 * A failure the caller can act on, with a stable code. Domain code throws these (usually through
 * `fail(code)` in http/error-messages.ts); the error middleware turns them into
 * `{"error":{"code","message","fields"}}` with the right status, in the caller's language.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: { path: string; message: string }[] = [],
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export function validationError(error: z.ZodError, where: 'body' | 'query' | 'params' | 'headers') {
  const fields = error.issues.map((issue) => ({ path: issue.path.join('.') || where, message: issue.message }));
  const detail = fields.map((field) => `${field.path} ${field.message}`).join('; ');
  return new ApiError(400, 'VALIDATION_FAILED', `${errorCatalog.VALIDATION_FAILED.en}: ${detail}`, fields);
}

export const errorMiddleware: ErrorRequestHandler = (error, req, res, _next) => {
  if (error instanceof z.ZodError) error = validationError(error, 'body');
  // body-parser's errors: malformed JSON, too large, wrong charset. All the caller's doing.
  const parserError = error as { type?: string; status?: number };
  if (!(error instanceof ApiError) && parserError.type && parserError.status && parserError.status < 500) {
    const code = parserError.type === 'entity.too.large' ? 'PAYLOAD_TOO_LARGE' : 'MALFORMED_BODY';
    error = new ApiError(parserError.status === 413 ? 413 : 400, code, errorCatalog[code].en);
  }
  const locale = localeFromAcceptLanguage(req.headers['accept-language']);
  if (error instanceof ApiError) {
    res
      .set(error.headers)
      .status(error.status)
      .json({ error: { code: error.code, message: localizedMessage(error, locale), fields: error.fields } });
    return;
  }
  req.log?.error({ err: error }, 'unhandled error');
  res.status(500).json({ error: { code: 'INTERNAL', message: errorCatalog.INTERNAL[locale], fields: [] } });
};
