// ESLint flat config: typescript-eslint's recommended rules, plus the one architectural rule of
// STYLE.md §2: simulators/core imports no transport.
import js from '@eslint/js'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  { ignores: ['node_modules/', 'coverage/', 'reports/', 'dist/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // dependency-cruiser reads a CommonJS config; test/package/consumer/ is a CommonJS user.
    files: ['**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: {
        module: 'writable',
        require: 'readonly',
        URLSearchParams: 'readonly',
        fetch: 'readonly',
      },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    languageOptions: { globals: { console: 'readonly', process: 'readonly', URL: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // The dashboard's scripts run in the browser: `tsc -p simulators/dashboard` checks their
    // names against the DOM's types, which no-undef (without a list of browser globals) cannot.
    files: ['simulators/dashboard/**/*.js'],
    rules: { 'no-undef': 'off' },
  },
  {
    files: ['simulators/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['express', 'msw', 'msw/node', 'smtp-server', 'nodemailer', 'node:http', 'http'],
          patterns: ['../server/*', '../mail/*'],
        },
      ],
    },
  },
)
