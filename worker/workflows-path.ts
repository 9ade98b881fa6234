import { fileURLToPath } from 'node:url';

/** The workflows' entry, which the SDK bundles; its own module, so a bundler's caller loads no activity or model with it. */
export const workflowsPath = fileURLToPath(new URL('../workflows/index.ts', import.meta.url));
