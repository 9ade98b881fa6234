import { fileURLToPath } from 'node:url';
import { loadConfig } from '../config/env.js';
import { exitOnConfigError } from '../config/exit-on-config-error.js';
import { startApi } from './server.js';

const config = exitOnConfigError(loadConfig);
const adminDir = fileURLToPath(new URL(import.meta.url.endsWith('.ts') ? '../dist/admin' : '../admin', import.meta.url));
const api = await startApi(config, { adminDir });
console.log(`API listening on ${config.publicUrl} (port ${api.port}); docs at ${config.publicUrl}/api/docs`);
if (config.adminBootstrap?.devDefaults) {
  console.log(
    `Admin console dev sign-in: ${config.adminBootstrap.email} / ${config.adminBootstrap.password} (set ADMIN_EMAIL and ADMIN_PASSWORD to choose your own)`,
  );
}

const shutdown = async () => {
  await api.stop();
  process.exit(0);
};
process.once('SIGINT', shutdown);
process.once('SIGTERM', shutdown);
