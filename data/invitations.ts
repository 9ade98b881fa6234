import { match, objectId } from './list-filters.js';

export interface InvitationFilter {
  id?: string | string[];
  userId?: string | string[];
  tenantId?: string | string[];
  email?: string;
}

/** The invitation links list's filter; each shape has its index (data/models/invitation.ts). */
export const invitationListWhere = (filter: InvitationFilter) => ({
  ...match('_id', filter.id),
  ...match('userId', filter.userId, objectId),
  ...match('tenantId', filter.tenantId, objectId),
  ...match('email', filter.email?.toLowerCase()),
});
