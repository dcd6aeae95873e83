// The findings view at scale, in Chromium against the real core in browser mode: a 100k-resource snapshot
// (several findings per resource) written straight into the test workspace, then opened, scrolled deep, filtered, searched and
// sorted. The time to the first painted row is printed (not asserted: the 2 cores are shared); what is asserted
// is that paging, sorting and filtering in the core give the rows the analyst asked for.
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { expect, test } from '@playwright/test';
import { openDatabase } from '../../main/store/db';
import { seedSyntheticSnapshot } from '../../scripts/bench/synthetic-snapshot';

const UNITS = Number(process.env.E2E_FINDINGS_UNITS ?? 50_000);
/** How many findings the built-in checks give the seeded snapshot (several per unit), counted after seeding. */
let FINDINGS = 0;
/** Findings about the last volume (its encryption, its region...): what a search for it must find. */
let LAST_VOLUME_FINDINGS = 0;

function appUrl(): string {
  const url = process.env.EVIDENCE_DESK_E2E_URL;
  if (!url)
    throw new Error('EVIDENCE_DESK_E2E_URL is not set: run through playwright.config.ts (global setup)');
  return url;
}

let snapshotId = '';

test.beforeAll(() => {
  const dataDir = process.env.EVIDENCE_DESK_E2E_DATA;
  if (!dataDir) throw new Error('EVIDENCE_DESK_E2E_DATA is not set: run through playwright.config.ts');
  // A second connection to the workspace the core has open, as the CLI would use (WAL allows it).
  const db = openDatabase(path.join(dataDir, 'workspace.sqlite'));
  try {
    const t0 = performance.now();
    snapshotId = seedSyntheticSnapshot(db, UNITS, `findings-scale-${Date.now()}`);
    FINDINGS = (
      db.prepare('SELECT count(*) AS n FROM findings WHERE snapshot_id = ?').get(snapshotId) as { n: number }
    ).n;
    expect(FINDINGS).toBeGreaterThanOrEqual(UNITS * 3);
    LAST_VOLUME_FINDINGS = (
      db
        .prepare(`SELECT count(*) AS n FROM findings WHERE snapshot_id = ? AND resource_uid LIKE ?`)
        .get(snapshotId, `%vol-${UNITS - 1}`) as { n: number }
    ).n;
    expect(LAST_VOLUME_FINDINGS).toBeGreaterThan(0);
    console.log(`findings-scale: seeded ${UNITS * 2} resources in ${(performance.now() - t0).toFixed(0)} ms`);
  } finally {
    db.close();
  }
});

test("a 100k-resource snapshot's findings open, scroll, filter and sort in the core", async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto(appUrl());
  await page.getByTestId('snapshot-picker').selectOption(snapshotId);

  const rows = page.getByTestId('finding-row');
  const count = page.getByTestId('findings-count');
  const t0 = performance.now();
  await page.getByTestId('nav-findings').click();
  await expect(rows.first()).toBeVisible();
  console.log(
    `findings-scale: first paint of ${FINDINGS} findings: ${(performance.now() - t0).toFixed(0)} ms`,
  );
  const total = FINDINGS.toLocaleString('en-US');
  await expect(count).toHaveText(`${total} of ${total} shown`);
  await expect(page.getByTestId('findings-summary')).toContainText(`${total} findings`);
  // Opens on failures first, the most severe first.
  await expect(rows.first().getByTestId('finding-status')).toHaveText('fail');

  // Deep scroll: the rows 90% down arrive as pages from the core.
  const body = page.locator('.grid__body');
  await body.evaluate((el) => {
    el.scrollTop = el.scrollHeight * 0.9;
  });
  await expect
    .poll(async () => Number(await rows.first().getAttribute('aria-rowindex')))
    .toBeGreaterThan(FINDINGS * 0.85);
  await expect(page.getByTestId('finding-row-pending')).toHaveCount(0);
  // The tail of the default order is what passed.
  expect(new Set(await rows.getByTestId('finding-status').allTextContents())).toEqual(new Set(['pass']));

  // A filter goes back to the top and counts in the core.
  await page.getByTestId('filter-status').selectOption('fail');
  await expect(count).not.toHaveText(new RegExp(`^${total} of`));
  const failing = Number(
    (/^([\d,]+) of/.exec((await count.textContent()) ?? '')?.[1] ?? '').replace(/,/g, ''),
  );
  expect(failing).toBeGreaterThan(0);
  expect(failing).toBeLessThan(FINDINGS);
  expect(new Set(await rows.getByTestId('finding-status').allTextContents())).toEqual(new Set(['fail']));

  // Search by resource name: literal, server side.
  await page.getByTestId('filter-status').selectOption('');
  // The last volume: no longer name contains it, so exactly one finding (its encryption check) matches.
  const lastVolume = `vol-${UNITS - 1}`;
  await page.getByTestId('findings-search').fill(lastVolume);
  await expect(count).toHaveText(`${LAST_VOLUME_FINDINGS} of ${total} shown`);
  await expect(rows).toHaveCount(LAST_VOLUME_FINDINGS);
  await expect(rows.first()).toContainText(lastVolume);

  // Nothing matches: the empty state says so and offers the way back.
  await page.getByTestId('findings-search').fill('no-such-resource');
  await expect(page.getByTestId('findings-none')).toContainText('No findings match these filters.');
  await page.getByRole('button', { name: 'Clear filters' }).last().click();
  await expect(count).toHaveText(`${total} of ${total} shown`);

  // Sort by resource name (a row-level sort over every row).
  await page.getByTestId('sort-resource').click();
  const resourceHeader = page.locator('[role=columnheader]', { has: page.getByTestId('sort-resource') });
  await expect(resourceHeader).toHaveAttribute('aria-sort', 'ascending');
  await expect(page.getByTestId('findings-table')).toHaveAttribute('data-loading', 'false');
  await expect(page.getByTestId('finding-row-pending')).toHaveCount(0);
  const visible = await rows.evaluateAll((els) =>
    els.map((el) => el.querySelector('.grid__cell--resource .truncate')?.textContent ?? ''),
  );
  expect(visible.length).toBeGreaterThan(5);
  expect(visible).toEqual([...visible].sort());

  // The detail pane opens on the row clicked, and a newly selected finding opens at its top.
  await rows.nth(2).click();
  const detail = page.getByTestId('finding-detail');
  await expect(detail).toContainText(visible[2]);
  const scrolled = await detail.evaluate((el) => {
    el.scrollTop = 300;
    return el.scrollTop;
  });
  expect(scrolled, 'the detail pane should be taller than the window here').toBeGreaterThan(0);
  await rows.nth(3).click();
  await expect(detail).toContainText(visible[3]);
  await expect.poll(() => detail.evaluate((el) => el.scrollTop)).toBe(0);
});
