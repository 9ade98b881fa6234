import type { LifecycleState, UserActivationInput } from '../domain/lifecycle.js';

const statusLabels: Record<LifecycleState['status'], string> = {
  staged: 'staged (not invited yet)',
  invited: 'invited, awaiting activation',
  registered: 'registered, syncing',
  linking: 'access granted, waiting for the main system to link the login',
  active: 'active',
  expired: 'invitation expired',
  inactive: 'inactive (deactivated)',
};

const at = (ms: number | null) => (ms === null ? '—' : new Date(ms).toISOString().replace('.000Z', 'Z'));

/** The "current details" an operator reads in the Temporal UI, rewritten on every transition. */
export function describeState(input: UserActivationInput, state: LifecycleState): string {
  const lines = [
    `**${input.userLabel}** — tenant ${input.tenantLabel}`,
    `Status: **${statusLabels[state.status]}**`,
    `Invitations sent: ${state.invitationsSent}; reminders sent: ${state.remindersSent} of ${input.policy.reminderOffsetsMs.length}; e-mails sent: ${state.emailsSent}`,
  ];
  if (state.status === 'invited') lines.push(`Next reminder: ${at(state.nextReminderAt)}; invitation expires: ${at(state.expiresAt)}`);
  if (state.status === 'registered') lines.push(`Registered ${at(state.registeredAt)}; access at ${at(state.accessAt)}`);
  if (state.status === 'linking') {
    lines.push(`Login link requested ${at(state.loginLinkRequestedAt ?? null)}; supervisor reminded: ${at(state.loginLinkRemindedAt ?? null)}`);
  }
  if (state.status === 'active') lines.push(`Active since ${at(state.activatedAt)}`);
  if (state.status === 'expired') lines.push(`Expired ${at(state.expiredAt)}: resend the invitation to start again`);
  if (state.emailFailing) lines.push(`⚠ E-mail failing: ${state.lastEmailError ?? 'address rejected'} — fix the address`);
  return lines.join('\n');
}
