import path from 'node:path';
import { defineConfig } from 'vite';

// Built to dist/ and served by the server at /dashboard/. The SDKs are bundled from source.
export default defineConfig({
  root: import.meta.dirname,
  base: '/dashboard/',
  resolve: {
    alias: {
      '@temahub/coordinator': path.resolve(import.meta.dirname, '../coordinator/src/index.ts'),
      '@temahub/partner-site': path.resolve(import.meta.dirname, '../partner-site/src/index.ts'),
    },
  },
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022' },
});
