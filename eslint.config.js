import { builtinModules } from 'node:module'
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'

// src/shared runs on both sides (main, preload, renderer): plain TypeScript and zod only. Its
// type-check project (tsconfig.shared.json) has no DOM or Node types; these rules say the same
// in the editor, with the reason. Globals that plain ECMAScript has stay allowed.
const rendererNoZod =
  'The renderer imports only types from zod modules; values come from zod-free ones (shared/vocabulary).'
const sharedOnly = 'src/shared is plain TypeScript for both sides: no node:, electron, DOM, main or renderer.'
const ecmaScript = new Set(Object.keys(globals.builtin))
const hostGlobals = [...new Set([...Object.keys(globals.browser), ...Object.keys(globals.node)])]
  .filter((name) => !ecmaScript.has(name))
  .map((name) => ({ name, message: sharedOnly }))

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'out/',
      'dist/',
      'release/',
      'test-results/',
      'playwright-report/',
      'artifacts/',
      'test/fake-providers/assets/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      eqeqeq: ['error', 'smart'],
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              message: 'Only src/main/index.ts and src/main/electron/ may import electron.',
            },
          ],
        },
      ],
    },
  },
  {
    // Type-aware rules: each file is checked in the project that type-checks it (the project
    // service follows tsconfig.json's references, as editors do). typescript-eslint needs the
    // TypeScript 6 compiler API (package "typescript"); `npm run typecheck` uses TypeScript 7,
    // which has none. Measured on 2 cores: `npm run lint` 13 s without these rules, 30 s with.
    files: ['**/*.{ts,tsx,mts}'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/explicit-module-boundary-types': 'error',
    },
  },
  {
    files: ['src/main/index.ts', 'src/main/electron/**', 'src/preload/**', 'test/**'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['src/shared/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['electron', ...builtinModules].map((name) => ({ name, message: sharedOnly })),
          patterns: [
            { group: ['node:*'], message: sharedOnly },
            { group: ['**/main/**', '**/preload/**', '**/renderer/**'], message: sharedOnly },
          ],
        },
      ],
      'no-restricted-globals': ['error', ...hostGlobals],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // zod is the main process's: in the bundle it cost the page 85 KB to parse before its first
      // request (docs/benchmarks.md, gallery). Word lists come from shared/vocabulary.ts.
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'zod', message: rendererNoZod, allowTypeImports: true }],
          patterns: [
            {
              group: ['**/shared/domain', '**/shared/contract'],
              message: rendererNoZod,
              allowTypeImports: true,
            },
          ],
        },
      ],
    },
  },
)
