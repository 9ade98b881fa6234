import type { Locale } from '../../domain/locale.js';

/** What a person reads when the update is refused, in their language. Codes stay stable. */
export const migrationMessages = {
  CLIENT_INELIGIBLE: {
    en: (who: string | null) =>
      `Client ineligible or user not qualified for account update. ${
        who
          ? `Only the supervisor with the lowest user code can run it: ask ${who} to sign in and press "Update accounts".`
          : 'This office has no active supervisor: give a user supervisor permissions, then have the supervisor with the lowest user code press "Update accounts".'
      }`,
    'pt-BR': (who: string | null) =>
      `Cliente Inelegível ou usuário não qualificado para a atualização de contas. ${
        who
          ? `Somente o supervisor de menor código pode executá-la: peça a ${who} que acesse e clique em "Atualizar Contas".`
          : 'Este escritório não tem supervisor ativo: dê permissão de supervisor a um usuário e peça ao supervisor de menor código que clique em "Atualizar Contas".'
      }`,
  },
  MIGRATION_BLOCKED: {
    en: (count: number) => `${count} user(s) to migrate have a missing, invalid or duplicated e-mail: fix or inactivate them first.`,
    'pt-BR': (count: number) => `${count} usuário(s) a migrar têm e-mail ausente, inválido ou duplicado: corrija ou inative antes de continuar.`,
  },
  NOTHING_TO_MIGRATE: {
    en: () => 'There is no staged user left to migrate in this office.',
    'pt-BR': () => 'Não há mais usuários a migrar neste escritório.',
  },
} satisfies Record<string, Record<Locale, (...args: never[]) => string>>;

/** "Ana Chefe (code 1)" / "Ana Chefe (código 1)": a person as the refusals name them. */
export const personLabel = (locale: Locale, person: { name: string; code: number }) =>
  `${person.name} (${locale === 'pt-BR' ? 'código' : 'code'} ${person.code})`;

/** Each e-mail problem as the review shows it, for a MIGRATION_BLOCKED row in Portuguese (English keeps the stable keys). */
const problemWords: Record<string, string> = {
  missing: 'sem e-mail',
  invalid: 'e-mail inválido',
  duplicateInTenant: 'Email duplicado',
  duplicateExisting: 'e-mail já é login de outro usuário',
};
export const blockedRowMessage = (locale: Locale, row: { name: string; code: number; problems: string[] }) =>
  `${personLabel(locale, row)}: ${(locale === 'pt-BR' ? row.problems.map((problem) => problemWords[problem] ?? problem) : row.problems).join(', ')}`;
