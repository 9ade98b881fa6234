import type { Locale } from '../../domain/locale.js';
import { domainErrorTexts, type DomainError, type DomainErrorCode } from '../../domain/errors.js';
import { ApiError } from './api-error.js';

type Field = { path: string; message: string };

/** The HTTP status each refusal of the use-cases answers with (their words are in domain/errors.ts). */
const domainErrorStatus = {
  VALIDATION_FAILED: 400,
  INVALID_CREDENTIALS: 401,
  FORBIDDEN: 403,
  ACCESS_PENDING: 403,
  OTHER_TENANT: 403,
  CLIENT_INELIGIBLE: 403,
  NOT_FOUND: 404,
  USER_NOT_FOUND: 404,
  TENANT_NOT_FOUND: 404,
  INVITATION_NOT_FOUND: 404,
  MIGRATION_NOT_FOUND: 404,
  WEBHOOK_NOT_FOUND: 404,
  WEBHOOK_DELIVERY_NOT_FOUND: 404,
  EMAIL_TAKEN: 409,
  CODE_TAKEN: 409,
  USER_EXISTS: 409,
  LOGIN_LINK_NOT_REQUESTED: 409,
  NO_LIFECYCLE: 409,
  NO_OPEN_INVITATION: 409,
  TENANT_HAS_USERS: 409,
  ADMIN_EXISTS: 409,
  LAST_ADMIN: 409,
  NOTHING_TO_MIGRATE: 409,
  MIGRATION_NOT_RUNNING: 409,
  WEBHOOK_DISABLED: 409,
  INVITATION_EXPIRED: 410,
  INVITATION_USED: 410,
  INVITATION_SUPERSEDED: 410,
  INVITATION_NOT_ACTIVE: 410,
  BATCH_TOO_LARGE: 413,
  TOO_MANY_ROWS: 413,
  UNKNOWN_TENANT: 422,
  MIGRATION_BLOCKED: 422,
  WEBHOOK_TARGET_NOT_PUBLIC: 422,
  TOO_MANY_WEBHOOKS: 422,
  MALFORMED_CSV: 400,
  PAGE_TOO_DEEP: 400,
  INVALID_CURSOR: 400,
  // The data decides (how many match), not the request's shape.
  TOO_MANY_TO_SORT: 422,
} as const satisfies Record<DomainErrorCode, number>;

/** What only the HTTP edge refuses (authentication, request bodies, limits, idempotency keys), with its words. */
const httpErrors = {
  MALFORMED_BODY: { status: 400, en: 'The request body is not valid JSON', 'pt-BR': 'O corpo da requisição não é um JSON válido' },
  UNAUTHENTICATED: { status: 401, en: 'Authentication is required', 'pt-BR': 'É necessário autenticar-se' },
  API_KEY_EXPIRED: {
    status: 401,
    en: 'API key expired: ask for a new key',
    'pt-BR': 'Chave de API expirada: peça uma nova chave',
  },
  CROSS_SITE_REQUEST: {
    status: 403,
    en: 'Changes are only accepted from the admin console itself',
    'pt-BR': 'Alterações só são aceitas a partir do próprio console de administração',
  },
  IDEMPOTENCY_IN_PROGRESS: {
    status: 409,
    en: 'A request with this Idempotency-Key is still being processed; retry shortly',
    'pt-BR': 'Uma requisição com esta Idempotency-Key ainda está em processamento; tente de novo em instantes',
  },
  METHOD_NOT_ALLOWED: {
    status: 405,
    en: 'This address does not take this method; the Allow header lists those it takes',
    'pt-BR': 'Este endereço não aceita este método; o cabeçalho Allow lista os que aceita',
  },
  PAYLOAD_TOO_LARGE: { status: 413, en: 'The request body is too large', 'pt-BR': 'O corpo da requisição é grande demais' },
  IDEMPOTENCY_KEY_REUSED: {
    status: 422,
    en: 'This Idempotency-Key was used for a different request',
    'pt-BR': 'Esta Idempotency-Key foi usada em outra requisição',
  },
  RATE_LIMITED: { status: 429, en: 'Too many requests; retry later', 'pt-BR': 'Muitas requisições; tente mais tarde' },
  TOO_MANY_ATTEMPTS: {
    status: 429,
    en: 'Too many failed sign-ins. Wait before trying again.',
    'pt-BR': 'Muitas tentativas de acesso sem sucesso. Aguarde antes de tentar novamente.',
  },
  INTERNAL: {
    status: 500,
    en: 'Something went wrong on our side; the request id is in the x-request-id header',
    'pt-BR': 'Algo deu errado do nosso lado; o id da requisição está no cabeçalho x-request-id',
  },
} as const satisfies Record<string, { status: number } & Record<Locale, string>>;

type DomainCatalog = { [Code in DomainErrorCode]: (typeof domainErrorTexts)[Code] & { status: (typeof domainErrorStatus)[Code] } };

/**
 * Every error code the API answers with, its status and what a person reads, in English and
 * pt-BR. Codes are the contract (clients switch on them); messages may be reworded freely.
 */
export const errorCatalog = {
  ...httpErrors,
  ...(Object.fromEntries(
    Object.entries(domainErrorTexts).map(([code, texts]) => [code, { ...texts, status: domainErrorStatus[code as DomainErrorCode] }]),
  ) as DomainCatalog),
};

export type ErrorCode = keyof typeof errorCatalog;

/** An ApiError with the catalog's status and English message (the error middleware localizes it). */
export function fail(code: ErrorCode, options: { fields?: Field[]; headers?: Record<string, string>; detail?: string } = {}) {
  const entry = errorCatalog[code];
  const message = options.detail ? `${entry.en}: ${options.detail}` : entry.en;
  return new ApiError(entry.status, code, message, options.fields ?? [], options.headers ?? {});
}

/** A use-case's refusal as the API answers it: the catalog's status, the message and fields as raised, and when to retry. */
export const fromDomainError = (error: DomainError) =>
  new ApiError(
    errorCatalog[error.code].status,
    error.code,
    error.message,
    error.fields,
    error.retryAfterSeconds === undefined ? {} : { 'Retry-After': String(error.retryAfterSeconds) },
  );

/** The message for the caller's language; codes outside the catalog keep the message they were thrown with. */
export function localizedMessage(error: ApiError, locale: Locale) {
  if (locale === 'en' || !(error.code in errorCatalog)) return error.message;
  const entry: { keepThrownMessage?: true } & Record<Locale, string> = errorCatalog[error.code as ErrorCode];
  if (entry.keepThrownMessage) return error.message;
  const base = entry[locale];
  if (error.code === 'VALIDATION_FAILED' && error.fields.length > 0)
    return `${base}: ${error.fields.map((field) => `${field.path} ${field.message}`).join('; ')}`;
  return base;
}
