import type { ErrorRequestHandler } from 'express';
import { z } from 'zod';
import { localeFromAcceptLanguage } from '../domain/locale.js';
import { ApiError } from './http/api-error.js';
import { errorCatalog, localizedMessage } from './http/error-messages.js';

// Thrown by use-cases and routes; defined on its own so the error catalog can build it without a cycle.
export { ApiError };

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
