import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

// SWC instead of esbuild: type-graphql and TypeORM need emitted decorator metadata.
const plugins = [swc.vite({ module: { type: 'es6' } })];

export default defineConfig({
  plugins,
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
