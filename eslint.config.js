// Lint doubles as the architecture check: the import rules below are the module boundaries
// from docs/ARCHITECTURE.md (shared is pure; the renderer never reaches into main).
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const mainPaths = ['**/main/**', '**/src/main', '**/src/main/**'];
const rendererPaths = ['**/renderer/**', '**/src/renderer', '**/src/renderer/**'];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'test-results/**', 'release/**'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-console': 'off',
    },
  },
  {
    // In tests a wrong `!` fails loudly at the assertion, which is what a test is for.
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [...mainPaths, ...rendererPaths],
              message: 'src/shared must not import main or renderer code.',
            },
            {
              group: ['node:*', 'electron', 'undici', 'better-sqlite3', 'keytar', 'conf'],
              message: 'src/shared is pure: no Node, Electron or I/O libraries.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/renderer/**/*.ts', 'src/renderer/**/*.tsx'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: mainPaths,
              message: 'The renderer talks to main only through the shared contract.',
            },
            {
              group: ['node:*', 'electron', 'better-sqlite3', 'keytar', 'undici'],
              message: 'The renderer runs sandboxed: no Node or Electron modules.',
            },
          ],
        },
      ],
    },
  },
);
