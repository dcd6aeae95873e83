// UI tests drive the built renderer in Debian's Chromium against the REAL core in browser mode (started once
// by test/e2e/global-setup.ts). Electron specs (test/e2e/electron*.spec.ts) are a separate project: they
// launch the app themselves through Playwright's _electron and need no browser.
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: 'test/e2e',
  // Its own folder: Playwright empties outputDir on start, and vitest keeps rendered exports in test-results/render.
  outputDir: 'test-results/e2e',
  globalSetup: './test/e2e/global-setup.ts',
  // One core process and one workspace are shared, and the flow is sequential (snapshot -> findings -> export).
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 180_000,
  expect: { timeout: 30_000 },
  reporter: [
    ['list'],
    ['html', { outputFolder: 'playwright-report', open: 'never' }],
    ['json', { outputFile: '.reports/playwright.json' }],
  ],
  use: {
    headless: true,
    screenshot: 'on',
    trace: 'retain-on-failure',
    viewport: { width: 1440, height: 900 },
  },
  projects: [
    {
      name: 'chromium',
      testIgnore: /electron.*\.spec\.ts$/,
      use: {
        browserName: 'chromium',
        launchOptions: {
          // Debian's Chromium: the machine is offline, so Playwright's own browser download is not available.
          executablePath: '/usr/bin/chromium',
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            '--no-first-run',
          ],
        },
      },
    },
    { name: 'electron', testMatch: /electron.*\.spec\.ts$/ },
  ],
});
