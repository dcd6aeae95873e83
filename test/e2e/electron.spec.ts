// The real desktop app under Playwright's Electron driver: the built bundles, the real core, a throwaway data
// folder. Where no Electron binary is installed (e.g. CI images without the download) the whole group is
// skipped with the reason printed, rather than silently passing.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const mainBundle = path.join(root, 'dist', 'main', 'electron-main.mjs');

/** The Electron executable, or why there is none ('electron' throws when its binary was not downloaded). */
function findElectron(): { executable: string } | { error: string } {
  try {
    const executable = createRequire(import.meta.url)('electron') as unknown;
    if (typeof executable !== 'string' || !fs.existsSync(executable))
      return { error: `electron resolved to ${String(executable)}, which does not exist` };
    return { executable };
  } catch (err) {
    return { error: err instanceof Error ? err.message.split('\n')[0] : String(err) };
  }
}

// The page has no Node and no DOM types here (node tsconfig), so page-side code reads globals loosely.
type PageGlobals = {
  api: Record<string, unknown> & { call(name: string, req: unknown): Promise<unknown> };
  require?: unknown;
  process?: unknown;
  location: { href: string };
  open(url: string): unknown;
};

test.describe('Electron desktop shell', () => {
  const found = findElectron();
  if ('error' in found) {
    const reason = `Electron binary not installed on this machine: ${found.error}`;
    console.log(reason);
    // Skips every test below (they stay listed in the report as skipped, with this reason).
    test.skip(true, reason);
  }
  const executable = 'executable' in found ? found.executable : '';

  test.describe.configure({ mode: 'serial' });
  let app: ElectronApplication;
  let page: Page;
  let dataDir: string;

  test.beforeAll(async () => {
    if (!executable) return;
    expect(fs.existsSync(mainBundle), `${mainBundle} is missing: run npm run build`).toBe(true);
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ed-electron-e2e-'));
    // Chromium refuses to run its OS sandbox as root; CI containers often are root.
    const rootArgs = process.getuid?.() === 0 ? ['--no-sandbox'] : [];
    // The app needs better-sqlite3 built for Electron's ABI (node_modules has the Node build for vitest).
    const binding = execFileSync(process.execPath, [path.join(root, 'scripts', 'electron-native.mjs')], {
      encoding: 'utf8',
    }).trim();
    app = await electron.launch({
      executablePath: executable,
      args: [...rootArgs, mainBundle],
      cwd: root,
      env: { ...process.env, EVIDENCE_DESK_DATA: dataDir, EVIDENCE_DESK_SQLITE_BINDING: binding },
    });
    page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
  });

  test.afterAll(async () => {
    await app?.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  test('opens the window on the app:// origin', async () => {
    expect(page.url()).toMatch(/^app:\/\/evidence-desk\//);
    await expect(page).toHaveTitle(/Evidence Desk/);
  });

  test('window.api has exactly call and on, and the page has no Node', async () => {
    const shape = await page.evaluate(() => {
      const g = globalThis as unknown as PageGlobals;
      return { keys: Object.keys(g.api).sort(), require: typeof g.require, process: typeof g.process };
    });
    expect(shape).toEqual({ keys: ['call', 'on'], require: 'undefined', process: 'undefined' });
  });

  test('calls reach the real core and unknown calls are refused', async () => {
    const info = await page.evaluate(() => (globalThis as unknown as PageGlobals).api.call('app.info', {}));
    expect(info).toMatchObject({ ok: true, value: { mode: 'electron', dataDir: path.resolve(dataDir) } });
    const unknown = await page.evaluate(() =>
      (globalThis as unknown as PageGlobals).api.call('shell.exec', { cmd: 'id' }),
    );
    expect(unknown).toMatchObject({ ok: false, error: { code: 'unknown-call' } });
  });

  test('navigation to the web is blocked', async () => {
    await page.evaluate(() => {
      (globalThis as unknown as PageGlobals).location.href = 'https://example.com/';
    });
    await page.waitForTimeout(1000);
    expect(page.url()).toMatch(/^app:\/\/evidence-desk\//);
  });

  test('window.open is denied', async () => {
    const opened = await page.evaluate(() =>
      (globalThis as unknown as PageGlobals).open('https://example.com/'),
    );
    expect(opened).toBeNull();
    expect(app.windows()).toHaveLength(1);
  });
});
