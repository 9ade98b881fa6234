import type { Locale } from '../../domain/locale.js';
import { ApiError } from './api-error.js';

type Field = { path: string; message: string };

/**
 * Every error code the API answers with, its status and what a person reads, in English and
 * pt-BR. Codes are the contract (clients switch on them); messages may be reworded freely.
 */
export const errorCatalog = {
  VALIDATION_FAILED: { status: 400, en: 'Some fields are invalid', 'pt-BR': 'Alguns campos são inválidos' },
  MALFORMED_BODY: { status: 400, en: 'The request body is not valid JSON', 'pt-BR': 'O corpo da requisição não é um JSON válido' },
  UNAUTHENTICATED: { status: 401, en: 'Authentication is required', 'pt-BR': 'É necessário autenticar-se' },
  INVALID_CREDENTIALS: { status: 401, en: 'E-mail or password is incorrect', 'pt-BR': 'E-mail ou senha incorretos' },
  FORBIDDEN: { status: 403, en: 'Your role does not allow this change', 'pt-BR': 'Seu perfil não permite esta alteração' },
  OTHER_TENANT: {
    status: 403,
    en: 'This console account belongs to another tenant',
    'pt-BR': 'Esta conta do console pertence a outro cliente',
  },
  CROSS_SITE_REQUEST: {
    status: 403,
    en: 'Changes are only accepted from the admin console itself',
    'pt-BR': 'Alterações só são aceitas a partir do próprio console de administração',
  },
  ACCESS_PENDING: {
    status: 403,
    en: 'Your access is still being prepared. Try again in a few minutes.',
    'pt-BR': 'Seu acesso ainda está sendo preparado. Tente novamente em alguns minutos.',
  },
  NOT_FOUND: { status: 404, en: 'Not found', 'pt-BR': 'Não encontrado' },
  USER_NOT_FOUND: { status: 404, en: 'No user with this id', 'pt-BR': 'Nenhum usuário com este id' },
  TENANT_NOT_FOUND: { status: 404, en: 'No tenant with this id', 'pt-BR': 'Nenhum cliente com este id' },
  INVITATION_NOT_FOUND: {
    status: 404,
    en: 'This registration link is not valid. Check that you copied the whole link from the e-mail.',
    'pt-BR': 'Este link de cadastro não é válido. Verifique se copiou o link inteiro do e-mail.',
  },
  EMAIL_TAKEN: { status: 409, en: 'This e-mail is already the login of another user', 'pt-BR': 'Este e-mail já é o login de outro usuário' },
  CODE_TAKEN: { status: 409, en: 'Another user of this tenant has this user code', 'pt-BR': 'Outro usuário deste cliente tem este código' },
  LOGIN_LINK_NOT_REQUESTED: {
    status: 409,
    en: 'No login link is awaited for this user: it is asked for after registration, on plans with the main-system step',
    'pt-BR': 'Nenhum vínculo de login é aguardado para este usuário: ele é pedido após o cadastro, nos planos com a etapa do sistema principal',
  },
  NO_LIFECYCLE: {
    status: 409,
    en: 'This user has no activation running: send the invitation first',
    'pt-BR': 'Este usuário não tem ativação em andamento: envie o convite primeiro',
  },
  TENANT_HAS_USERS: { status: 409, en: 'Delete or move the users of this tenant first', 'pt-BR': 'Exclua ou mova os usuários deste cliente primeiro' },
  ADMIN_EXISTS: { status: 409, en: 'An admin account with this e-mail exists', 'pt-BR': 'Já existe uma conta de administrador com este e-mail' },
  LAST_ADMIN: {
    status: 409,
    en: 'The last admin account cannot be removed or demoted',
    'pt-BR': 'A última conta de administrador não pode ser removida nem rebaixada',
  },
  IDEMPOTENCY_IN_PROGRESS: {
    status: 409,
    en: 'A request with this Idempotency-Key is still being processed; retry shortly',
    'pt-BR': 'Uma requisição com esta Idempotency-Key ainda está em processamento; tente de novo em instantes',
  },
  INVITATION_EXPIRED: {
    status: 410,
    en: 'This invitation has expired. Ask for a new link below.',
    'pt-BR': 'Este convite expirou. Peça um novo link abaixo.',
  },
  INVITATION_USED: {
    status: 410,
    en: 'This invitation was already used. Sign in with your e-mail and password.',
    'pt-BR': 'Este convite já foi usado. Acesse com seu e-mail e senha.',
  },
  INVITATION_SUPERSEDED: {
    status: 410,
    en: 'A newer invitation replaced this one. Use the link in the most recent e-mail.',
    'pt-BR': 'Um convite mais recente substituiu este. Use o link do e-mail mais recente.',
  },
  INVITATION_NOT_ACTIVE: {
    status: 410,
    en: 'This account cannot be registered now. Contact your administrator.',
    'pt-BR': 'Esta conta não pode ser cadastrada agora. Fale com o seu administrador.',
  },
  PAYLOAD_TOO_LARGE: { status: 413, en: 'The request body is too large', 'pt-BR': 'O corpo da requisição é grande demais' },
  BATCH_TOO_LARGE: { status: 413, en: 'A batch holds at most 1,000 items', 'pt-BR': 'Um lote tem no máximo 1.000 itens' },
  UNKNOWN_TENANT: { status: 422, en: 'tenantId names no existing tenant', 'pt-BR': 'tenantId não corresponde a nenhum cliente' },
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
  // The login migration (api/migrations): these are thrown with a message already in the caller's language.
  CLIENT_INELIGIBLE: {
    status: 403,
    en: 'Client ineligible or user not qualified for account update',
    'pt-BR': 'Cliente Inelegível ou usuário não qualificado para a atualização de contas',
    keepThrownMessage: true,
  },
  MIGRATION_BLOCKED: {
    status: 422,
    en: 'Some users to migrate have e-mail problems',
    'pt-BR': 'Alguns usuários a migrar têm problemas de e-mail',
    keepThrownMessage: true,
  },
  NOTHING_TO_MIGRATE: { status: 409, en: 'There is no staged user left to migrate', 'pt-BR': 'Não há mais usuários a migrar', keepThrownMessage: true },
  MIGRATION_NOT_FOUND: { status: 404, en: 'No migration with this id', 'pt-BR': 'Nenhuma migração com este id' },
  MIGRATION_NOT_RUNNING: { status: 409, en: 'The migration is not running', 'pt-BR': 'A migração não está em andamento' },
  // Thrown with why the file could not be read and what to do, already in the caller's language.
  MALFORMED_CSV: { status: 400, en: 'The CSV could not be read', 'pt-BR': 'Não foi possível ler o CSV', keepThrownMessage: true },
  TOO_MANY_ROWS: { status: 413, en: 'Too many rows in one import; split the file', 'pt-BR': 'Linhas demais em uma importação; divida o arquivo' },
  // Lifecycle webhooks (api/webhooks).
  WEBHOOK_NOT_FOUND: { status: 404, en: 'No webhook endpoint with this id', 'pt-BR': 'Nenhum endpoint de webhook com este id' },
  WEBHOOK_DELIVERY_NOT_FOUND: { status: 404, en: 'No webhook delivery with this id', 'pt-BR': 'Nenhuma entrega de webhook com este id' },
  WEBHOOK_DISABLED: {
    status: 409,
    en: 'This webhook endpoint is disabled: enable it before resending',
    'pt-BR': 'Este endpoint de webhook está desativado: ative-o antes de reenviar',
  },
  INTERNAL: {
    status: 500,
    en: 'Something went wrong on our side; the request id is in the x-request-id header',
    'pt-BR': 'Algo deu errado do nosso lado; o id da requisição está no cabeçalho x-request-id',
  },
} as const satisfies Record<string, { status: number; keepThrownMessage?: true } & Record<Locale, string>>;

export type ErrorCode = keyof typeof errorCatalog;

/** An ApiError with the catalog's status and English message (the error middleware localizes it). */
export function fail(code: ErrorCode, options: { fields?: Field[]; headers?: Record<string, string>; detail?: string } = {}) {
  const entry = errorCatalog[code];
  const message = options.detail ? `${entry.en}: ${options.detail}` : entry.en;
  return new ApiError(entry.status, code, message, options.fields ?? [], options.headers ?? {});
}

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
