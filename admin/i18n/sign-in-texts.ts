import type { Locale } from '../../domain/locale';

/**
 * The console's sign-in texts, the one source for its light sign-in form (admin/sign-in, the
 * console's first screen, which loads before react-admin) and for react-admin's own messages
 * (`app.title` and `ra.auth.*` in en.ts and pt-BR.ts, where they replace the language packs').
 */
export const signInTexts = {
  en: {
    title: 'Account activation',
    email: 'E-mail',
    password: 'Password',
    submit: 'Sign in',
    failed: 'Authentication failed, please retry',
  },
  'pt-BR': {
    title: 'Ativação de contas',
    email: 'E-mail',
    password: 'Senha',
    submit: 'Entrar',
    failed: 'Erro na autenticação, por favor tente novamente',
  },
} satisfies Record<Locale, Record<string, string>>;
