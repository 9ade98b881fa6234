import { WorkflowIdConflictPolicy, type Client } from '@temporalio/client';
import type { Config } from '../config/env.js';
import { ACCOUNTS_MIGRATION_WORKFLOW, cancelMigrationSignal, workflowIdForMigration, type AccountsMigrationInput } from '../domain/migration-messages.js';

/**
 * The API's side of a tenant's login migration (`accountsMigration`), as lifecycle-client.ts is
 * for a user's lifecycle. Starting is idempotent: the workflow id is derived from the migration
 * id and an existing run is reused.
 */
export function migrationClient(client: Client, config: Pick<Config, 'TEMPORAL_TASK_QUEUE' | 'lifecycle'>) {
  return {
    /** Its users' lifecycles follow this process's lifecycle policy, whichever worker starts them. */
    start(run: Omit<AccountsMigrationInput, 'policy'>, summary: string) {
      const input: AccountsMigrationInput = { ...run, policy: config.lifecycle };
      return client.workflow.start(ACCOUNTS_MIGRATION_WORKFLOW, {
        taskQueue: config.TEMPORAL_TASK_QUEUE,
        workflowId: workflowIdForMigration(run.migrationId),
        args: [input],
        workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING,
        staticSummary: summary,
      });
    },
    /** No new lifecycles start after this; the ones started go on. */
    cancel: (migrationId: string) => client.workflow.getHandle(workflowIdForMigration(migrationId)).signal(cancelMigrationSignal),
  };
}

export type MigrationClient = ReturnType<typeof migrationClient>;
