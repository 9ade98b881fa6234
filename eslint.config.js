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

/** A mongoose model, imported from anywhere but data/ and the layers that stand on it (see below). */
const noModel = {
  regex: '^(\\.\\./)+data/models/',
  message: "models are data/'s and the use-cases': call a use-case, or a data/ function (data/users.ts, data/worker-heartbeats.ts, …)",
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.tools', '.tools/**', '.data/**', 'test-results/**', 'admin/dist/**'] },
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
              group: [
                '../data/*',
                '../config/*',
                '../api/*',
                '../use-cases/*',
                '../activities/*',
                '../worker/*',
                '../temporal/*',
                '../security/*',
                '../webhooks/*',
              ],
              message: 'domain/ holds pure types, schemas and rules only',
            },
          ],
        },
      ],
    },
  },
  {
    // The layers (docs/architecture.md): the entry points (api/, cli/, bench/) call the
    // use-cases; nothing below an entry point reaches back into the API, so refusals are domain
    // errors and the API maps them to HTTP statuses once, at its edge (api/errors.ts).
    files: ['activities/**/*.ts', 'worker/**/*.ts', 'cli/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ regex: '^(\\.\\./)+api/', message: 'only the API imports api/: call the capability in use-cases/' }] }],
    },
  },
  {
    // What the use-cases stand on (data access, the Temporal client side, secrets, webhook delivery, configuration).
    files: ['data/**/*.ts', 'temporal/**/*.ts', 'security/**/*.ts', 'webhooks/**/*.ts', 'config/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: '^(\\.\\./)+(api|use-cases)/', message: 'the use-cases call this, not the other way round; only the API imports api/' }] },
      ],
    },
  },
  {
    // Use-cases know no protocol: plain input, plain data out, DomainError (domain/errors.ts) for a refusal.
    files: ['use-cases/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'express', message: 'use-cases know no protocol: the routes in api/ turn requests into their input' }],
          patterns: [{ regex: '^(\\.\\./)+api/', message: 'use-cases do not import api/: raise a DomainError, the API maps it to HTTP' }],
        },
      ],
    },
  },
  {
    // A benchmark may start the API as a whole (api/app.ts, api/server.ts) to time it over HTTP; nothing else of it.
    files: ['bench/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: '^(\\.\\./)+api/(?!app\\.js$|server\\.js$)', message: 'call the capability in use-cases/, or start the whole API' }] },
      ],
    },
  },
  {
    // The models are data/'s, and the use-cases' that read and write through them (and, below them,
    // the worker's activities and heartbeat, webhook publishing, and the tests' fixtures): every
    // other folder reaches MongoDB through a use-case or a data/ function.
    files: ['**/*.ts', '**/*.tsx'],
    ignores: ['data/**', 'use-cases/**', 'activities/**', 'worker/**', 'webhooks/**', 'test/**'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [noModel] }] },
  },
  {
    // The entry points (the API and SCIM, the CLI, the benchmarks) receive the use-cases built once
    // by createUseCases (use-cases/index.ts) and know no database: no model, no mongoose, and no
    // use-case module of their own choosing (its types excepted).
    files: ['api/**/*.ts', 'cli/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'mongoose', message: 'entry points know no database: call a use-case (useCases from createUseCases)' }],
          patterns: [
            noModel,
            {
              regex: '^(\\.\\./)+use-cases/(?!index\\.js$)',
              allowTypeImports: true,
              message: 'entry points call the use-cases they are given (useCases from createUseCases in use-cases/index.ts), not a use-case module',
            },
          ],
        },
      ],
    },
  },
  // Layout is Prettier's (npm run format; checked by npm run lint): no ESLint rule may disagree with it.
  prettier,
);
