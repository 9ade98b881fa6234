import type { RequestHandler } from 'express';
import { fail } from './error-messages.js';

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

interface DocumentedPath {
  pattern: RegExp;
  /** One entry per segment: true for a literal one, so `/onboardings/batch` wins over `/onboardings/{id}`. */
  literals: boolean[];
  allow: string;
  methods: Set<string>;
}

/**
 * The methods of the most specific documented path matching `path`: literal segments win over
 * templated ones, as OpenAPI resolves `/onboardings/batch` against `/onboardings/{id}`.
 */
function mostSpecific(paths: DocumentedPath[], path: string) {
  let best: DocumentedPath | undefined;
  for (const candidate of paths) {
    if (!candidate.pattern.test(path)) continue;
    if (!best) {
      best = candidate;
      continue;
    }
    const index = candidate.literals.findIndex((literal, i) => literal !== best!.literals[i]);
    if (index >= 0 && candidate.literals[index]) best = candidate;
  }
  return best;
}

/**
 * A documented path asked with a method it does not declare gets 405 with `Allow` naming the
 * declared ones (RFC 9110 §15.5.6), and OPTIONS gets that list, instead of falling through to a
 * 404 or to a neighbouring route that happens to match the URL. Built from the OpenAPI document,
 * so the answer and the document cannot disagree. Paths the document does not hold pass through;
 * `scope` picks the documented paths this guard answers for (SCIM's answers in its own error shape).
 */
export function allowedMethods(document: { paths?: object }, scope: (path: string) => boolean = () => true): RequestHandler {
  const documented = Object.entries((document.paths ?? {}) as Record<string, object>).filter(([template]) => scope(template));
  const paths: DocumentedPath[] = documented.map(([template, item]) => {
    const segments = template.split('/').slice(1);
    const declared = HTTP_METHODS.filter((method) => method in item);
    const methods = new Set(declared.map((method) => method.toUpperCase()));
    if (methods.has('GET')) methods.add('HEAD');
    methods.add('OPTIONS');
    const source = segments.map((segment) => (/^\{\w+\}$/.test(segment) ? '[^/]+' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('/');
    // Express routes case-insensitively and with an optional trailing slash; so does this.
    return {
      pattern: new RegExp(`^/${source}/?$`, 'i'),
      literals: segments.map((segment) => !segment.startsWith('{')),
      allow: [...methods].join(', '),
      methods,
    };
  });
  return (req, res, next) => {
    // The full path, also where it is mounted under a prefix (baseUrl).
    const match = mostSpecific(paths, `${req.baseUrl}${req.path}`);
    if (!match || (match.methods.has(req.method) && req.method !== 'OPTIONS')) return next();
    res.setHeader('Allow', match.allow);
    if (req.method === 'OPTIONS') {
      res.status(204).end();
      return;
    }
    // No path in the message: registration links carry their token in it.
    next(fail('METHOD_NOT_ALLOWED', { headers: { Allow: match.allow } }));
  };
}
