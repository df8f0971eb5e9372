// ESLint flat config: typescript-eslint with type information everywhere, plus a fence that
// keeps workflow code deterministic (no Node built-ins, Prisma, Nest or activity implementations).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      '.tools/**',
      '.data/**',
      'prisma/generated/**',
      'coverage/**',
      // The console is browser code with its own config (apps/console/eslint.config.js).
      'apps/console/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: {
        projectService: { allowDefaultProject: ['*.mjs', '*.js', '*.cjs', 'scripts/lib/*.js'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/no-extraneous-class': 'off',
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.name='process'][property.name='env']",
          message: 'Read environment variables only in config/ (config/env.ts).',
        },
      ],
    },
  },
  {
    // Plain CommonJS that any Node.js can run before the pinned one is known (scripts/lib/node.sh).
    // JSON read with require() is untyped there: no type-aware rules.
    files: ['scripts/lib/*.js', '*.cjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { sourceType: 'commonjs' },
    rules: {
      ...tseslint.configs.disableTypeChecked.rules,
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  {
    files: [
      'config/**/*.ts',
      'prisma.config.ts',
      'scripts/**/*.ts',
      'test/**/*.ts',
      '**/*.spec.ts',
      'eslint.config.mjs',
    ],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    files: ['workflows/**/*.ts'],
    ignores: ['workflows/**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: nodeBuiltins.map((name) => ({
            name,
            message: 'Workflow code must be deterministic: no Node built-ins.',
          })),
          patterns: [
            {
              group: ['@prisma/*', '**/prisma/generated/**', 'pg'],
              message: 'Workflows never touch the database.',
            },
            { group: ['@nestjs/*'], message: 'Workflows do not use Nest.' },
            {
              group: ['@temporalio/client', '@temporalio/worker', '@temporalio/activity'],
              message: 'Workflows import only @temporalio/workflow.',
            },
            { group: ['nodemailer', 'smtp-server'], message: 'Side effects belong in activities.' },
            {
              // Any depth: '../activities', '../../activities/x', ...
              regex: '^(\\.\\./)+activities(/.*)?$',
              message: 'Use `import type` for activities.',
              allowTypeImports: true,
            },
            {
              regex: '^(\\.\\./)+(apps|scripts|test|prisma)(/.*)?$',
              message: 'Workflows import only their own folder and `import type` from activities.',
            },
            {
              regex: '^(\\.\\./)+config/env(\\.ts)?$',
              message: 'Workflows get settings through their input, never from the environment.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.spec.ts', 'test/**/*.ts'],
    rules: {
      '@typescript-eslint/unbound-method': 'off',
    },
  },
);
