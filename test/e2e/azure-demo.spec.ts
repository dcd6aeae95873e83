// A newcomer with no Azure credentials: pick the demo Azure tenants in Connections, see their subscriptions, run
// it, follow the progress per subscription, then find one snapshot per subscription grouped under the Azure run
// in Snapshots and the Azure checks' findings of the production subscription. Browser mode against the real
// core (test/e2e/global-setup.ts); screenshots land in test-results/e2e/.
import { expect, test, type Page, type TestInfo } from '@playwright/test';

const PROD = '3f9a2c71-8e4b-4d06-b5a2-6c1d9e0f7a34';
const DEV = 'b8e4d0c2-19a7-4f3e-8c65-2d7f1a9b3e58';

function appUrl(): string {
  const url = process.env.EVIDENCE_DESK_E2E_URL;
  if (!url)
    throw new Error('EVIDENCE_DESK_E2E_URL is not set: run through playwright.config.ts (global setup)');
  return url;
}

async function shot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  await page.screenshot({ path: testInfo.outputPath(`${name}.png`), fullPage: false });
}

test('run the demo Azure tenant from the UI and read its findings', async ({ page }, testInfo) => {
  const pageErrors: string[] = [];
  page.on('pageerror', (err) => pageErrors.push(err.message));
  await page.goto(appUrl());
  await expect(page.getByTestId('mode-badge')).toContainText('Browser mode');

  // Connections: the demo tenants are offered with their three subscriptions.
  await page.getByTestId('nav-connections').click();
  const row = page.getByTestId('connection-row-demo-azure');
  await expect(row).toBeVisible();
  await expect(row).toContainText('Northwind Health (demo Azure tenants)');
  await expect(page.getByTestId('connection-subscriptions-demo-azure')).toHaveText(
    'Northwind Health Production, Northwind Health Development, Northwind Research Sandbox',
  );
  await row.click();

  // The AWS-only options give way to the subscription picker; ticking nothing cannot run.
  const picker = page.getByTestId('subscription-picker');
  await expect(picker).toBeVisible();
  await expect(page.getByTestId('organization-option')).toHaveCount(0);
  await expect(page.getByTestId('subscriptions-all')).toBeChecked();
  // Two tenants: the picker says which subscription is in which.
  const tenants = page.getByTestId('subscription-tenant');
  await expect(tenants).toHaveCount(2);
  await expect(tenants.nth(0)).toContainText('Tenant Northwind Health 7d1e6b2a-4c3f-4e8d-9a51-0b6c2f9e4d17');
  await expect(tenants.nth(1)).toContainText('Northwind Research Sandbox');
  await page.getByTestId('subscriptions-chosen').check();
  await expect(page.getByTestId('run-snapshot')).toBeDisabled();
  await page.getByTestId(`subscription-${PROD}`).check();
  await page.getByTestId(`subscription-${DEV}`).check();
  await expect(page.getByTestId('run-snapshot')).toBeEnabled();
  await shot(page, testInfo, 'azure-01-connections');

  await page.getByTestId('run-snapshot').click();
  await expect(page.getByTestId('run-panel')).toContainText('Azure run');
  await expect(page.getByTestId('run-result')).toBeVisible({ timeout: 120_000 });
  await expect(page.getByTestId('run-result')).toContainText(
    'Azure run complete: 2 of 2 subscriptions collected',
  );
  await expect(page.getByTestId('run-result').getByTestId('snapshot-status')).toHaveText('complete');
  // Progress was followed per subscription.
  await expect(page.getByTestId('run-account')).toHaveCount(2);
  await expect(page.getByTestId('run-accounts')).toContainText('Northwind Health Production');
  await shot(page, testInfo, 'azure-02-run-done');

  // Snapshots: one per subscription, grouped under the Azure run, provider shown.
  await page.getByTestId('nav-snapshots').click();
  const group = page.getByTestId('run-group-row').filter({ hasText: 'Azure run' }).first();
  await expect(group).toContainText('2 subscription snapshots');
  await expect(group).toContainText('tenant 7d1e6b2a-4c3f-4e8d-9a51-0b6c2f9e4d17');
  await expect(page.getByTestId('run-summary').filter({ hasText: 'Azure tenant' }).first()).toBeVisible();
  const prodRow = page.getByTestId('snapshot-row').filter({ hasText: 'Northwind Health Production' }).first();
  await expect(prodRow.getByTestId('snapshot-provider')).toHaveText('azure');
  await expect(prodRow).toContainText(PROD);
  await prodRow.click();
  await expect(page.getByTestId('snapshot-detail')).toContainText('Subscription');
  await expect(page.getByTestId('snapshot-hash')).toHaveText(/^[0-9a-f]{64}$/);
  await shot(page, testInfo, 'azure-03-snapshots');

  // Findings of the production subscription: Azure checks, failures among them.
  await page.getByTestId('nav-findings').click();
  const rows = page.getByTestId('finding-row');
  await expect(rows.first()).toBeVisible();
  await page.getByTestId('filter-status').selectOption('fail');
  await expect(rows.first()).toBeVisible();
  await page.getByTestId('findings-search').fill('nwhpublicweb');
  await expect(rows.first()).toContainText('nwhpublicweb');
  await rows.first().click();
  await expect(page.getByTestId('finding-detail')).toBeVisible();
  await expect(page.getByTestId('finding-reason')).not.toBeEmpty();
  await shot(page, testInfo, 'azure-04-findings');
  expect(pageErrors).toEqual([]);
});
