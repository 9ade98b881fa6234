import { createRequire } from 'node:module';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import type { OpenTelemetryPlugin } from '@temporalio/interceptors-opentelemetry';
import type { Config } from '../config/env.js';

const require = createRequire(import.meta.url);

/**
 * The SDK's workflow interceptors, bundled into the workflow code of a traced worker (the plugin
 * adds them when the worker bundles its own code; a prebuilt bundle must have them built in:
 * scripts/build-workflow-bundle.ts builds a traced bundle beside the plain one).
 */
export const tracingWorkflowInterceptorModules = [require.resolve('@temporalio/interceptors-opentelemetry/lib/workflow-interceptors')];

/** The requests worth a trace: the API's and SCIM's, not the console's files, the probes or the scrapes. */
const TRACED_PATHS = /^\/(api|scim)\//;

/** Which process this is; the API says how to clean a URL of the secrets some carry (registration tokens). */
export type TracedProcess = { role: 'worker' } | { role: 'api'; redactUrl: (url: string) => string };

/** Span attributes that hold the request's URL, in the old and the stable HTTP conventions. */
const URL_ATTRIBUTES = ['http.target', 'http.url', 'url.full', 'url.path', 'url.query'];

export interface Tracing {
  /** Client and worker interceptors (and the workflow span sink) of @temporalio/interceptors-opentelemetry. */
  plugin: OpenTelemetryPlugin;
  /** Exports the spans still buffered, then stops. */
  shutdown(): Promise<void>;
}

/**
 * OpenTelemetry for this process when an OTLP endpoint is configured, else nothing at all (no
 * provider, no instrumentation, no interceptor: zero overhead). Spans are batched and sent as
 * OTLP/HTTP JSON; the exporter, the batching and the sampler also read OpenTelemetry's standard
 * variables (OTEL_EXPORTER_OTLP_HEADERS, OTEL_BSP_*, OTEL_TRACES_SAMPLER, …).
 *
 * The API traces its incoming HTTP requests (the route pattern names the span:
 * api/metrics/route-pattern.ts); the Temporal plugin carries the trace from the client call into
 * the workflow (StartWorkflow → RunWorkflow) and from the workflow into each activity
 * (StartActivity → RunActivity). Call it before the HTTP server is created.
 */
export async function startTracing(config: Pick<Config, 'tracing'>, traced: TracedProcess): Promise<Tracing | undefined> {
  if (!config.tracing) return undefined;
  // Loaded only here: a process without an endpoint never loads OpenTelemetry.
  const [
    { OTLPTraceExporter },
    { registerInstrumentations },
    { HttpInstrumentation },
    { Resource },
    { BatchSpanProcessor },
    { NodeTracerProvider },
    semconv,
    temporal,
  ] = await Promise.all([
    import('@opentelemetry/exporter-trace-otlp-http'),
    import('@opentelemetry/instrumentation'),
    import('@opentelemetry/instrumentation-http'),
    import('@opentelemetry/resources'),
    import('@opentelemetry/sdk-trace-base'),
    import('@opentelemetry/sdk-trace-node'),
    import('@opentelemetry/semantic-conventions'),
    import('@temporalio/interceptors-opentelemetry'),
  ]);
  const resource = new Resource({ [semconv.ATTR_SERVICE_NAME]: config.tracing.serviceName ?? `activation-${traced.role}` });
  const spanProcessor = new BatchSpanProcessor(new OTLPTraceExporter({ url: config.tracing.url }));
  const provider = new NodeTracerProvider({ resource, spanProcessors: [spanProcessor] });
  // The global provider: activity spans and the HTTP server spans use it; AsyncLocalStorage
  // carries the active span from the request handler into the Temporal client call.
  provider.register();
  if (traced.role === 'api') {
    const { redactUrl } = traced;
    registerInstrumentations({
      tracerProvider: provider,
      instrumentations: [
        new HttpInstrumentation({
          // Only the requests this API serves; its outgoing calls are gRPC (Temporal) and MongoDB's protocol.
          disableOutgoingRequestInstrumentation: true,
          ignoreIncomingRequestHook: (request) => !TRACED_PATHS.test(request.url ?? ''),
          // A trace is read by more people than the data it describes: no registration token in a URL attribute.
          requestHook: (span) => {
            const attributes = (span as Partial<ReadableSpan>).attributes ?? {};
            for (const name of URL_ATTRIBUTES) {
              const value = attributes[name];
              if (typeof value === 'string') span.setAttribute(name, redactUrl(value));
            }
          },
        }),
      ],
    });
    // The instrumentation patches `http` when it is next required; a process that loaded it
    // already (Express was imported) gets its servers traced from here on all the same.
    require('node:http');
  }
  return {
    plugin: new temporal.OpenTelemetryPlugin({ resource, spanProcessor }),
    shutdown: () => provider.shutdown(),
  };
}
