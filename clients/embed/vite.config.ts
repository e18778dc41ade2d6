import path from 'node:path';
import { defineConfig } from 'vite';

// One self-contained ES module, dist/temahub.js, served by the server at /embed/v1/temahub.js.
// The SDK is bundled from its source, so the SDK need not be built first.
export default defineConfig({
  root: import.meta.dirname,
  resolve: { alias: { '@temahub/partner-site': path.resolve(import.meta.dirname, '../partner-site/src/index.ts') } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    minify: true,
    lib: { entry: path.resolve(import.meta.dirname, 'src/temahub.ts'), formats: ['es'], fileName: () => 'temahub.js' },
  },
});
