import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Only bot/ talks to the channel (botbuilder, teams-ai). */
const CHANNEL = [
  {
    group: ['botbuilder', 'botbuilder-*', 'botframework-*'],
    message: 'Channel code belongs in bot/.',
  },
  {
    group: ['@microsoft/teams-ai', '@microsoft/teams-ai/*'],
    message: 'Channel code belongs in bot/.',
  },
];

/** src/ never imports the layers above it. */
const DOMAIN = [
  {
    group: ['**/cards', '**/cards/**'],
    message: 'src/ never imports cards/: return data or emit a domain event; bot/ renders it.',
  },
  {
    group: ['**/bot', '**/bot/**'],
    message: 'src/ never imports bot/: depend on a port in src/ that bot/ implements.',
  },
];

/** Every Graph call goes through the one transport, so throttling and 403s read the same. */
const GRAPH_CLIENT = {
  group: ['@microsoft/microsoft-graph-client', '@microsoft/microsoft-graph-client/*'],
  message:
    'Call Graph through src/graph/transport.ts (GraphTransport): one pacing, retry and error classification.',
};

export default tseslint.config(
  { ignores: ['lib/**', 'node_modules/**', '.data/**', '.artifacts/**', 'appPackage/build/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      // Pastes are cleaned of control characters on purpose (src/triage/normalize.ts).
      'no-control-regex': 'off',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    // Plain Node scripts and tool settings (mocha's .mocharc.js, scripts/*.mjs).
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        module: 'writable',
        require: 'readonly',
      },
    },
  },
  {
    // Logs go through src/logging (JSON, redacted, correlated); what a person reads as the
    // program's output goes through src/logging/printer.ts.
    files: ['bot/**/*.ts', 'src/**/*.ts'],
    rules: { 'no-console': 'error' },
  },
  {
    // The domain decides and records; it never renders (cards/) nor delivers (bot/). Arrows run
    // bot/ -> cards/ -> src/ only (docs/architecture.md).
    files: ['src/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [...CHANNEL, ...DOMAIN, GRAPH_CLIENT] }],
    },
  },
  {
    // The Graph adapters themselves: the one place the Graph client is used.
    files: ['src/graph/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [...CHANNEL, ...DOMAIN] }] },
  },
  {
    // The cards never know the channel: only bot/ talks to botbuilder/teams-ai, and cards/
    // never imports bot/.
    files: ['cards/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...CHANNEL,
            { group: ['**/bot', '**/bot/**'], message: 'cards/ never imports bot/.' },
            GRAPH_CLIENT,
          ],
        },
      ],
    },
  },
  {
    // bot/ hands the adapters the one transport built in compose.ts; it never calls Graph itself.
    files: ['bot/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [GRAPH_CLIENT] }] },
  },
  {
    // Nothing below the composition root reads the environment.
    files: ['src/**/*.ts', 'cards/**/*.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        {
          object: 'process',
          property: 'env',
          message: 'Read configuration in src/config.ts via the composition root.',
        },
      ],
    },
  },
);
