import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { build, defineConfig, type Plugin } from 'vite';
import { precompressPlugin } from '../scripts/precompress.js';

const adminRoot = fileURLToPath(new URL('.', import.meta.url));
const outDir = fileURLToPath(new URL('../dist/admin', import.meta.url));
const publicPagesHtml = path.join(adminRoot, 'public-pages/index.html');
/** The paths of the public pages (as api/http/static-assets.ts serves them). */
const PUBLIC_PAGES = /^\/(?:register\/[^/]*|sign-in)\/?$/;

/**
 * The pages end users open from an e-mail, built on their own into the same folder once the
 * console is: as one entry of the console's build, Rollup would put the texts and password rules
 * both import in chunks of their own, and each is one more request before a phone shows the form.
 * The whole folder is then precompressed. In development, their paths serve their page.
 */
function publicPages(): Plugin {
  return {
    name: 'public-pages',
    async closeBundle() {
      await build({
        configFile: false,
        root: adminRoot,
        base: '/',
        publicDir: false,
        // Each built file, the console's too, also as .br and .gz, which the API serves by content negotiation.
        plugins: [precompressPlugin(outDir)],
        build: { outDir, emptyOutDir: false, rollupOptions: { input: { public: publicPagesHtml } } },
      });
    },
    configureServer(server) {
      server.middlewares.use((req, _res, next) => {
        if (PUBLIC_PAGES.test(req.url?.split('?')[0] ?? '')) req.url = '/public-pages/index.html';
        next();
      });
    },
  };
}

/**
 * Two entries: the admin console (index.html: react-admin, each resource's screens a chunk loaded
 * on demand) and the pages end users open from an e-mail (public-pages/index.html: registration,
 * a new link, the sign-in check; a few KiB, no framework), built into dist/admin, which the API
 * serves (api/app.ts, api/http/static-assets.ts). In development, `vite --config
 * admin/vite.config.ts` serves both and proxies /api to the API started by `npm start` (PORT, 3000
 * by default).
 */
export default defineConfig(({ command }) => ({
  root: adminRoot,
  base: '/',
  // No static folder to copy.
  publicDir: false,
  plugins: [react(), command === 'build' ? publicPages() : { ...publicPages(), closeBundle: undefined }],
  build: {
    outDir,
    emptyOutDir: true,
    chunkSizeWarningLimit: 2_000,
    rollupOptions: {
      // zod's sources carry comments Rollup cannot place; harmless, and they drown real warnings.
      onwarn(warning, warn) {
        if (warning.code === 'INVALID_ANNOTATION' && warning.id?.includes('/node_modules/zod/')) return;
        // react-admin's barrels re-export helpers that land in the lazy screens' chunks; the console's
        // chunk imports none of those statically, so no cycle is ever evaluated (every screen runs in test/browser).
        if (warning.code === 'CYCLIC_CROSS_CHUNK_REEXPORT' && warning.message.includes('node_modules/ra-core/')) return;
        warn(warning);
      },
    },
  },
  server: {
    proxy: { '/api': `http://127.0.0.1:${process.env.PORT ?? 3000}` },
  },
}));
