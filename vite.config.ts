import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// One config: Vite builds web/ into dist/web (served by the portal), Vitest runs tests/ and geo/.
export default defineConfig({
  root: 'web',
  base: './',
  plugins: [react()],
  build: { outDir: '../dist/web', emptyOutDir: true, chunkSizeWarningLimit: 1500 },
  test: {
    root: '.',
    include: ['tests/**/*.test.ts', 'geo/**/*.test.ts'],
    globalSetup: ['tests/helpers/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Browser and server tests start real processes: keep them from competing for the 2 cores.
    fileParallelism: false,
  },
});
