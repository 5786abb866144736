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

// Which capability may import which, lowest first (VS Code's layers, checked like its import patterns).
// A capability may import the capabilities of lower layers, through their index.ts; never one of its
// own layer or above. Derived from the imports the tree has, not from wishes: adding a capability
// means adding it here (tests/lint/layering.test.ts fails on a folder this table does not name).
export const CAPABILITY_LAYERS = [
  ['db', 'files', 'fonts', 'crypto-names', 'environment', 'transfers'], // storage, resources, the crypto vocabulary, the OS's folders and language, files crossing to the UI: import no capability
  ['audit', 'settings', 'pdf', 'facts'], // the audit trail (db), settings (files), the PDF reader/writer (files), facts read from text
  ['drafting-export'], // drafting: typeset PDF, DOCX out and in, redlines (pdf + fonts)
  ['pki', 'seals'], // certificates, CMS, timestamps, revocation; the organisation and its seal library (audit, db, fonts)
  ['tokens'], // keys: PKCS#11 and PKCS#12
  ['signing', 'devices'], // tokens + pki + pdf; devices: the signing devices screen (tokens + pki + settings)
  ['verify'], // pdf + pki; may use signing's facts
  ['library', 'evidence'], // the contract library and the evidence log: peers, neither imports the other
  ['drafting', 'clauses'], // drafts of contracts in the library; the clause library (issue 10)
  // a draft's PDF and DOCX out, DOCX in, redlines (drafting + drafting-export + library); where stored versions will be stamped (library + pdf)
  ['draft-files', 'placements'],
  ['sync'], // the team library through the evidence service: library + evidence
  ['service'], // the operations table's handlers: everything below
];

/** The no-restricted-imports patterns for code inside one capability: not its layer's peers, not anything above. */
function layerPatterns(capability) {
  const level = CAPABILITY_LAYERS.findIndex((layer) => layer.includes(capability));
  const above = CAPABILITY_LAYERS.slice(level)
    .flat()
    .filter((c) => c !== capability);
  if (!above.length) return [];
  const below = CAPABILITY_LAYERS.slice(0, level).flat();
  return [
    {
      regex: `^\\.\\./(${above.join('|')})(/|$)`,
      message: `${capability} may import only the capabilities below it (${below.join(', ') || 'none'}); see CAPABILITY_LAYERS in eslint.config.js.`,
    },
  ];
}

const coreMayNotImport = {
  group: ['**/src-main/host/**', '**/src-main/electron/**', '**/src-cli/**', '**/src-evidence/**', '**/src-renderer/**', '**/src-preload/**'],
  message: 'The core is imported by the shells (electron, host, CLI, evidence service), never the other way round.',
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
  {
    selector: "ArrayExpression:has(> Literal[value='zh-CN']):has(> Literal[value='en'])",
    message: 'Use LANGUAGES of src-shared/i18n; do not list the languages again.',
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
  ...CAPABILITY_LAYERS.flat().map((capability) => ({
    files: [`src-main/core/${capability}/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [electronOnlyInShell], patterns: [capabilityInternals, siblingInternals, coreMayNotImport, ...layerPatterns(capability)] },
      ],
    },
  })),
  {
    // src-shared is bundled into the renderer and imported by everything: plain TypeScript only.
    files: ['src-shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronOnlyInShell],
          patterns: [
            { group: ['node:*'], message: 'src-shared is bundled into the renderer: no Node built-ins.' },
            {
              group: ['**/src-main/**', '**/src-cli/**', '**/src-evidence/**', '**/src-renderer/**', '**/src-preload/**'],
              message: 'src-shared is the bottom layer: it imports no other part of the tree.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src-cli/**/*.ts', 'src-evidence/**/*.ts', 'src-main/host/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [electronOnlyInShell], patterns: [capabilityInternals] }] },
  },
  {
    // Tests and benchmarks use a capability as its callers do: what they need is exported by index.ts.
    files: ['tests/**/*.ts', 'bench/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [capabilityInternals] }] },
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
