import { Router } from 'express';
import { docsPage } from './docs-page.js';

/** Serves the document built once at start-up, and its human page. */
export function openApiRoutes(document: object) {
  const router = Router();
  const page = docsPage(document as Parameters<typeof docsPage>[0]);
  router.get('/api/openapi.json', (_req, res) => {
    res.json(document);
  });
  router.get('/api/docs', (_req, res) => {
    res.type('html').send(page);
  });
  return router;
}
