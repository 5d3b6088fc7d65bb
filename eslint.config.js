// ESLint flat config: typescript-eslint's recommended rules, plus the architectural rules:
// simulators/core imports no transport (STYLE.md §2), and the layers of ADR 014.
import js from '@eslint/js'
import tseslint from 'typescript-eslint'

const COMMAND = {
  group: ['**/command/*'],
  message: 'command/ is the composition root: nothing it puts together imports it (ADR 014).',
}
const ABOVE_SIMULATORS = {
  group: ['**/command/*', '**/conformance/*'],
  message:
    'the simulators and the clients are below conformance/ and command/: they never import them (ADR 014).',
}

export default tseslint.config(
  { ignores: ['node_modules/', 'coverage/', 'reports/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { console: 'readonly', process: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  // The layers of ADR 014: the `smsim` command (command/) puts the simulators and conformance/
  // together; nothing below it imports it, and neither the simulators nor the clients import
  // conformance/.
  {
    files: ['simulators/**/*.ts', 'client/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [ABOVE_SIMULATORS] }] },
  },
  {
    files: ['conformance/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [COMMAND] }] },
  },
  {
    files: ['simulators/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['express', 'msw', 'msw/node', 'smtp-server', 'nodemailer', 'node:http', 'http'],
          patterns: [
            {
              group: ['../server/*', '../mail/*'],
              message: 'core imports no transport (STYLE.md §2).',
            },
            ABOVE_SIMULATORS,
          ],
        },
      ],
    },
  },
)
