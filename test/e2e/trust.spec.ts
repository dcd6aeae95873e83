// "Who signed" in the UI, in browser mode against the real core: a package this workspace exported verifies as
// signed by trusted signer "This workspace"; a package re-signed by another key is shown amber as "signer
// unknown" with that key's fingerprint (never green) until the analyst trusts it; a changed package is red.
// Settings lists the workspace key and trusted signers, adds and withdraws one, and verifies the audit log.
// Screenshots of each look land in test-results/screens/ at 1280x800 and 1024x768.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test, type Locator, type Page } from '@playwright/test';
import {
  DEMO_KEY_FINGERPRINT_HEX,
  groupFingerprint,
  loadOrCreateSigningKey,
  publicKeyFingerprintHex,
} from '../../main/evidence/signing-key';
import { writePackage } from '../../main/export/package-writer';
import { makeExportFixture, makeModel } from '../integration/export-fixture';
import { freshSignerKey, resignPackage } from '../helpers/resign-package';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const SCREENS = path.join(ROOT, 'test-results', 'screens');
const SIZES = [
  { width: 1280, height: 800 },
  { width: 1024, height: 768 },
] as const;
const GROUPED_FINGERPRINT = /^([0-9a-f]{4} ){15}[0-9a-f]{4}$/;
// app.css --good-bg, --warn-bg, --bad-bg as the browser reports them.
const GREEN_BG = 'rgb(227, 244, 232)';
const AMBER_BG = 'rgb(253, 241, 214)';
const RED_BG = 'rgb(253, 231, 229)';

function appUrl(): string {
  const url = process.env.EVIDENCE_DESK_E2E_URL;
  if (!url)
    throw new Error('EVIDENCE_DESK_E2E_URL is not set: run through playwright.config.ts (global setup)');
  return url;
}

/** A copy of the package signed by someone else's key; nothing else changes, so only the signer is unknown. */
async function resignedCopy(packageDir: string, target: string): Promise<string> {
  fs.cpSync(packageDir, target, { recursive: true });
  return (await resignPackage(target)).fingerprint;
}

/** Screenshots at both window sizes, with `focus` scrolled into view; the viewport is restored after. */
async function screens(page: Page, name: string, focus: Locator): Promise<void> {
  const before = page.viewportSize();
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await focus.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SCREENS, `${name}-${size.width}x${size.height}.png`) });
  }
  if (before) await page.setViewportSize(before);
}

async function verifyInUi(page: Page, packagePath: string, expectKey = ''): Promise<Locator> {
  await page.getByTestId('nav-export').click();
  await page.getByTestId('verify-path').fill(packagePath);
  await page.getByTestId('verify-expect-key').fill(expectKey);
  await page.getByTestId('verify-button').click();
  const result = page.getByTestId('verify-result');
  await expect(result).toBeVisible({ timeout: 60_000 });
  return result;
}

test.describe.configure({ mode: 'serial' });

let workDir = '';
let packageDir = '';
let ownFingerprint = '';
let consoleErrors: string[] = [];

test.beforeAll(() => {
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'evidence-desk-e2e-trust-'));
  fs.mkdirSync(SCREENS, { recursive: true });
});
test.afterAll(() => {
  if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
});
test.beforeEach(async ({ page }) => {
  consoleErrors = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') consoleErrors.push(msg.text());
  });
  page.on('pageerror', (err) => consoleErrors.push(err.message));
  await page.goto(appUrl());
  await expect(page.getByTestId('mode-badge')).toContainText('Browser mode');
});

test.afterEach(() => {
  // A CSP violation or a React error would show up here (refused calls answer HTTP 200 with ok: false).
  expect(consoleErrors).toEqual([]);
});

/**
 * A real (non-demo) package signed with this workspace's key. The UI can only snapshot the demo, whose packages
 * are signed with the published demo key and never verify green (docs/package-format.md, "Demo packages"), so
 * the workspace-key package is written here, by the same package writer, with the workspace's key file.
 */
async function workspaceSignedPackage(): Promise<{ dir: string; fingerprint: string }> {
  const dataDir = process.env.EVIDENCE_DESK_E2E_DATA;
  if (!dataDir) throw new Error('EVIDENCE_DESK_E2E_DATA is not set: run through playwright.config.ts');
  const keyDir = path.join(dataDir, 'keys');
  const fx = makeExportFixture();
  try {
    const r = await writePackage(fx.db, makeModel(fx.db, fx.snapshotId), {
      outputDir: path.join(workDir, 'real'),
      keyDir,
    });
    return { dir: r.packageDir, fingerprint: loadOrCreateSigningKey(keyDir).fingerprint };
  } finally {
    fx.close();
  }
}

