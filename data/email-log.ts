import type { EmailStatus, EmailTemplate } from '../domain/email.js';
import { match, objectId } from './list-filters.js';

export interface EmailFilter {
  id?: string | string[];
  userId?: string | string[];
  tenantId?: string | string[];
  to?: string;
  status?: EmailStatus | EmailStatus[];
  template?: EmailTemplate | EmailTemplate[];
}

/** The outgoing e-mails list's filter; each shape has its index (data/models/email-log.ts). */
export const emailListWhere = (filter: EmailFilter) => ({
  ...match('_id', filter.id),
  ...match('userId', filter.userId, objectId),
  ...match('tenantId', filter.tenantId, objectId),
  ...match('to', filter.to?.toLowerCase()),
  ...match('status', filter.status),
  ...match('template', filter.template),
});
