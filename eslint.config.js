// Lint = correctness + the layering rules from ../shared/STYLE.md, enforced rather than hoped for.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', '.bench/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['main/**/*.ts', 'test/**/*.ts', '*.config.{ts,js}', 'scripts/**/*.{ts,mjs,js}', 'bin/**/*.js'],
    languageOptions: { globals: globals.node },
  },
  {
    // Only main/electron may touch Electron; nothing in main/ imports the UI.
    files: ['main/**/*.ts'],
    ignores: ['main/electron/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: ['electron'], patterns: ['**/renderer/**'] }],
    },
  },
  {
    // shared/ is imported by both sides, so it imports only shared/ and zod.
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: ['electron'], patterns: ['**/main/**', '**/renderer/**', 'node:*'] },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // The renderer never reaches into the core or Node; it talks through lib/api.ts only.
      'no-restricted-imports': ['error', { paths: ['electron'], patterns: ['**/main/**', 'node:*'] }],
      'no-restricted-globals': ['error', { name: 'require', message: 'the renderer has no Node' }],
    },
  },
  {
    // window.api is used in exactly one place.
    files: ['renderer/**/*.{ts,tsx}'],
    ignores: ['renderer/src/lib/api.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'window', property: 'api', message: 'use renderer/src/lib/api.ts' },
      ],
    },
  },
);
