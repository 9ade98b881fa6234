import { z } from 'zod';

/**
 * The lifecycle's states, one vocabulary for MongoDB, the API, the admin and the
 * `ActivationStatus` search attribute:
 *   staged -> invited (awaiting activation) -> registered (syncing) -> [linking] -> active
 * with side exits `expired` (no registration in time) and `inactive` (deactivated). `linking`:
 * plans with the main-system step wait there for the main system to confirm it linked the login.
 */
export const activationStatuses = ['staged', 'invited', 'registered', 'linking', 'active', 'expired', 'inactive'] as const;
export const activationStatusSchema = z.enum(activationStatuses);
export type ActivationStatus = z.infer<typeof activationStatusSchema>;
