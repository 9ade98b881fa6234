import { METHODS } from 'node:http';
import type { RequestHandler } from 'express';
import { Histogram, type Registry } from 'prom-client';
import { onRouteMatched, UNROUTED } from './route-pattern.js';

const KNOWN_METHODS = new Set(METHODS);

/**
 * `http_request_duration_seconds{method, route, status_code}`: every answered request, labelled by
 * its route pattern so the series stay few (one per route, method and status), whatever the ids.
 */
export function requestDuration(registry: Registry): RequestHandler {
  const histogram = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time from the request to the last byte of its answer, by route pattern, method and status',
    labelNames: ['method', 'route', 'status_code'] as const,
    // Argon2id sign-ins and registrations take a few hundred milliseconds; imports of 10,000 rows seconds.
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  return (req, res, next) => {
    const stop = histogram.startTimer();
    let route = UNROUTED;
    onRouteMatched(req, (pattern) => {
      route = pattern;
    });
    // A request whose client went away before the answer was complete is not counted.
    res.once('finish', () => stop({ method: KNOWN_METHODS.has(req.method) ? req.method : 'OTHER', route, status_code: String(res.statusCode) }));
    next();
  };
}
