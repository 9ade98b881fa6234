import fs from 'node:fs';
import { bundleWorkflowCode } from '@temporalio/worker';
import { workflowsPath } from '../worker/create-workers.js';

// Production workers load this prebuilt bundle instead of running webpack at start-up.
const { code } = await bundleWorkflowCode({ workflowsPath });
fs.mkdirSync('dist', { recursive: true });
fs.writeFileSync('dist/workflow-bundle.js', code);
console.log(`dist/workflow-bundle.js: ${(code.length / 1024).toFixed(0)} KiB`);
