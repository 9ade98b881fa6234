import { fileURLToPath } from 'node:url';
import { loadConfig } from '../config/env.js';
import { exitOnConfigError } from '../config/exit-on-config-error.js';
import { startTracing } from '../telemetry/tracing.js';
import { redactUrl } from './http/log-redaction.js';

const config = exitOnConfigError(loadConfig);
// Before Express is loaded, so its HTTP server is traced from the first request.
const tracing = await startTracing(config, { role: 'api', redactUrl });
const { startApi } = await import('./server.js');
const adminDir = fileURLToPath(new URL(import.meta.url.endsWith('.ts') ? '../dist/admin' : '../admin', import.meta.url));
const api = await startApi(config, { adminDir, tracing });
console.log(`API listening on ${config.publicUrl} (port ${api.port}); docs at ${config.publicUrl}/api/docs`);
if (config.adminBootstrap?.devDefaults) {
  console.log(
    `Admin console dev sign-in: ${config.adminBootstrap.email} / ${config.adminBootstrap.password} (set ADMIN_EMAIL and ADMIN_PASSWORD to choose your own)`,
  );
}

const shutdown = async () => {
  await api.stop();
  await tracing?.shutdown();
  process.exit(0);
};
process.once('SIGINT', shutdown);
process.once('SIGTERM', shutdown);
