import type { ErrorRequestHandler } from 'express';
import { asApiError, type ApiError } from '../errors.js';

export const ERROR_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:Error';
export const SCIM_CONTENT_TYPE = 'application/scim+json; charset=utf-8';

/** RFC 7644 §3.12, table 9: the detail errors a 400 (or a 409) names. */
export type ScimType =
  'invalidFilter' | 'tooMany' | 'uniqueness' | 'mutability' | 'invalidSyntax' | 'invalidPath' | 'noTarget' | 'invalidValue' | 'invalidVers' | 'sensitive';

/**
 * A SCIM failure: an HTTP status, the RFC's `scimType` where it has one, and a detail a person
 * configuring the identity provider can act on. The pure parts (filter, patch, mapping) throw it
 * too, since what they refuse is exactly what the client must be told.
 */
export class ScimError extends Error {
  constructor(
    readonly status: number,
    readonly scimType: ScimType | null,
    detail: string,
  ) {
    super(detail);
    this.name = 'ScimError';
  }
}

export const invalidValue = (detail: string) => new ScimError(400, 'invalidValue', detail);
export const notFound = (detail = 'no such resource') => new ScimError(404, null, detail);

export function scimErrorBody(status: number, scimType: ScimType | null, detail: string) {
  // `status` is a string in the error schema (RFC 7644 §3.12).
  return { schemas: [ERROR_SCHEMA], status: String(status), ...(scimType ? { scimType } : {}), detail };
}

/** The use-cases' refusals (as the API would answer them) in SCIM's terms. */
function fromApiError(error: ApiError): ScimError {
  switch (error.code) {
    case 'EMAIL_TAKEN':
    case 'CODE_TAKEN':
    case 'USER_EXISTS':
      return new ScimError(409, 'uniqueness', error.message);
    case 'USER_NOT_FOUND':
    case 'NOT_FOUND':
      return notFound(error.message);
    case 'VALIDATION_FAILED':
      return invalidValue(error.fields.map((field) => `${field.path} ${field.message}`).join('; ') || error.message);
    default:
      return new ScimError(error.status, null, error.message);
  }
}

/** The SCIM router's one error handler: every failure leaves as a SCIM error body. */
export const scimErrorMiddleware: ErrorRequestHandler = (error, req, res, _next) => {
  let scim: ScimError;
  const parserError = error as { type?: string; status?: number };
  const refusal = asApiError(error);
  if (error instanceof ScimError) scim = error;
  else if (refusal) scim = fromApiError(refusal);
  else if (parserError.type === 'entity.too.large') scim = new ScimError(413, null, 'the request body is larger than 100 kB');
  else if (parserError.type && parserError.status && parserError.status < 500) scim = new ScimError(400, 'invalidSyntax', 'the request body is not valid JSON');
  else {
    req.log?.error({ err: error }, 'unhandled error in SCIM');
    scim = new ScimError(500, null, 'internal error; retry later');
  }
  if (scim.status === 401) res.set('WWW-Authenticate', 'Bearer realm="scim"');
  // What the refusal says about retrying (Retry-After of a 429) holds in SCIM's terms too.
  if (refusal && !(error instanceof ScimError)) res.set(refusal.headers);
  res
    .status(scim.status)
    .type(SCIM_CONTENT_TYPE)
    .send(JSON.stringify(scimErrorBody(scim.status, scim.scimType, scim.message)));
};
