import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureAdminBuilt, newestChange } from '../admin/build-if-stale.js';

/**
 * `npm run build:if-stale`: what `npm run build` makes, each part only when it is older than its
 * sources. The lanes that run built code (test:production, test:faults) run one after the other in
 * CI, after the browser tests built the console: one build serves them all.
 */
const root = fileURLToPath(new URL('..', import.meta.url));
const buildConfig = JSON.parse(fs.readFileSync(path.join(root, 'tsconfig.build.json'), 'utf8')) as { include: string[] };
const serverSources = [...buildConfig.include, 'tsconfig.build.json', 'tsconfig.json', 'package-lock.json', 'scripts/build-workflow-bundle.ts'].map((entry) =>
  path.join(root, entry),
);
// Written last, once the compiled server and both workflow bundles are in dist/.
const serverStamp = path.join(root, 'dist/.server-built');

const stamped = fs.statSync(serverStamp, { throwIfNoEntry: false })?.mtimeMs ?? 0;
if (stamped < Math.max(...serverSources.map(newestChange))) {
  const run = (args: string[]) => execFileSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
  // Emitted without a second type check (the same output, 5 CPU-s instead of 15): the lanes that
  // build here run beside `npm run typecheck` in CI, and `npm run build` still checks.
  run([path.join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--noCheck']);
  run(['--import', 'tsx', path.join(root, 'scripts/build-workflow-bundle.ts')]);
  fs.writeFileSync(serverStamp, `${new Date().toISOString()}\n`);
} else {
  console.log('dist/: the server and workflow bundles are newer than their sources');
}
await ensureAdminBuilt();
