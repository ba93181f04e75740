// Flat config: typescript-eslint's recommended rules, no type-aware rules (they
// double lint time and `tsc --noEmit` already runs in `npm test`).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.vscode-test/**', 'test/host/**', 'test-results/**', '**/*.d.ts', '**/*.d.mts', 'media/diagnostics.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { console: 'readonly', process: 'readonly', require: 'readonly', module: 'writable', __dirname: 'readonly', Buffer: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', URL: 'readonly', fetch: 'readonly', AbortController: 'readonly', AbortSignal: 'readonly', TextDecoder: 'readonly', TextEncoder: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', setImmediate: 'readonly', performance: 'readonly', structuredClone: 'readonly', document: 'readonly', window: 'readonly', Response: 'readonly', Headers: 'readonly', Request: 'readonly', globalThis: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-restricted-imports': 'off',
      eqeqeq: ['error', 'smart'],
    },
  },
  {
    // The webview pages run in a browser.
    files: ['src/webview/**/*.ts'],
    languageOptions: { globals: { requestAnimationFrame: 'readonly', HTMLElement: 'readonly', CSS: 'readonly', MessageEvent: 'readonly', Node: 'readonly' } },
  },
  {
    // core is editor-agnostic: it must never import vscode (also enforced by a test).
    files: ['src/core/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [{ name: 'vscode', message: 'src/core must not depend on vscode.' }] }] },
  },
);
