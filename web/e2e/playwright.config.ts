import { fileURLToPath } from 'node:url';
import { defineConfig } from '@playwright/test';
import { outputDir } from './paths';

// End-to-end tests: Debian's Chromium (no browser download) drives the real
// binary, which global-setup.ts starts on a fresh SQLite data directory.
// Run with `make e2e` (builds bin/triage first) or, after a build,
// `npm run e2e` in web/. E2E_CHROMIUM overrides the browser path.
export default defineConfig({
  testDir: fileURLToPath(new URL('.', import.meta.url)),
  testMatch: '*.spec.ts',
  globalSetup: fileURLToPath(new URL('./global-setup.ts', import.meta.url)),
  outputDir: `${outputDir}/results`,
  // Two workers: the server and two browsers share a 2-core machine.
  workers: 2,
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 45_000,
  globalTimeout: 5 * 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['html', { outputFolder: `${outputDir}/report`, open: 'never' }]],
  use: {
    browserName: 'chromium',
    launchOptions: {
      executablePath: process.env.E2E_CHROMIUM ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
    locale: 'en-GB',
    timezoneId: 'Europe/London',
    actionTimeout: 10_000,
    navigationTimeout: 15_000,
    // Tracing triples the run time on a 2-core machine: E2E_TRACE=1 turns it on.
    trace: process.env.E2E_TRACE ? 'retain-on-failure' : 'off',
    screenshot: 'only-on-failure',
  },
});
