// ESLint: typescript-eslint's recommended rules plus the project's layering rules, which are the
// point of this file. They keep Electron out of code that must run under plain Node, keep the
// renderer on the API contract, and keep capabilities talking through each other's index.ts.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const electronOnlyInShell = {
  name: 'electron',
  message: "Only src-main/electron may import 'electron': core, shared, CLI and evidence code must run under plain Node.",
};

// Reaching into another capability's files, from anywhere: src-main/core/<capability>/<not index>.
const capabilityInternals = {
  regex: '(^|/)core/[^/]+/(?!index\\.js$).+',
  message: 'Import a capability through its index.ts (src-main/core/<capability>/index.js), never its inner files.',
};
// The same from inside src-main/core, where the path is relative (../other/file.js).
const siblingInternals = {
  regex: '^\\.\\./(?!\\.\\.)[^/]+/(?!index\\.js$).+',
  message: 'Capabilities talk through each other’s index.ts, not their inner files.',
};

// The one text system (src-shared/i18n): text is chosen from a message table, never by comparing
// the language, and the language type is declared once.
const oneTextSystem = [
  {
    selector: "BinaryExpression[operator=/^[!=]==?$/]:matches([left.value='zh-CN'], [right.value='zh-CN'], [left.value='en'], [right.value='en'])",
    message: 'Put both texts in a message table (defineMessages, src-shared/i18n) instead of comparing the language.',
  },
  {
    selector: "TSLiteralType > Literal[value='zh-CN']",
    message: 'Use the Language type of src-shared/i18n; do not declare the languages again.',
  },
];

export default tseslint.config(
  {
    ignores: ['dist/**', 'release/**', 'node_modules/**', 'results/**', 'coverage/**', '.softhsm/**', 'bench/data/**', 'tests/lint/fixtures/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-constant-condition': ['error', { checkLoops: false }],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', Buffer: 'readonly' } },
  },
  {
    files: ['src-*/**/*.ts', 'src-*/**/*.tsx'],
    ignores: ['src-shared/i18n/**'],
    rules: { 'no-restricted-syntax': ['error', ...oneTextSystem] },
  },
  {
    files: ['src-main/core/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [electronOnlyInShell], patterns: [capabilityInternals, siblingInternals] }] },
  },
  {
    files: ['src-shared/**/*.ts', 'src-cli/**/*.ts', 'src-evidence/**/*.ts', 'src-main/host/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [electronOnlyInShell], patterns: [capabilityInternals] }] },
  },
  {
    files: ['src-main/electron/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [capabilityInternals] }] },
  },
  {
    files: ['src-renderer/**/*.ts', 'src-renderer/**/*.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The renderer is sandboxed: it talks to window.inkstone only.' }],
          patterns: [
            {
              group: ['**/src-main/**', '**/src-evidence/**', '**/src-cli/**'],
              message: 'The renderer sees the API contract (src-shared) only, never src-main.',
            },
            { group: ['node:*'], message: 'The renderer is sandboxed: no Node built-ins.' },
          ],
        },
      ],
    },
  },
);
