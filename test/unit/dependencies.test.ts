import fs from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The production image keeps only `dependencies` (Dockerfile: `npm prune --omit=dev`). So every
 * package the API and the worker import at run time must be one, and nothing else may be: the
 * console's React packages, the build tools and the dev mail catchers are devDependencies.
 */
const runtimeFolders = [
  'api',
  'activities',
  'worker',
  'workflows',
  'webhooks',
  'temporal',
  'security',
  'domain',
  'config',
  'data',
  'cli',
  'telemetry',
  'use-cases',
];
const pkg = JSON.parse(fs.readFileSync('package.json', 'utf8')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };
/** Needed at run time without a direct import: one copy of protobufjs for the Temporal packages (see its commit). */
const indirect = new Set(['protobufjs']);

function sourceFiles(folder: string): string[] {
  return fs.readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(folder, entry.name);
    if (entry.isDirectory()) return sourceFiles(file);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [file] : [];
  });
}

/** Packages imported at run time: `import … from 'x'`, `import('x')`; type-only imports are erased. */
function runtimeImports(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/^\s*import\s+(?!type\s)(?:[^'";]*?\sfrom\s+)?'([^'.][^']*)'/gm), ...text.matchAll(/\bimport\('([^'.][^']*)'\)/g)].map(
    (match) => match[1]!,
  );
  return specifiers.map((specifier) => (specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]!));
}

const builtins = new Set([...builtinModules, ...builtinModules.map((name) => `node:${name}`)]);
const used = new Map<string, string>();
for (const file of runtimeFolders.flatMap(sourceFiles)) for (const name of runtimeImports(file)) if (!builtins.has(name)) used.set(name, file);

describe('runtime dependencies', () => {
  it('holds every package the API, the worker and the CLI import', () => {
    const missing = [...used].filter(([name]) => !(name in pkg.dependencies)).map(([name, file]) => `${name} (imported by ${file})`);
    expect(missing).toEqual([]);
  });

  it('holds nothing they do not import', () => {
    const unused = Object.keys(pkg.dependencies).filter((name) => !used.has(name) && !indirect.has(name));
    expect(unused).toEqual([]);
  });

  it('sees the imports it checks (control)', () => {
    expect([...used.keys()]).toEqual(expect.arrayContaining(['express', 'mongoose', '@temporalio/workflow', 'zod']));
    expect(used.has('react')).toBe(false);
  });
});
