/// <reference types="vitest/config" />
// Vite builds the SPA into dist/ (served by `zzyzx serve`); in development it proxies the API to a
// local backend so the refresh cookie stays first-party.
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [react()],
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
  },
  server: {
    proxy: {
      '/api': { target: 'http://127.0.0.1:8080', changeOrigin: false },
    },
  },
  build: {
    outDir: 'dist',
    assetsDir: 'assets',
    sourcemap: true,
    // Lists every chunk's static imports; scripts/initial-js-size.mjs reads it to measure the first load.
    manifest: true,
  },
  test: {
    environment: 'jsdom',
    globals: true,
    setupFiles: ['./src/testing/setup-tests.ts'],
    include: ['src/**/*.test.{ts,tsx}'],
    css: false,
    // Route-level tests render the whole app; on a busy 2-core machine the default 5 s is tight.
    testTimeout: 15_000,
  },
});
