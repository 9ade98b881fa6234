import { context } from '@opentelemetry/api';
import { getRPCMetadata, RPCType } from '@opentelemetry/core';
import type { Request } from 'express';

/** The label of a request no route answered (static files, 404s): never its URL, which may hold ids. */
export const UNROUTED = '(unrouted)';

/**
 * Calls `matched` with the route pattern (`/api/v1/users/:userId`, never the URL with its ids)
 * when Express matches a route to this request. Express sets `req.route` at that moment, while
 * `req.baseUrl` is still the mount path of the route's router (later, an error leaving the router
 * resets it). Every router is mounted at a fixed prefix (api/app.ts), so that path is the prefix.
 * A traced request's span is named after the pattern too, as OpenTelemetry's own Express
 * instrumentation does (the HTTP instrumentation reads it when the response ends).
 */
export function onRouteMatched(req: Request, matched: (pattern: string) => void) {
  let route: unknown;
  Object.defineProperty(req, 'route', {
    configurable: true,
    enumerable: true,
    get: () => route,
    set(value: { path?: unknown } | undefined) {
      route = value;
      if (!value) return;
      const path = value.path;
      const pattern = typeof path === 'string' ? `${req.baseUrl}${path}` : String(path);
      matched(pattern);
      const rpc = getRPCMetadata(context.active());
      if (rpc?.type === RPCType.HTTP) rpc.route = pattern;
    },
  });
}
