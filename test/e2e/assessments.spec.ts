// The analyst's assessment path in browser mode against the real core, at a 1024 px wide window: snapshot the
// demo, add two people, create an assessment, request an exception and approve it as the other person,
// attach a file to a manual request, sign off as preparer then reviewer (with her passphrase), take a new
// snapshot and see the sign-off go stale. Then the newcomer's one-click demo assessment. Screenshots of the
// assessment home and a control detail go to test/e2e/artifacts/ for the closing note.
import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';

// Playwright runs from the repository root (playwright.config.ts).
const ARTIFACTS = path.join(process.cwd(), 'test', 'e2e', 'artifacts');
const WIDTH = 1024;

function appUrl(): string {
  const url = process.env.EVIDENCE_DESK_E2E_URL;
  if (!url)
    throw new Error('EVIDENCE_DESK_E2E_URL is not set: run through playwright.config.ts (global setup)');
  return url;
}

/**
 * The whole view at 1024 px: the window grows to the content's height for the shot (the content pane scrolls
 * by itself, so a full-page screenshot would show only the first screen), then returns to its size.
 */
async function artifact(page: Page, name: string): Promise<void> {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const size = page.viewportSize() ?? { width: WIDTH, height: 800 };
  await page.locator('.content').evaluate((el) => el.scrollTo(0, 0));
  const extra = await page.locator('.content').evaluate((el) => el.scrollHeight - el.clientHeight);
  await page.setViewportSize({ width: size.width, height: Math.min(size.height + extra, 6000) });
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`) });
  await page.setViewportSize(size);
}

/** Nothing sticks out sideways at 1024 px: the page itself never scrolls horizontally. */
async function expectNoSidewaysScroll(page: Page): Promise<void> {
  // Element callbacks, not document/window: this file is type-checked without the DOM library.
  const overflow = {
    page: await page.locator('html').evaluate((el) => el.scrollWidth - el.clientWidth),
    content: await page.locator('.content').evaluate((el) => el.scrollWidth - el.clientWidth),
  };
  expect(overflow).toEqual({ page: 0, content: 0 });
}

async function takeDemoSnapshot(page: Page): Promise<void> {
  await page.getByTestId('nav-connections').click();
  await page.getByTestId('connection-row-demo').click();
  await page.getByTestId('run-snapshot').click();
  await expect(page.getByTestId('run-result')).toBeVisible({ timeout: 120_000 });
  await expect(page.getByTestId('run-result').getByTestId('snapshot-status')).toHaveText('complete');
}

async function actAs(page: Page, name: string): Promise<void> {
  const select = page.getByTestId('actor-select');
  const value = await select.locator('option', { hasText: name }).getAttribute('value');
  await select.selectOption(value ?? '');
}

function isoDay(daysFromNow: number): string {
  return new Date(Date.now() + daysFromNow * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
}

test.describe.configure({ mode: 'serial' });
test.use({ viewport: { width: WIDTH, height: 800 } });

// Unique per run: the e2e workspace is shared by every spec of the run.
const run = Date.now().toString(36);
const PREPARER = `Pat Preparer ${run}`;
const REVIEWER = `Riya Reviewer ${run}`;
const PASSPHRASE = 'riya-signs-with-this';

test('create an assessment, except a finding, attach evidence, sign off, and see it go stale', async ({
  page,
}) => {
  const consoleErrors: string[] = [];
  page.on('pageerror', (err) => consoleErrors.push(err.message));
  await page.goto(appUrl());

  // The UI opens on the assessments list.
  await expect(page.getByTestId('nav-assessments')).toHaveAttribute('aria-current', 'page');
  await expect(page.getByRole('heading', { name: 'Assessments' })).toBeVisible();

  await takeDemoSnapshot(page);

  // Settings: two people; the reviewer's key has a passphrase.
  await page.getByTestId('nav-settings').click();
  for (const [name, email, pass] of [
    [PREPARER, `pat.${run}@example.com`, ''],
    [REVIEWER, `riya.${run}@example.com`, PASSPHRASE],
  ]) {
    await page.getByTestId('person-name').fill(name);
    await page.getByTestId('person-email').fill(email);
    await page.getByTestId('person-passphrase').fill(pass);
    await page.getByTestId('person-add').click();
    await expect(page.getByTestId('person-added')).toContainText(name);
  }
  await expect(
    page.getByTestId('person-row').filter({ hasText: REVIEWER }).getByText('required to sign'),
  ).toBeVisible();
  // The least-privilege policy a denied call's gap message points to is here.
  await expect(page.getByTestId('policy-aws')).toHaveValue(/"Version": "2012-10-17"/);

  // Create the assessment on the demo snapshot.
  await page.getByTestId('nav-assessments').click();
  await actAs(page, PREPARER);
  await page.getByTestId('assessment-new').click();
  await page.getByTestId('assessment-name').fill(`SOC 2 readiness ${run}`);
  await expect(page.getByTestId('assessment-framework-soc2-2017')).toBeChecked();
  await page.getByTestId('scope-connection-demo').check();
  await page.getByTestId('assessment-role-preparer').selectOption({ label: PREPARER });
  await page.getByTestId('assessment-role-reviewer').selectOption({ label: REVIEWER });
  await expect(page.getByTestId('attach-snapshot').first()).toBeChecked();
  await page.getByTestId('assessment-create').click();

  const home = page.getByTestId('assessment-home');
  await expect(home).toBeVisible();
  await expect(page.getByTestId('assessment-title')).toHaveText(`SOC 2 readiness ${run}`);
  await expect(page.getByTestId('assessment-status')).toHaveText('in-progress');
  await expect(page.getByTestId('assessment-snapshot')).toHaveCount(1);
  await expect(
    page.getByTestId('assessment-controls').getByTestId('assessment-control-row').first(),
  ).toBeVisible();
  await expect(page.getByTestId('next-action-evidence')).toContainText(/controls? awaits? evidence/);
  await expectNoSidewaysScroll(page);
  await artifact(page, 'assessment-home');

  // A deficient control: request an exception on one failing finding as the preparer...
  await page.getByTestId('controls-filter').selectOption('deficient');
  await page.getByTestId('open-control').first().click();
  const detail = page.getByTestId('control-detail');
  await expect(detail).toBeVisible();
  await expect(page.getByTestId('control-requirement')).not.toBeEmpty();
  await expect(page.getByTestId('control-conclusion')).toContainText(/point-in-time/i);
  await page.getByTestId('finding-request-exception').first().click();
  const form = page.getByTestId('exception-form');
  await expect(page.getByTestId('exception-max')).toContainText(/at most \d+ days/);
  await page.getByTestId('exception-justification').fill('Too short');
  await expect(page.getByTestId('exception-request')).toBeDisabled();
  await page
    .getByTestId('exception-justification')
    .fill('The bucket is being retired this quarter; moving it now costs more than the risk.');
  await page.getByTestId('exception-compensating').fill('Weekly access review by the platform team.');
  await page.getByTestId('exception-owner').selectOption({ label: REVIEWER });
  await page.getByTestId('exception-expiry').fill(isoDay(10));
  await page.getByTestId('exception-request').click();
  await expect(form).toBeHidden();
  const exceptionRow = page.getByTestId('control-exceptions').getByTestId('exception-row').first();
  await expect(exceptionRow).toHaveAttribute('data-status', 'pending');
  // ...the requester cannot approve it...
  await expect(exceptionRow.getByTestId('exception-approve')).toHaveCount(0);
  // ...the reviewer approves it.
  await actAs(page, REVIEWER);
  await exceptionRow.getByTestId('exception-approve').click();
  await exceptionRow.getByTestId('exception-note').fill('Accepted until the retirement.');
  await exceptionRow.getByTestId('exception-confirm').click();
  await expect(exceptionRow).toHaveAttribute('data-status', 'approved');
  await expect(exceptionRow.getByTestId('exception-status')).toHaveText('approved');
  await expect(detail.getByTestId('control-finding-row').first()).toBeVisible();
  await expectNoSidewaysScroll(page);
  await artifact(page, 'control-detail');
  await page.getByTestId('control-back').click();

  // A control awaiting evidence: attach a small file to its first request as the preparer.
  await actAs(page, PREPARER);
  await page.getByTestId('controls-filter').selectOption('awaiting-evidence');
  await page.getByTestId('open-control').first().click();
  const requests = page.getByTestId('manual-requests');
  await expect(requests).toBeVisible();
  const firstRequest = requests.locator('[data-testid^="request-"]').first();
  await firstRequest.locator('[data-testid^="attach-open-"]').click();
  await firstRequest.getByTestId('attach-file').setInputFiles({
    name: 'access-review.txt',
    mimeType: 'text/plain',
    buffer: Buffer.from('Quarterly access review: 14 users reviewed, 2 removed.\n'),
  });
  await firstRequest.getByTestId('attach-description').fill('Q3 access review sign-off sheet');
  await firstRequest.getByTestId('attach-submit').click();
  await expect(firstRequest.getByTestId('attachment-row')).toHaveCount(1);
  await expect(firstRequest.getByTestId('attachment-row')).toContainText('access-review.txt');
  await expect(firstRequest).toHaveAttribute('data-answered', 'true');

  // Sign-offs: the preparer, then the reviewer with her passphrase.
  const signoffs = page.getByTestId('control-signoffs');
  await signoffs.getByTestId('signoff-sign').click();
  await expect(signoffs.getByTestId('signoff-row')).toHaveCount(1);
  await expect(signoffs.getByTestId('signoff-next')).toContainText('reviewer');
  await actAs(page, REVIEWER);
  await expect(signoffs.getByTestId('signoff-sign')).toBeDisabled();
  await signoffs.getByTestId('signoff-passphrase').fill(PASSPHRASE);
  await signoffs.getByTestId('signoff-sign').click();
  await expect(signoffs.getByTestId('signoff-row')).toHaveCount(2);
  await expect(signoffs.getByTestId('signoff-complete')).toBeVisible();
  await expect(signoffs.locator('[data-stale="true"]')).toHaveCount(0);
  const controlId = await page.locator('#control-heading .mono').textContent();
  await expectNoSidewaysScroll(page);
  await artifact(page, 'control-signed-off');

  // A new snapshot, attached: the evidence changed, so both sign-offs are stale.
  await takeDemoSnapshot(page);
  await page.getByTestId('nav-assessments').click();
  await page
    .getByTestId('assessment-row')
    .filter({ hasText: `SOC 2 readiness ${run}` })
    .getByRole('button')
    .click();
  await page.getByTestId('attach-snapshot-submit').click();
  await expect(page.getByTestId('assessment-snapshot')).toHaveCount(2);
  await expect(page.locator('[data-testid="assessment-snapshot"][data-current="true"]')).toHaveCount(1);
  await expect(page.getByTestId('next-action-stale')).toContainText('2 sign-offs stale');
  await page
    .getByTestId('assessment-control-row')
    .filter({ has: page.getByRole('button', { name: controlId ?? '', exact: true }) })
    .getByTestId('open-control')
    .click();
  await expect(signoffs.locator('[data-stale="true"]')).toHaveCount(2);
  await expect(signoffs.getByTestId('signoff-state').first()).toHaveText('stale');
  await expect(signoffs.getByTestId('signoff-next')).toContainText('preparer');

  expect(consoleErrors).toEqual([]);
});

test('the newcomer demo assessment shows every status', async ({ page }) => {
  await page.goto(appUrl());
  await page.getByTestId('nav-assessments').click();
  await page.getByTestId('assessment-try-demo').click();
  await expect(page.getByTestId('demo-notice')).toBeVisible();
  await expect(page.getByTestId('demo-chip').first()).toBeVisible();
  const statuses = page.getByTestId('assessment-home').getByTestId('exception-row');
  await expect(statuses.first()).toBeVisible();
  const seen = await statuses.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-status')));
  expect(seen).toEqual(expect.arrayContaining(['approved', 'expired']));
  // The demo preparer's sign-off shows on its control: fresh, or stale when another spec sharing this
  // workspace (assessment-package.spec.ts) has since attached newer snapshots to the demo assessment.
  await expect(page.getByTestId('control-signoff-state').first()).toHaveText(/preparer|stale/);
  await expectNoSidewaysScroll(page);
});