test('a demo package is amber "signer unknown" (demo key, never trusted); a workspace-signed one verifies green', async ({
  page,
}) => {
  // Its own demo snapshot, so the spec runs alone as well as after evidence-flow.
  await page.getByTestId('nav-connections').click();
  await page.getByTestId('connection-row-demo').click();
  await page.getByTestId('run-snapshot').click();
  await expect(page.getByTestId('run-result').getByTestId('snapshot-status')).toHaveText('complete', {
    timeout: 120_000,
  });

  await page.getByTestId('nav-export').click();
  await page.getByTestId('choose-folder').click();
  await page.getByTestId('export-folder').fill(path.join(workDir, 'exports'));
  await page.getByTestId('export-button').click();
  await expect(page.getByTestId('export-result')).toBeVisible({ timeout: 120_000 });
  const demoDir = (await page.getByTestId('export-package-dir').textContent()) ?? '';
  // The demo is signed with the published demo key, not this workspace's.
  await expect(page.getByTestId('export-fingerprint')).toHaveText(groupFingerprint(DEMO_KEY_FINGERPRINT_HEX));
  await expect(page.getByTestId('verify-path')).toHaveValue(demoDir);
  await page.getByTestId('verify-button').click();
  const demoResult = page.getByTestId('verify-result');
  await expect(demoResult).toHaveAttribute('data-outcome', 'unknown-signer', { timeout: 60_000 });
  await expect(demoResult).toHaveAttribute('data-ok', 'false');
  await expect(page.getByTestId('verify-verdict')).not.toContainText('VERIFIED');
  await expect(page.getByTestId('verify-verdict')).toHaveCSS('background-color', AMBER_BG);
  // The demo key is published: the result says so and offers no way to trust it.
  await expect(page.getByTestId('verify-verdict')).toContainText('DEMO - fictional estate');
  await expect(page.getByTestId('verify-trust-button')).toHaveCount(0);
  await expect(demoResult).not.toHaveAttribute('data-outcome', 'verified');

  const real = await workspaceSignedPackage();
  packageDir = real.dir;
  ownFingerprint = real.fingerprint;
  expect(ownFingerprint).toMatch(GROUPED_FINGERPRINT);
  const result = await verifyInUi(page, packageDir);
  await expect(result).toHaveAttribute('data-outcome', 'verified', { timeout: 60_000 });
  await expect(result).toHaveAttribute('data-ok', 'true');
  const verdict = page.getByTestId('verify-verdict');
  await expect(verdict).toContainText('VERIFIED - signed by trusted signer "This workspace"');
  await expect(verdict).toHaveCSS('background-color', GREEN_BG);
  await expect(result.locator('.fingerprint')).toHaveText(ownFingerprint);
  await expect(page.getByTestId('verify-unknown-signer')).toHaveCount(0);
  await screens(page, 'verify-verified', result);

  // Pinning this workspace's own key: verified "by the key you pinned".
  const pinned = await verifyInUi(page, packageDir, ownFingerprint.replace(/ /g, ':').toUpperCase());
  await expect(pinned).toHaveAttribute('data-outcome', 'verified');
  await expect(page.getByTestId('verify-verdict')).toContainText('VERIFIED - signed by the key you pinned');
});

test('a changed package is red "not verified" and names the changed file', async ({ page }) => {
  const changed = path.join(workDir, 'changed');
  fs.cpSync(packageDir, changed, { recursive: true });
  const findings = path.join(changed, 'evidence', 'findings.json');
  fs.writeFileSync(findings, fs.readFileSync(findings, 'utf8').replaceAll('"fail"', '"pass"'));

  const result = await verifyInUi(page, changed);
  await expect(result).toHaveAttribute('data-outcome', 'not-verified');
  await expect(result).toHaveAttribute('data-ok', 'false');
  const verdict = page.getByTestId('verify-verdict');
  await expect(verdict).toContainText('NOT VERIFIED');
  await expect(verdict).toHaveCSS('background-color', RED_BG);
  await expect(page.getByTestId('verify-changed')).toContainText('evidence/findings.json');
  await expect(page.getByTestId('verify-trust-button')).toHaveCount(0);
  await screens(page, 'verify-not-verified', result);
});

