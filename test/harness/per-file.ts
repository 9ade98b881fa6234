import { afterAll } from 'vitest';
import { releaseFileDatabases } from './test-databases.js';

// A setup file (vitest.config.ts): runs before each test file of the lanes on the shared stack.
// Registered before the file's own hooks, so it runs after all of them: once its API, workers and
// connections are stopped, its databases are emptied for the next file (test/harness/test-databases.ts).
afterAll(releaseFileDatabases);
