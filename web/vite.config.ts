import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

const src = fileURLToPath(new URL('./src', import.meta.url));

// The API is served by the Go binary; in `npm run dev` Vite proxies it so
// cookies stay same-origin. TRIAGE_API overrides the default address.
const api = process.env.TRIAGE_API ?? 'http://127.0.0.1:8080';

export default defineConfig({
  plugins: [react()],
  resolve: { alias: { '@': src } },
  server: {
    proxy: {
      // ws: the live-updates websocket (/api/v1/ws) goes through too.
      '/api': { target: api, changeOrigin: false, ws: true },
      '/livez': api,
      '/readyz': api,
    },
  },
  build: {
    outDir: 'dist',
    // Keep dist/.keep: Go embeds dist even before the app is built.
    emptyOutDir: false,
    // Read by scripts/budget.mjs to find each route's initial JavaScript.
    manifest: true,
    // The CSP allows only same-origin scripts; nothing may be inlined.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    sourcemap: false,
    target: 'es2022',
  },
  test: {
    environment: 'jsdom',
    setupFiles: ['./src/test/setup.ts'],
    css: false,
    restoreMocks: true,
    include: ['src/**/*.test.{ts,tsx}'],
  },
});
