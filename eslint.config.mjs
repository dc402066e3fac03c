// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

/** Workflow code is replayed: no I/O and nothing non-deterministic (README, "Versioning"). */
const workflowImports = {
  paths: [
    ...builtinModules.flatMap((name) => [name, `node:${name}`]).map((name) => ({ name, message: 'Workflow code must not use Node built-ins; do I/O in an activity.' })),
    { name: 'uuid', message: 'Use uuid4() from @temporalio/workflow.' },
    { name: '@temporalio/client', message: 'Workflows talk to Temporal through @temporalio/workflow.' },
    { name: '@temporalio/worker', message: 'Workflows must not import the worker.' },
    { name: '@temporalio/activity', message: 'Workflows must not import activity code.' },
    { name: 'pg', message: 'Database access belongs in an activity.' },
    { name: 'kysely', message: 'Database access belongs in an activity.' },
  ],
  patterns: [
    { group: ['../db/*', '../db/**', '../api/*', '../api/**', '../worker/*', '../scripts/*'], message: 'Workflows import domain/ and their own files only.' },
    { group: ['../activities', '../activities/*'], allowTypeImports: true, message: 'Workflows see activities through proxyActivities (types only).' },
  ],
};

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', '.data/**', '.tools/**', 'coverage/**', '**/*.js', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Refusing control characters in input is deliberate (api/schemas.ts), and so is testing it.
      'no-control-regex': 'off',
    },
  },
  {
    // Migrations are frozen snapshots: they see the database as it was then, untyped (Kysely<any>, as kysely advises).
    files: ['db/migrations/**/*.ts', 'db/migrate.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['workflows/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', workflowImports],
      'no-restricted-globals': ['error', { name: 'setInterval', message: 'Use sleep() or condition() from @temporalio/workflow.' }],
      'no-restricted-properties': ['error', { object: 'Math', property: 'random', message: 'Math.random is seeded in workflows, but prefer uuid4() and explicit inputs.' }],
    },
  },
  {
    // House rule: storage shares types with workflows through domain/, never the other way round.
    files: ['db/**/*.ts', 'activities/**/*.ts', 'domain/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: [{ group: ['../workflows/*', '../../workflows/*', '../workflows', '../../workflows'], message: 'Shared types live in domain/ (house rule).' }] }],
    },
  },
);
