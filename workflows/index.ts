// The workflow bundle's entry point: every workflow type the worker registers.
export { accountsMigration } from './accounts-migration.js';
export { userActivation } from './user-activation.js';
export { webhookDelivery } from './webhook-delivery.js';
