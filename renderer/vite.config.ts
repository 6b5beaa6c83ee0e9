import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// Served by `exhibit serve` under a strict CSP (script-src 'self'): one module
// script, no inline code, nothing fetched from elsewhere.
export default defineConfig({
  root: import.meta.dirname,
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    sourcemap: true,
  },
});
