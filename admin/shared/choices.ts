import { useTranslate } from 'react-admin';
import { adminRoles } from '../../domain/admin-account';
import { locales } from '../../domain/locale';
import { plans } from '../../domain/tenant';
import { roles } from '../../domain/user';

/** Select choices built from the shared vocabularies, labelled in the console's language. */
export function useChoices() {
  const translate = useTranslate();
  return {
    roles: roles.map((role) => ({ id: role, name: translate(`roles.${role}`) })),
    adminRoles: adminRoles.map((role) => ({ id: role, name: translate(`admin_roles.${role}`) })),
    plans: plans.map((plan) => ({ id: plan, name: translate(`plans.${plan}`) })),
    locales: locales.map((locale) => ({ id: locale, name: translate(`locales.${locale}`) })),
  };
}
