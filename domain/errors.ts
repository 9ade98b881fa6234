import type { z } from 'zod';
import type { Locale } from './locale.js';

export interface ErrorField {
  path: string;
  message: string;
}

/**
 * Every refusal the use-cases raise, by its stable code (clients switch on codes; messages may be
 * reworded freely), and what a person reads, in English and pt-BR. How an edge answers one (an
 * HTTP status, a SCIM error, a command's exit code) is the edge's own mapping.
 * `keepThrownMessage`: raised with a message already in the caller's language, which stands as is.
 */
export const domainErrorTexts = {
  VALIDATION_FAILED: { en: 'Some fields are invalid', 'pt-BR': 'Alguns campos são inválidos' },
  INVALID_CREDENTIALS: { en: 'E-mail or password is incorrect', 'pt-BR': 'E-mail ou senha incorretos' },
  ACCESS_PENDING: {
    en: 'Your access is still being prepared. Try again in a few minutes.',
    'pt-BR': 'Seu acesso ainda está sendo preparado. Tente novamente em alguns minutos.',
  },
  FORBIDDEN: { en: 'Your role does not allow this change', 'pt-BR': 'Seu perfil não permite esta alteração' },
  OTHER_TENANT: {
    en: 'This account or key works on its own office only, and this names another one',
    'pt-BR': 'Esta conta ou chave só atua no próprio escritório, e isto se refere a outro',
  },
  NOT_FOUND: { en: 'Not found', 'pt-BR': 'Não encontrado' },
  USER_NOT_FOUND: { en: 'No user with this id', 'pt-BR': 'Nenhum usuário com este id' },
  TENANT_NOT_FOUND: { en: 'No tenant with this id', 'pt-BR': 'Nenhum cliente com este id' },
  INVITATION_NOT_FOUND: {
    en: 'This registration link is not valid. Check that you copied the whole link from the e-mail.',
    'pt-BR': 'Este link de cadastro não é válido. Verifique se copiou o link inteiro do e-mail.',
  },
  EMAIL_TAKEN: { en: 'This e-mail is already the login of another user', 'pt-BR': 'Este e-mail já é o login de outro usuário' },
  CODE_TAKEN: { en: 'Another user of this tenant has this user code', 'pt-BR': 'Outro usuário deste cliente tem este código' },
  // An identity provider's user (use-cases/scim): raised with which of its keys another user has.
  USER_EXISTS: {
    en: 'Another user has this user name, external id or login e-mail',
    'pt-BR': 'Outro usuário tem este nome de usuário, id externo ou e-mail de login',
  },
  LOGIN_LINK_NOT_REQUESTED: {
    en: 'No login link is awaited for this user: it is asked for after registration, on plans with the main-system step',
    'pt-BR': 'Nenhum vínculo de login é aguardado para este usuário: ele é pedido após o cadastro, nos planos com a etapa do sistema principal',
  },
  NO_LIFECYCLE: {
    en: 'This user has no activation running: send the invitation first',
    'pt-BR': 'Este usuário não tem ativação em andamento: envie o convite primeiro',
  },
  NO_OPEN_INVITATION: {
    en: 'This person has no invitation link open now: send the invitation again',
    'pt-BR': 'Esta pessoa não tem um link de convite aberto agora: reenvie o convite',
  },
  TENANT_HAS_USERS: { en: 'Delete or move the users of this tenant first', 'pt-BR': 'Exclua ou mova os usuários deste cliente primeiro' },
  ADMIN_EXISTS: { en: 'An admin account with this e-mail exists', 'pt-BR': 'Já existe uma conta de administrador com este e-mail' },
  LAST_ADMIN: {
    en: 'The last admin account cannot be removed or demoted',
    'pt-BR': 'A última conta de administrador não pode ser removida nem rebaixada',
  },
  INVITATION_EXPIRED: { en: 'This invitation has expired. Ask for a new link below.', 'pt-BR': 'Este convite expirou. Peça um novo link abaixo.' },
  INVITATION_USED: {
    en: 'This invitation was already used. Sign in with your e-mail and password.',
    'pt-BR': 'Este convite já foi usado. Acesse com seu e-mail e senha.',
  },
  INVITATION_SUPERSEDED: {
    en: 'A newer invitation replaced this one. Use the link in the most recent e-mail.',
    'pt-BR': 'Um convite mais recente substituiu este. Use o link do e-mail mais recente.',
  },
  INVITATION_NOT_ACTIVE: {
    en: 'This account cannot be registered now. Contact your administrator.',
    'pt-BR': 'Esta conta não pode ser cadastrada agora. Fale com o seu administrador.',
  },
  BATCH_TOO_LARGE: { en: 'A batch holds at most 1,000 items', 'pt-BR': 'Um lote tem no máximo 1.000 itens' },
  UNKNOWN_TENANT: { en: 'tenantId names no existing tenant', 'pt-BR': 'tenantId não corresponde a nenhum cliente' },
  // The login migration (use-cases/migrations): these are raised with a message already in the caller's language.
  CLIENT_INELIGIBLE: {
    en: 'Client ineligible or user not qualified for account update',
    'pt-BR': 'Cliente Inelegível ou usuário não qualificado para a atualização de contas',
    keepThrownMessage: true,
  },
  MIGRATION_BLOCKED: { en: 'Some users to migrate have e-mail problems', 'pt-BR': 'Alguns usuários a migrar têm problemas de e-mail', keepThrownMessage: true },
  NOTHING_TO_MIGRATE: { en: 'There is no staged user left to migrate', 'pt-BR': 'Não há mais usuários a migrar', keepThrownMessage: true },
  MIGRATION_NOT_FOUND: { en: 'No migration with this id', 'pt-BR': 'Nenhuma migração com este id' },
  MIGRATION_NOT_RUNNING: { en: 'The migration is not running', 'pt-BR': 'A migração não está em andamento' },
  // Raised with why the file could not be read and what to do, already in the caller's language.
  MALFORMED_CSV: { en: 'The CSV could not be read', 'pt-BR': 'Não foi possível ler o CSV', keepThrownMessage: true },
  TOO_MANY_ROWS: { en: 'Too many rows in one import; split the file', 'pt-BR': 'Linhas demais em uma importação; divida o arquivo' },
  // A users list past what is served fast (data/paged-list.ts, domain/list-page.ts).
  PAGE_TOO_DEEP: {
    en: 'More than 10,000 rows: refine the search, or page on from the last row (after)',
    'pt-BR': 'Mais de 10.000 linhas: refine a busca, ou continue a partir da última linha (after)',
  },
  INVALID_CURSOR: {
    en: 'This page cursor was not written for this list and order: start again from the first page',
    'pt-BR': 'Este cursor de página não é desta lista e ordem: recomece da primeira página',
  },
  TOO_MANY_TO_SORT: {
    en: 'Too many match to sort by this column: refine the search or the filters, or sort by date',
    'pt-BR': 'Resultados demais para ordenar por esta coluna: refine a busca ou os filtros, ou ordene por data',
  },
  // Lifecycle webhooks (use-cases/webhooks).
  WEBHOOK_NOT_FOUND: { en: 'No webhook endpoint with this id', 'pt-BR': 'Nenhum endpoint de webhook com este id' },
  WEBHOOK_DELIVERY_NOT_FOUND: { en: 'No webhook delivery with this id', 'pt-BR': 'Nenhuma entrega de webhook com este id' },
  WEBHOOK_TARGET_NOT_PUBLIC: {
    en: 'Webhooks go to public internet addresses only: this URL names a private, loopback or link-local one, or none',
    'pt-BR': 'Webhooks só vão para endereços públicos da internet: esta URL aponta para um endereço privado, local ou de enlace, ou para nenhum',
  },
  TOO_MANY_WEBHOOKS: {
    en: 'This tenant has as many webhook endpoints as allowed: delete one first',
    'pt-BR': 'Este cliente já tem o máximo de endpoints de webhook permitido: exclua um antes',
  },
  WEBHOOK_DISABLED: {
    en: 'This webhook endpoint is disabled: enable it before resending',
    'pt-BR': 'Este endpoint de webhook está desativado: ative-o antes de reenviar',
  },
} as const satisfies Record<string, { keepThrownMessage?: true } & Record<Locale, string>>;

export type DomainErrorCode = keyof typeof domainErrorTexts;

/**
 * A refusal the caller can act on: a stable code, an English message (the edges localize it), the
 * fields at fault, and for a refusal that passes with time, when to try again.
 */
export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly fields: ErrorField[] = [],
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/** The code's English message, with `: detail` when there is one. */
export function domainError(code: DomainErrorCode, options: { fields?: ErrorField[]; detail?: string; retryAfterSeconds?: number } = {}) {
  const text = domainErrorTexts[code].en;
  return new DomainError(code, options.detail ? `${text}: ${options.detail}` : text, options.fields ?? [], options.retryAfterSeconds);
}

/** Input that failed its schema: VALIDATION_FAILED naming each field at fault (`where` when the input itself is). */
export function invalidInput(error: z.ZodError, where: string) {
  const fields = error.issues.map((issue) => ({ path: issue.path.join('.') || where, message: issue.message }));
  return domainError('VALIDATION_FAILED', { fields, detail: fields.map((field) => `${field.path} ${field.message}`).join('; ') });
}
