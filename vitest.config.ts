import { createRequire } from 'node:module';
import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

// One graphql module for everyone: Node loads graphql's CommonJS build for type-graphql and
// Apollo, so our sources must not get its .mjs build from Vite (two realms break instanceof).
const graphqlEntry = createRequire(import.meta.url).resolve('graphql');
const resolve = { alias: [{ find: /^graphql$/, replacement: graphqlEntry }] };

// SWC instead of esbuild: type-graphql and TypeORM need emitted decorator metadata.
const plugins = [swc.vite({ module: { type: 'es6' } })];

export default defineConfig({
  plugins,
  resolve,
  test: {
    environment: 'node',
    setupFiles: ['reflect-metadata'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    pool: 'forks',
    maxWorkers: 2,
    projects: [
      {
        plugins,
        resolve,
        test: {
          name: 'unit',
          include: ['server/src/**/*.spec.ts', 'clients/*/src/**/*.spec.ts'],
          setupFiles: ['reflect-metadata'],
          testTimeout: 60_000,
          hookTimeout: 180_000,
        },
      },
      {
        plugins,
        resolve,
        test: {
          // End-to-end: the real server over HTTP, each file on its own copy of a seeded template.
          name: 'e2e',
          include: ['server/test/**/*.spec.ts', 'clients/*/test/**/*.spec.ts'],
          globalSetup: ['server/test/global-setup.ts'],
          setupFiles: ['reflect-metadata'],
          testTimeout: 60_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
