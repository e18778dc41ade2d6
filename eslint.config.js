// `npm run lint`: typescript-eslint with type information for the shipped code (server/src and
// the client SDKs' src), the syntax-only rules for tests, benchmarks, migrations and scripts.
// Formatting is Prettier's job (`npm run format`), so there are no stylistic rules here.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const tests = ['**/*.spec.ts', 'server/test/**/*.ts', 'clients/*/test/**/*.ts', 'clients/codegen/test-support/**/*.ts'];
const unusedVars = ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }];

export default tseslint.config(
  {
    ignores: ['**/node_modules/', '**/dist/', '**/__generated__/', 'coverage/', '.data/', 'clients/*/test/fixtures/'],
  },
  js.configs.recommended,
  {
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.recommended],
    rules: { '@typescript-eslint/no-unused-vars': unusedVars },
  },
  {
    files: ['server/src/**/*.ts', 'clients/*/src/**/*.ts'],
    ignores: tests,
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-unused-vars': unusedVars,
      // Apollo's plugin hooks return promises by contract; `async` is the plain way to write one.
      '@typescript-eslint/require-await': 'off',
      // `rows[0]!` is written as if noUncheckedIndexedAccess were on (switching it on is a
      // follow-up: about 20 places, most in tests); this rule would strip those assertions.
      '@typescript-eslint/no-unnecessary-type-assertion': 'off',
    },
  },
  {
    // ical.js's declarations leave occurrence details (getOccurrenceDetails) unresolved.
    files: ['server/src/features/event-source/import/icalendar.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    files: tests,
    rules: {
      // Left-over untyped fixtures in unit tests; typed documents replace them file by file.
      '@typescript-eslint/no-explicit-any': 'warn',
    },
  },
  {
    // The end-to-end tests are typed through: operations are graphql() documents typed from the
    // schema (server/test/__generated__), so a renamed field fails `npm run typecheck`.
    files: ['server/test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'error' },
  },
);
