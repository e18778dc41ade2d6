import { defineConfig } from 'vite';

// Built to dist/ and served by the server under /explorer/ (GET /graphql from a browser gets index.html).
export default defineConfig({
  root: import.meta.dirname,
  base: '/explorer/',
  worker: { format: 'es' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 6000,
    rollupOptions: {
      // React libraries mark modules "use client"; meaningless in a plain bundle.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
});
