import type { EmailCopy } from './types.js';

/** "cerca de 5 minutos" a partir do atraso de sincronização configurado. */
const syncWait = (ms: number | undefined) => {
  if (ms === undefined) return 'alguns minutos';
  const minutes = Math.round(ms / 60_000);
  return minutes <= 1 ? 'cerca de um minuto' : `cerca de ${minutes} minutos`;
};

const date = (value: Date | undefined) =>
  value ? value.toLocaleString('pt-BR', { dateStyle: 'long', timeStyle: 'short', timeZone: 'America/Sao_Paulo' }) + ' (horário de Brasília)' : '';

export const ptBR: EmailCopy = {
  invitation: (c) => ({
    subject: `Ative sua conta ${c.tenantName}`,
    paragraphs: [
      `Olá, ${c.userName}.`,
      `O acesso a ${c.tenantName} agora é feito com o seu e-mail (${c.email}). Clique em "Registre agora", confirme as informações da conta e crie a sua senha.`,
      `Este convite vale até ${date(c.expiresAt)}. Depois do registro, o primeiro acesso pode levar ${syncWait(c.syncDelayMs)} enquanto a sua conta sincroniza.`,
    ],
    action: c.registrationUrl ? { label: 'Registre agora', url: c.registrationUrl } : undefined,
  }),
  reminder: (c) => ({
    subject: `Lembrete: ative sua conta ${c.tenantName}`,
    paragraphs: [
      `Olá, ${c.userName}.`,
      `Sua conta em ${c.tenantName} ainda aguarda ativação. Clique em "Registre agora" para criar sua senha e acessar com ${c.email}.`,
      `Não encontrou o e-mail anterior? Verifique a pasta de spam ou lixo eletrônico, procure uma mensagem de ${c.sender} e marque-a como "não é spam".`,
      `O convite expira em ${date(c.expiresAt)}. Quanto antes você se registrar, antes o seu acesso estará pronto.`,
    ],
    action: c.registrationUrl ? { label: 'Registre agora', url: c.registrationUrl } : undefined,
  }),
  accessReady: (c) => ({
    subject: `Seu acesso a ${c.tenantName} está pronto`,
    paragraphs: [`Olá, ${c.userName}.`, `Sua conta está pronta: acesse com o seu e-mail, ${c.email}, e a senha que você criou.`],
    action: { label: 'Acessar', url: c.signInUrl },
  }),
  loginLinkReminder: (c) => ({
    subject: `O login de ${c.about?.name ?? 'um usuário'} ainda não foi vinculado no sistema principal`,
    paragraphs: [
      `Olá, ${c.userName}.`,
      `${c.about?.name ?? 'Um usuário'} (${c.about?.email ?? ''}) de ${c.tenantName} se registrou, mas o sistema principal ainda não confirmou o vínculo do login por e-mail, e por isso ainda não consegue acessar.`,
      `Vincule o e-mail ao usuário no sistema principal e depois confirme no console (na página do usuário ou no acompanhamento da ativação: "Vinculei no sistema principal"). Nada mais é necessário por parte do usuário.`,
    ],
  }),
};
