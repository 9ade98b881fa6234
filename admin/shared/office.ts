import { useGetIdentity } from 'react-admin';
import { officeOf } from '../auth-provider';

/**
 * The office (tenant) the signed-in account is confined to when it is linked to a tenant user,
 * else null (a platform account). Forms start on it and hide their tenant pickers: the API
 * accepts no other office from such an account.
 */
export function useOfficeId(): { officeId: string | null; isPending: boolean } {
  const { identity, isPending } = useGetIdentity();
  const officeId = identity
    ? officeOf({ tenantUserId: (identity.tenantUserId as string | null) ?? null, tenantId: (identity.tenantId as string | null) ?? null })
    : null;
  return { officeId, isPending };
}
