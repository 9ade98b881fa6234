import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [
  'assert',
  'buffer',
  'child_process',
  'crypto',
  'dns',
  'events',
  'fs',
  'http',
  'https',
  'net',
  'os',
  'path',
  'process',
  'stream',
  'timers',
  'url',
  'util',
  'worker_threads',
  'zlib',
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.tools/**', '.data/**', 'test-results/**', 'admin/dist/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Workflow code is replayed: it must be deterministic and sandbox-safe (samples-typescript .eslintrc).
    files: ['workflows/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: nodeBuiltins.flatMap((name) => [name, `node:${name}`]),
          patterns: [{ group: ['../activities/*', '!../activities/index.js'], message: 'import activities as types only, through proxyActivities' }],
        },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { prefer: 'type-imports' }],
    },
  },
  {
    // domain/ is what every side shares, the console included: types, zod schemas, rules and the
    // Temporal message definitions. No I/O: no Node module, no database, no configuration, no
    // Temporal client or worker (those live in data/, config/, temporal/, security/, worker/).
    files: ['domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [...nodeBuiltins.flatMap((name) => [name, `node:${name}`]), 'mongoose', '@temporalio/client', '@temporalio/worker', '@temporalio/activity'],
          patterns: [
            {
              group: ['../data/*', '../config/*', '../api/*', '../activities/*', '../worker/*', '../temporal/*', '../security/*', '../webhooks/*'],
              message: 'domain/ holds pure types, schemas and rules only',
            },
          ],
        },
      ],
    },
  },
  // Layout is Prettier's (npm run format; checked by npm run lint): no ESLint rule may disagree with it.
  prettier,
);
