import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { precompressPlugin } from '../scripts/precompress.js';

const adminRoot = fileURLToPath(new URL('.', import.meta.url));
const outDir = fileURLToPath(new URL('../dist/admin', import.meta.url));

/**
 * The admin console and the public registration page, one SPA. `npm run build` writes it to
 * dist/admin, which the API serves (api/app.ts). In development, `vite --config admin/vite.config.ts`
 * proxies /api to the API started by `npm start` (PORT, 3000 by default).
 */
export default defineConfig({
  root: adminRoot,
  base: '/',
  // No static folder to copy: admin/public holds the public pages' sources, which must not be served.
  publicDir: false,
  // Each built file also as .br and .gz, which the API serves by content negotiation.
  plugins: [react(), precompressPlugin(outDir)],
  build: {
    outDir,
    emptyOutDir: true,
    chunkSizeWarningLimit: 2_000,
    rollupOptions: {
      // zod's sources carry comments Rollup cannot place; harmless, and they drown real warnings.
      onwarn(warning, warn) {
        if (warning.code === 'INVALID_ANNOTATION' && warning.id?.includes('/node_modules/zod/')) return;
        warn(warning);
      },
    },
  },
  server: {
    proxy: { '/api': `http://127.0.0.1:${process.env.PORT ?? 3000}` },
  },
});
