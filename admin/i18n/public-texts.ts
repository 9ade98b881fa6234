import type { Locale } from '../../domain/locale';

/**
 * The texts of the pages end users open from an e-mail (registration, a new link, the sign-in
 * check), in both languages: the one source for the public pages' own small entry
 * (admin/public-pages) and for the console, whose messages spread them as `public.*` (en.ts,
 * pt-BR.ts; the admins' password rules use them too). Polyglot's syntax: `%{name}`, and
 * `singular |||| plural` chosen by `smart_count`. No import but types: the public pages' bundle
 * stays a few KiB.
 */
const en = {
  title: 'Create your password',
  loading: 'Checking your link…',
  account: 'Account information',
  account_help: 'Check that this is you. If something is wrong, contact your office before registering.',
  name: 'Name',
  email: 'Login e-mail',
  tenant: 'Office',
  legacy: 'Former username',
  password: 'Password',
  password_confirmation: 'Confirm the password',
  rules: 'Your password needs:',
  rule_length: 'at least %{min} characters',
  rule_letters_digits: 'letters and digits',
  rule_match: 'the confirmation equal to the password',
  submit: 'Register',
  submitting: 'Registering…',
  done_title: 'You are registered',
  done_soon:
    'Sign-in will work in about %{smart_count} minute (around %{time}). We are preparing your access; this happens only the first time. |||| Sign-in will work in about %{smart_count} minutes (around %{time}). We are preparing your access; this happens only the first time.',
  done_now: 'Sign-in works now.',
  done_email: 'We will also send you an e-mail when your access is ready. Sign in with %{email}.',
  go_sign_in: 'Go to sign-in',
  expired_title: 'This invitation has expired',
  expired_text: 'Links stop working after a while for your safety. Ask for a new one: it goes to the e-mail address on file.',
  used_title: 'This invitation was already used',
  used_text: 'Your password is already created. Sign in with your e-mail and password.',
  superseded_title: 'A newer invitation replaced this link',
  superseded_text:
    'Use the link in the most recent e-mail we sent you (look in the spam folder too). If that link has expired, open it and ask for a new one there.',
  not_active_title: 'This account cannot be registered now',
  not_active_text: 'Your account is not awaiting registration. Contact your office administrator.',
  not_found_title: 'This link is not valid',
  not_found_text: 'Check that you copied the whole link from the e-mail.',
  rate_limited: 'Too many attempts from here. Wait a minute and try again.',
  error: 'Something went wrong: %{message}',
  renew: 'Send me a new link',
  renew_sent: 'If this link belongs to an account awaiting registration, a new one is on its way. Look in the spam folder too.',
  spam_hint: 'Did not get the e-mail? Look in the spam or junk folder.',
  support: 'Questions? Contact %{office}: %{contact}',
  language: 'Language',
  sign_in: {
    title: 'Sign in',
    email: 'E-mail',
    password: 'Password',
    submit: 'Sign in',
    ok: 'Welcome, %{name}. Your access is ready.',
    pending:
      'Your access is still being prepared. Try again in about %{smart_count} minute. |||| Your access is still being prepared. Try again in about %{smart_count} minutes.',
    invalid: 'E-mail or password is incorrect.',
    locked: 'Too many failed attempts. Wait a few minutes before trying again.',
  },
};

export type PublicTexts = typeof en;

const ptBR: PublicTexts = {
  title: 'Crie sua senha',
  loading: 'Verificando seu link…',
  account: 'Informações da conta',
  account_help: 'Confira se é você. Se algo estiver errado, fale com o seu escritório antes de se cadastrar.',
  name: 'Nome',
  email: 'E-mail de login',
  tenant: 'Escritório',
  legacy: 'Usuário antigo',
  password: 'Senha',
  password_confirmation: 'Confirme a senha',
  rules: 'Sua senha precisa ter:',
  rule_length: 'pelo menos %{min} caracteres',
  rule_letters_digits: 'letras e números',
  rule_match: 'a confirmação igual à senha',
  submit: 'Registrar-me',
  submitting: 'Registrando…',
  done_title: 'Cadastro concluído',
  done_soon:
    'O acesso vai funcionar em cerca de %{smart_count} minuto (por volta de %{time}). Estamos preparando seu acesso; isso só acontece no primeiro acesso. |||| O acesso vai funcionar em cerca de %{smart_count} minutos (por volta de %{time}). Estamos preparando seu acesso; isso só acontece no primeiro acesso.',
  done_now: 'O acesso já funciona.',
  done_email: 'Também enviaremos um e-mail quando seu acesso estiver pronto. Acesse com %{email}.',
  go_sign_in: 'Ir para o login',
  expired_title: 'Este convite expirou',
  expired_text: 'Por segurança, os links deixam de funcionar depois de um tempo. Peça um novo: ele vai para o e-mail cadastrado.',
  used_title: 'Este convite já foi usado',
  used_text: 'Sua senha já foi criada. Acesse com seu e-mail e senha.',
  superseded_title: 'Um convite mais recente substituiu este link',
  superseded_text: 'Use o link do e-mail mais recente que enviamos (olhe também a pasta de spam). Se esse link tiver expirado, abra-o e peça um novo lá.',
  not_active_title: 'Esta conta não pode ser cadastrada agora',
  not_active_text: 'Sua conta não está aguardando cadastro. Fale com o administrador do seu escritório.',
  not_found_title: 'Este link não é válido',
  not_found_text: 'Verifique se copiou o link inteiro do e-mail.',
  rate_limited: 'Muitas tentativas a partir daqui. Aguarde um minuto e tente de novo.',
  error: 'Algo deu errado: %{message}',
  renew: 'Enviar um novo link',
  renew_sent: 'Se este link pertence a uma conta aguardando cadastro, um novo link está a caminho. Olhe também a pasta de spam.',
  spam_hint: 'Não recebeu o e-mail? Olhe a pasta de spam ou lixo eletrônico.',
  support: 'Dúvidas? Fale com %{office}: %{contact}',
  language: 'Idioma',
  sign_in: {
    title: 'Acessar',
    email: 'E-mail',
    password: 'Senha',
    submit: 'Entrar',
    ok: 'Bem-vindo(a), %{name}. Seu acesso está pronto.',
    pending:
      'Seu acesso ainda está sendo preparado. Tente novamente em cerca de %{smart_count} minuto. |||| Seu acesso ainda está sendo preparado. Tente novamente em cerca de %{smart_count} minutos.',
    invalid: 'E-mail ou senha incorretos.',
    locked: 'Muitas tentativas sem sucesso. Aguarde alguns minutos antes de tentar novamente.',
  },
};

export const publicTexts: Record<Locale, PublicTexts> = { en, 'pt-BR': ptBR };
