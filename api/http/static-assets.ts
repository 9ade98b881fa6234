import fs from 'node:fs';
import path from 'node:path';
import type { RequestHandler } from 'express';
import express from 'express';

/** Hashed file names (vite's `assets/<name>-<hash>.<ext>`): their content never changes under that name. */
const HASHED = /^\/assets\//;
/** The pages end users open from an e-mail (registration links, the sign-in check): the small entry of their own, not the console. */
const PUBLIC_PAGES = /^\/(?:register\/[^/]*|sign-in)\/?$/;
const ENCODINGS = [
  { name: 'br', extension: '.br' },
  { name: 'gzip', extension: '.gz' },
] as const;

/** Which encodings the request accepts (q=0 refuses one). */
function accepted(header: string | undefined) {
  const accepts = new Set<string>();
  for (const part of (header ?? '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((param) => param.trim()).find((param) => param.startsWith('q='));
    if (name && (!q || Number(q.slice(2)) > 0)) accepts.add(name);
  }
  return accepts;
}

/**
 * The console's built files, served as a phone on a slow network needs them: the brotli or gzip
 * copy made at build (scripts/precompress.ts) when the browser takes it, hashed assets cached for
 * a year as immutable, the HTML revalidated every time (its ETag makes that a 304), and the
 * client-side routes answered with their entry's HTML: the public pages' (public-pages/index.html)
 * for /register/<token> and /sign-in, the console's index.html for every other.
 */
export function staticAssets(dir: string): RequestHandler[] {
  const serve = express.static(dir, {
    index: false,
    setHeaders(res, file) {
      res.setHeader('Cache-Control', file.startsWith(path.join(dir, 'assets')) ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  /** The precompressed copy the browser accepts, by rewriting the URL before express.static sends it. */
  const negotiate: RequestHandler = (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    let file: string;
    try {
      file = path.join(dir, path.normalize(decodeURIComponent(req.path)));
    } catch {
      return next(); // a malformed %-escape names no file
    }
    if (!file.startsWith(dir + path.sep)) return next();
    const accepts = accepted(req.headers['accept-encoding']);
    for (const encoding of ENCODINGS) {
      if (!accepts.has(encoding.name) || !fs.existsSync(file + encoding.extension)) continue;
      res.setHeader('Content-Encoding', encoding.name);
      res.setHeader('Vary', 'Accept-Encoding');
      // The type of the original, not of the .br/.gz file express.static would infer.
      res.type(path.extname(file));
      req.url = req.url.replace(/^[^?]*/, (pathname) => pathname + encoding.extension);
      break;
    }
    if (!res.getHeader('Vary') && fs.existsSync(`${file}.gz`)) res.setHeader('Vary', 'Accept-Encoding');
    next();
  };
  /** Client-side routes load their entry's HTML, negotiated like any file: the public pages' for theirs, the console's for the rest. */
  const spa: RequestHandler = (req, _res, next) => {
    if ((req.method === 'GET' || req.method === 'HEAD') && !HASHED.test(req.path) && !/\.[a-z0-9]+$/i.test(req.path))
      req.url = PUBLIC_PAGES.test(req.path) ? '/public-pages/index.html' : '/index.html';
    next();
  };
  return [spa, negotiate, serve];
}
