import { describe, expect, it } from 'vitest';
import { checkEligibility, reviewEmails, type TenantMember } from '../../domain/migration.js';

describe('reviewEmails', () => {
  it('flags missing, invalid, duplicated-in-tenant (case-insensitive) and already-used e-mails', () => {
    const problems = reviewEmails(
      [
        { id: 'a', proposedEmail: 'ana@office.com' },
        { id: 'b', proposedEmail: null },
        { id: 'c', proposedEmail: 'not-an-email' },
        { id: 'd', proposedEmail: 'Bruno@Office.com' },
        { id: 'e', proposedEmail: 'bruno@office.com' },
        { id: 'f', proposedEmail: 'taken@office.com' },
        { id: 'g', proposedEmail: '  ' },
      ],
      new Map([
        ['taken@office.com', 'someone-else'],
        ['ana@office.com', 'a'],
      ]),
    );
    expect(Object.fromEntries(problems)).toEqual({
      a: [],
      b: ['missing'],
      c: ['invalid'],
      d: ['duplicateInTenant'],
      e: ['duplicateInTenant'],
      f: ['duplicateExisting'],
      g: ['missing'],
    });
  });
});

describe('checkEligibility', () => {
  const members: TenantMember[] = [
    { id: 'member-1', code: 1, name: 'Ana', role: 'member', inactive: false },
    { id: 'sup-5', code: 5, name: 'Bia', role: 'supervisor', inactive: false },
    { id: 'sup-3', code: 3, name: 'Caio', role: 'supervisor', inactive: false },
    { id: 'sup-2', code: 2, name: 'Davi', role: 'supervisor', inactive: true },
  ];

  it('lets only the active supervisor with the lowest code run the update', () => {
    expect(checkEligibility(members, 'sup-3')).toEqual({ eligible: true });
  });

  it.each(['sup-5', 'member-1', 'sup-2', 'unknown'])('refuses %s and names who must do it', (actingUserId) => {
    expect(checkEligibility(members, actingUserId)).toEqual({ eligible: false, qualified: { id: 'sup-3', code: 3, name: 'Caio' } });
  });

  it('says when the tenant has no active supervisor', () => {
    expect(checkEligibility(members.slice(0, 1), 'member-1')).toEqual({ eligible: false, qualified: null });
  });
});
