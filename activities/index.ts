import { accessActivities } from './access.js';
import type { ActivityDeps } from './deps.js';
import { invitationActivities } from './invitations.js';
import { lifecycleEmailActivities } from './lifecycle-email.js';
import { migrationActivities } from './migration.js';
import { projectionActivities } from './projection.js';
import { webhookActivities } from './webhooks.js';

/** Every activity of the lifecycle, built from its dependencies (samples: activities-dependency-injection). */
export function createActivities(deps: ActivityDeps) {
  return {
    ...invitationActivities(deps),
    ...accessActivities(deps),
    ...projectionActivities(deps),
    ...lifecycleEmailActivities(deps),
    ...migrationActivities(deps),
    ...webhookActivities(deps),
  };
}

export type Activities = ReturnType<typeof createActivities>;
export type { ActivityDeps } from './deps.js';