test('Settings: workspace key, add a trusted signer by public key, withdraw it, verify the audit log', async ({
  page,
}) => {
  await page.getByTestId('nav-settings').click();
  await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();
  await expect(page.getByTestId('own-fingerprint')).toHaveText(ownFingerprint);
  // Browser mode's Permissions-Policy denies the Clipboard API, so there is no Copy button: the public key is
  // shown read-only instead, and it is exactly the key of that fingerprint.
  await expect(page.getByTestId('copy-public-key')).toHaveCount(0);
  const pem = page.getByTestId('own-public-key');
  await expect(pem).not.toBeEditable();
  const shownKey = crypto.createPublicKey(await pem.inputValue());
  expect(groupFingerprint(publicKeyFingerprintHex(shownKey))).toBe(ownFingerprint);

  const rows = page.getByTestId('signer-row');
  const own = rows.filter({ hasText: 'This workspace' });
  await expect(own).toHaveCount(1);
  await expect(own).toHaveAttribute('data-status', 'trusted');
  await expect(own.locator('.fingerprint')).toHaveText(ownFingerprint);
  await expect(own).toContainText('workspace key');

  // A private key pasted by mistake is refused, and the core's reason shows in the error banner.
  const { privateKey } = crypto.generateKeyPairSync('ed25519');
  await page.getByTestId('signer-name').fill('Pasted the wrong file');
  await page.getByTestId('signer-key').fill(privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
  await page.getByTestId('signer-add').click();
  await expect(page.getByTestId('error-banner')).toContainText('Could not add the trusted signer');
  await expect(page.getByTestId('error-message')).toContainText('PRIVATE key');
  await expect(rows.filter({ hasText: 'Pasted the wrong file' })).toHaveCount(0);
  await page
    .getByTestId('error-banner')
    .getByRole('button', { name: /Dismiss/ })
    .click();
  await expect(page.getByTestId('error-banner')).toHaveCount(0);

  const colleague = freshSignerKey();
  await page.getByTestId('signer-name').fill('E2E Second Analyst');
  await page.getByTestId('signer-key').fill(colleague.publicKeyPem);
  await page.getByTestId('signer-add').click();
  await expect(page.getByTestId('signer-added')).toContainText('E2E Second Analyst');
  await expect(page.getByTestId('signer-key')).toHaveValue('');
  const added = rows.filter({ hasText: 'E2E Second Analyst' });
  await expect(added).toHaveCount(1);
  await expect(added).toHaveAttribute('data-status', 'trusted');
  await expect(added.locator('.fingerprint')).toHaveText(colleague.fingerprint);
  await expect(added).toContainText('browser');
  await expect(added.getByTestId('signer-row-status')).toHaveText('Trusted');

  await added.getByTestId('signer-withdraw').click();
  await expect(added).toContainText('Its packages will show as signer unknown.');
  await added.getByTestId('signer-withdraw-confirm').click();
  await expect(added).toHaveAttribute('data-status', 'withdrawn');
  await expect(added.getByTestId('signer-row-status')).toContainText('Withdrawn');
  await expect(added).toHaveClass(/is-withdrawn/);
  await expect(added.getByTestId('signer-withdraw')).toHaveCount(0);
  // Withdrawing one signer leaves the others alone.
  await expect(own).toHaveAttribute('data-status', 'trusted');

  await page.getByTestId('audit-verify').click();
  const audit = page.getByTestId('audit-result');
  await expect(audit).toHaveAttribute('data-ok', 'true');
  await expect(page.getByTestId('audit-verdict')).toContainText('INTACT');
  await expect(page.getByTestId('audit-verdict')).toHaveCSS('background-color', GREEN_BG);
  expect(Number((await page.getByTestId('audit-entries').textContent())?.replace(/,/g, ''))).toBeGreaterThan(
    0,
  );
  // The export above signed a checkpoint, so there is at least one and it names an entry and a time.
  expect(Number(await page.getByTestId('audit-checkpoints').textContent())).toBeGreaterThan(0);
  await expect(page.getByTestId('audit-latest')).toHaveText(
    /^entry \d+, signed \d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ$/,
  );
  // keys.trust and keys.withdraw were logged after that checkpoint: intact, not yet anchored.
  const uncovered = /^\d+/.exec((await page.getByTestId('audit-uncovered').textContent()) ?? '');
  expect(Number(uncovered?.[0])).toBeGreaterThanOrEqual(2);

  for (const size of SIZES) {
    await page.setViewportSize(size);
    // Nothing in Settings needs a sideways scroll, down to 1024 px wide.
    const overflow = await page.locator('#content').evaluate((el) => el.scrollWidth - el.clientWidth);
    expect(overflow, `horizontal overflow at ${size.width}px`).toBeLessThanOrEqual(0);
    const table = page.getByTestId('signers-table');
    expect(
      await table.evaluate((el) => el.parentElement!.scrollWidth - el.parentElement!.clientWidth),
      `signers table overflow at ${size.width}px`,
    ).toBeLessThanOrEqual(0);
  }
  await screens(page, 'settings-top', page.getByRole('heading', { name: 'Settings', level: 1 }));
  await screens(page, 'settings-audit', audit);
});

test('a package re-signed by another key is amber "signer unknown" until the analyst trusts that key', async ({
  page,
}) => {
  const other = path.join(workDir, 'resigned');
  const otherFingerprint = await resignedCopy(packageDir, other);
  expect(otherFingerprint).not.toBe(ownFingerprint);

  const result = await verifyInUi(page, other);
  await expect(result).toHaveAttribute('data-outcome', 'unknown-signer');
  await expect(result).toHaveAttribute('data-ok', 'false');
  const verdict = page.getByTestId('verify-verdict');
  await expect(verdict).toContainText('SIGNER UNKNOWN');
  await expect(verdict).toContainText('Intact, but signed by a key this workspace does not trust');
  await expect(verdict).not.toContainText('VERIFIED');
  await expect(verdict).toHaveCSS('background-color', AMBER_BG);
  const shown = page.getByTestId('verify-signer-fingerprint');
  await expect(shown).toHaveText(otherFingerprint);
  // Large enough to read aloud, and wrapped as two lines of eight groups, not one long run.
  const box = await shown.boundingBox();
  const style = await shown.evaluate((el) => {
    const s = el.ownerDocument.defaultView!.getComputedStyle(el);
    return { lineHeight: parseFloat(s.lineHeight), fontSize: parseFloat(s.fontSize) };
  });
  expect(Math.round(box!.height / style.lineHeight)).toBe(2);
  expect(style.fontSize).toBeGreaterThanOrEqual(16);
  await expect(page.getByTestId('verify-unknown-signer')).toContainText(
    'Compare it with the one the analyst gave you',
  );
  // No green anywhere in an unknown-signer result, not even the "valid" signature.
  const greens = await result.evaluate(
    (el, green) =>
      [el, ...el.querySelectorAll('*')].filter((e) => {
        const s = el.ownerDocument.defaultView!.getComputedStyle(e);
        return s.backgroundColor === green || s.color === 'rgb(30, 125, 58)';
      }).length,
    GREEN_BG,
  );
  expect(greens).toBe(0);
  await screens(page, 'verify-unknown-signer', result);

  // Pinning this workspace's key instead turns the same package into "not verified".
  const pinned = await verifyInUi(page, other, ownFingerprint);
  await expect(pinned).toHaveAttribute('data-outcome', 'not-verified');
  await expect(page.getByTestId('verify-problems')).toContainText(
    `not by the expected key ${ownFingerprint}`,
  );

  await verifyInUi(page, other);
  await expect(result).toHaveAttribute('data-outcome', 'unknown-signer');
  await page.getByTestId('verify-trust-button').click();
  await page.getByTestId('verify-trust-name').fill('E2E Colleague');
  await screens(page, 'verify-trust-form', result);
  await page.getByTestId('verify-trust-confirm').click();
  await expect(result).toHaveAttribute('data-outcome', 'verified', { timeout: 60_000 });
  await expect(page.getByTestId('verify-verdict')).toContainText(
    'VERIFIED - signed by trusted signer "E2E Colleague"',
  );
  await expect(page.getByTestId('verify-path')).toHaveValue(other);
  await screens(page, 'verify-after-trust', result);

  await page.getByTestId('nav-settings').click();
  const row = page.getByTestId('signer-row').filter({ hasText: 'E2E Colleague' });
  await expect(row).toHaveAttribute('data-status', 'trusted');
  await expect(row.locator('.fingerprint')).toHaveText(otherFingerprint);
  await screens(page, 'settings-signers', page.getByTestId('signers-table'));

  await expect(page.getByTestId('error-banner')).toHaveCount(0);
});
