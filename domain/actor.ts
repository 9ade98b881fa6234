export const actorTypes = ['admin', 'integration', 'system', 'user'] as const;

/** Who made a change, as the audit trail records it. */
export interface Actor {
  type: (typeof actorTypes)[number];
  id: string | null;
  label: string | null;
}

/** An operator at the command line (`npm run cli`). */
export const CLI_ACTOR: Actor = { type: 'system', id: 'cli', label: 'command line' };
