import { domainError } from '../../domain/errors.js';

/**
 * Who "Update accounts" runs on behalf of. A console account linked to a tenant user acts as
 * that user; a platform account or an integration names the tenant user in `actingUserId`, and
 * the eligibility rule then applies to that user alike.
 */
export function actingUser(linkedUserId: string | null, named: string | undefined): string {
  if (linkedUserId) {
    if (named !== undefined && named !== linkedUserId) {
      throw domainError('VALIDATION_FAILED', {
        fields: [{ path: 'actingUserId', message: `this console account acts as its linked tenant user ${linkedUserId} only` }],
      });
    }
    return linkedUserId;
  }
  if (named === undefined) {
    throw domainError('VALIDATION_FAILED', { fields: [{ path: 'actingUserId', message: 'required: name the tenant user the update runs on behalf of' }] });
  }
  return named;
}
