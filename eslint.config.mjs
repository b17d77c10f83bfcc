import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Ways to read the time without the injected Clock (src/clock.ts). */
const READS_THE_CLOCK = [
  "MemberExpression[object.name='Date'][property.name='now']",
  "NewExpression[callee.name='Date'][arguments.length=0]",
  "CallExpression[callee.name='Date']",
  "MemberExpression[object.name='DateTime'][property.name='now']",
  "CallExpression[callee.object.name='DateTime'][callee.property.name=/^(local|utc)$/][arguments.length=0]",
].map((selector) => ({
  selector,
  message:
    'Time comes from the injected Clock (clock.now()); parse timestamps with Date.parse or luxon.',
}));

/** Imports that `no-restricted-imports` does not see: they must be plain `import` statements. */
const HIDDEN_IMPORTS = ['ImportExpression', 'TSImportType'].map((selector) => ({
  selector,
  message:
    'Import at the top of the file (`import` or `import type`), where the layer rules see it.',
}));

export default tseslint.config(
  {
    ignores: [
      'node_modules',
      'dist',
      '.data',
      'coverage',
      'bench/results.json',
      '**/*.js',
      '**/*.mjs',
      'src/sandbox/public/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': [
        'error',
        { checksVoidReturn: { arguments: false } },
      ],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    // The core is pure: it imports no SDK and nothing above it, reads no environment, and asks the
    // injected Clock for the time. Types of the configuration, adapters, stores and queues are
    // fine (`import type`); their values would bring I/O in.
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@aws-sdk/*', '@slack/*', 'bullmq', 'ioredis', 'pino', 'prom-client'],
              message:
                'The core uses no SDK, queue, Redis, logger or metrics: take it as a parameter.',
            },
            {
              regex: '^(\\.\\./)+(config|adapters|store|queue|redis)(/|$)',
              allowTypeImports: true,
              message:
                'The core takes configuration, adapters, stores and queues as parameters: import only their types.',
            },
            {
              regex:
                '^(\\.\\./)+(approval|backups|operations|slack|bot|commands|jobs|http|sandbox|bin|emulator|metrics)(/|$)',
              message: 'The core sits below the use cases and the edges: it imports none of them.',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        {
          name: 'process',
          message: 'The core reads no environment: take the value as a parameter.',
        },
      ],
      'no-restricted-syntax': ['error', ...READS_THE_CLOCK, ...HIDDEN_IMPORTS],
    },
  },
  {
    // The use cases reach the queue, Redis, AWS and Slack through ports, never the libraries or
    // the adapters themselves; jobs/ is an edge that calls them, not something they call.
    files: ['src/approval/**/*.ts', 'src/backups/**/*.ts', 'src/operations/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['bullmq', 'ioredis', '@aws-sdk/*', '@slack/*'],
              message:
                'A use case reaches the queue, Redis, AWS and Slack through a port (src/ports, src/store, src/queue).',
            },
            {
              regex: '^(\\.\\./)+(adapters|jobs|bot|commands|sandbox|bin)(/|$)',
              message:
                'A use case gets adapters through its ports; the edges (jobs/, commands/, the bot, the sandbox, bin) call the use cases, not the other way round.',
            },
          ],
        },
      ],
      'no-restricted-syntax': ['error', ...READS_THE_CLOCK, ...HIDDEN_IMPORTS],
    },
  },
  {
    // Slack listeners and the presentation helpers below them do not reach up into the bot
    // process or the job workers: the bot registers the listeners and hands them their ports.
    files: ['commands/**/*.ts', 'src/slack/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(\\.\\./)+(src/)?(bot|sandbox|bin)(/|$)|^(\\.\\./)+jobs(/|$)',
              message:
                'commands/ and src/slack stand below the bot: the bot imports them and hands them what they need.',
            },
          ],
        },
      ],
    },
  },
  {
    // Processors read the time from the injected clock too, as the use cases they call.
    files: ['jobs/**/*.ts'],
    rules: { 'no-restricted-syntax': ['error', ...READS_THE_CLOCK] },
  },
);
