import { z } from 'zod';

/**
 * The lifecycle's states, one vocabulary for MongoDB, the API, the admin and the
 * `ActivationStatus` search attribute:
 *   staged -> invited (awaiting activation) -> registered (syncing) -> active
 * with side exits `expired` (no registration in time) and `inactive` (deactivated).
 */
export const activationStatuses = ['staged', 'invited', 'registered', 'active', 'expired', 'inactive'] as const;
export const activationStatusSchema = z.enum(activationStatuses);
export type ActivationStatus = z.infer<typeof activationStatusSchema>;

/** States in which an invitation link can still be redeemed. */
export const awaitingRegistration = (status: ActivationStatus) => status === 'invited';
