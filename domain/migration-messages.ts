import { defineQuery, defineSignal } from '@temporalio/workflow';
import type { LifecyclePolicy } from './lifecycle.js';

export const ACCOUNTS_MIGRATION_WORKFLOW = 'accountsMigration';
export const workflowIdForMigration = (migrationId: string) => `accounts-migration-${migrationId}`;

export interface AccountsMigrationInput {
  migrationId: string;
  tenantId: string;
  tenantLabel: string;
  policy: LifecyclePolicy;
  /** Users started per activity call. */
  pageSize?: number;
  /** Pages per run before continue-as-new, so no history nears Temporal's limits. */
  pagesPerRun?: number;
  carried?: AccountsMigrationState;
}

export interface AccountsMigrationState {
  phase: 'freezing' | 'starting' | 'completed' | 'cancelled';
  total: number;
  started: number;
  failed: number;
  /** Last user id handed to a page: the list is walked in _id order. */
  cursor: string | null;
}

/** No new lifecycles are started after this; the ones already started go on. */
export const cancelMigrationSignal = defineSignal('cancel');
export const migrationStateQuery = defineQuery<AccountsMigrationState>('state');
