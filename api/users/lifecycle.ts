// Moved to domain/lifecycle-client.ts (the migration activities start lifecycles too).
export * from '../../domain/lifecycle-client.js';
