import { z } from 'zod';
import { userSchema } from './user.js';

/** The onboarding status an integration reads: the user, overlaid with the workflow's live state while it runs. */
export const onboardingView = userSchema
  .extend({
    source: z.enum(['workflow', 'database', 'starting']).meta({
      description:
        '"workflow": read live from the running lifecycle; "database": its last projection; "starting": a lifecycle just started whose first step (the invitation) has not run yet',
    }),
    nextReminderAt: z.iso.datetime().nullable(),
    invitationsSent: z.number().int().nullable(),
    emailsSent: z.number().int().nullable(),
  })
  .meta({ id: 'Onboarding' });
export type OnboardingView = z.infer<typeof onboardingView>;
