import fs from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

/** Text assets worth compressing; images and fonts are compressed already. */
const COMPRESSIBLE = /\.(js|css|html|svg|json|txt)$/;
/** Below this, the headers cost more than the bytes saved. */
const MIN_BYTES = 1_024;

/**
 * Writes `<file>.br` and `<file>.gz` beside every compressible file of a built folder, at the
 * highest levels (done once at build, so the API spends no CPU on it per request): the API answers
 * whichever the browser accepts (api/http/static-assets.ts).
 */
export function precompress(dir: string) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) precompress(file);
    else if (COMPRESSIBLE.test(entry.name) && fs.statSync(file).size >= MIN_BYTES) {
      const bytes = fs.readFileSync(file);
      fs.writeFileSync(
        `${file}.br`,
        brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } }),
      );
      fs.writeFileSync(`${file}.gz`, gzipSync(bytes, { level: 9 }));
    }
  }
}

/** The same as a vite plugin: after every build of the console. */
export const precompressPlugin = (outDir: string): Plugin => ({
  name: 'precompress',
  apply: 'build',
  closeBundle: () => precompress(outDir),
});
