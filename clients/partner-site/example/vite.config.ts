import { defineConfig } from 'vite';

// `npm run example -w clients/partner-site` serves this page; `?api=<url>` or VITE_TEMAHUB_API picks the server.
export default defineConfig({
  root: import.meta.dirname,
  build: { outDir: 'dist', emptyOutDir: true },
});
