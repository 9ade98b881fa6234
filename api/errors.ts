import type { ErrorRequestHandler } from 'express';
import { z } from 'zod';
import { DomainError, invalidInput } from '../domain/errors.js';
import { localeFromAcceptLanguage } from '../domain/locale.js';
import { ApiError } from './http/api-error.js';
import { errorCatalog, fromDomainError, localizedMessage } from './http/error-messages.js';

// Thrown by routes and middleware; defined on its own so the error catalog can build it without a cycle.
export { ApiError };

/** A failure the caller can act on, in the API's terms: the use-cases' refusals get their status here, once. */
export const asApiError = (error: unknown) => (error instanceof DomainError ? fromDomainError(error) : error instanceof ApiError ? error : null);

export const validationError = (error: z.ZodError, where: 'body' | 'query' | 'params' | 'headers') => fromDomainError(invalidInput(error, where));

export const errorMiddleware: ErrorRequestHandler = (error, req, res, _next) => {
  if (error instanceof z.ZodError) error = validationError(error, 'body');
  if (error instanceof DomainError) error = fromDomainError(error);
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
