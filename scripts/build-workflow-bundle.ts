import fs from 'node:fs';
import { bundleWorkflowCode } from '@temporalio/worker';
import { tracingWorkflowInterceptorModules } from '../telemetry/tracing.js';
import { workflowsPath } from '../worker/workflows-path.js';

// Production workers load a prebuilt bundle instead of running webpack at start-up: the plain one,
// or, when traces are exported (OTEL_EXPORTER_OTLP_ENDPOINT), the one with the SDK's tracing
// interceptors, so an untraced worker runs no tracing code at all.
const bundles = [
  { file: 'dist/workflow-bundle.js', workflowInterceptorModules: [] },
  { file: 'dist/workflow-bundle-traced.js', workflowInterceptorModules: tracingWorkflowInterceptorModules },
];
fs.mkdirSync('dist', { recursive: true });
for (const { file, workflowInterceptorModules } of bundles) {
  const { code } = await bundleWorkflowCode({ workflowsPath, workflowInterceptorModules });
  fs.writeFileSync(file, code);
  console.log(`${file}: ${(code.length / 1024).toFixed(0)} KiB`);
}
