// The fixes of the auditor's UI walkthrough, in Chromium against the real core in browser mode: findings open
// on failures first and show their cloud, the detail pane opens at its top, an empty filter says so, counts
// agree with their nouns, tables fit a 1024 px window, only complete snapshots can be current (with their
// scope shown), controls show the clouds of their findings, and a reload mid-snapshot shows its progress.
import { expect, test, type APIRequestContext, type Page, type TestInfo } from '@playwright/test';
import type { ControlResult, SnapshotSummary } from '../../shared/domain';
import { plural } from '../../renderer/src/lib/format';
import { startSlowCore, type SlowCore } from './ui-walkthrough-core';

const STATUS_RANK: Record<string, number> = { fail: 3, error: 2, pass: 1, 'n/a': 0 };
const SEVERITY_RANK: Record<string, number> = { critical: 4, high: 3, medium: 2, low: 1, info: 0 };

type Core = { url: string; origin: string; token: string };

function sharedCore(): Core {
  const url = process.env.EVIDENCE_DESK_E2E_URL;
  if (!url)
    throw new Error('EVIDENCE_DESK_E2E_URL is not set: run through playwright.config.ts (global setup)');
  const parsed = new URL(url);
  return { url, origin: parsed.origin, token: /token=([^&]+)/.exec(parsed.hash)?.[1] ?? '' };
}

async function callApi<T>(request: APIRequestContext, core: Core, name: string, body: unknown): Promise<T> {
  const res = await request.post(`${core.origin}/api/${name}`, {
    data: body,
    headers: { Authorization: `Bearer ${core.token}` },
  });
  const json = (await res.json()) as { ok: boolean; value?: T; error?: { message: string } };
  if (!json.ok) throw new Error(`${name}: ${json.error?.message}`);
  return json.value as T;
}

async function waitForStatus(
  request: APIRequestContext,
  core: Core,
  snapshotId: string,
  status: SnapshotSummary['status'],
): Promise<SnapshotSummary> {
  await expect
    .poll(
      async () =>
        (await callApi<{ snapshot: SnapshotSummary }>(request, core, 'snapshots.get', { snapshotId }))
          .snapshot.status,
      { timeout: 150_000 },
    )
    .toBe(status);
  return (await callApi<{ snapshot: SnapshotSummary }>(request, core, 'snapshots.get', { snapshotId }))
    .snapshot;
}

/** Every element matching `selector` whose content is wider than its box: text running into its neighbour. */
async function overflowing(page: Page, selector: string): Promise<string[]> {
  return page.locator(selector).evaluateAll((elements) =>
    elements.flatMap((el) => {
      // Cut on purpose: an ellipsis, with the whole value in its tooltip.
      const style = el.ownerDocument.defaultView?.getComputedStyle(el);
      if (style?.textOverflow === 'ellipsis' && style.overflowX === 'hidden' && el.getAttribute('title'))
        return [];
      if (el.scrollWidth <= el.clientWidth + 1) return [];
      const text = (el.textContent ?? '').trim().slice(0, 60);
      return [
        `${el.tagName.toLowerCase()}.${el.getAttribute('class')} "${text}" ${el.scrollWidth} > ${el.clientWidth}`,
      ];
    }),
  );
}

async function shot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  await page.screenshot({ path: testInfo.outputPath(`${name}.png`), fullPage: false });
}

// In order on one worker (global config); a failure does not skip the rest: each test stands alone.
test.describe.configure({ mode: 'default' });

test.describe('with a complete demo snapshot', () => {
  // Read when the tests run: the shared core's URL exists only after global setup.
  let core: Core;
  let snapshot: SnapshotSummary;

  test.beforeAll(async ({ request }) => {
    core = sharedCore();
    const { snapshotId } = await callApi<{ snapshotId: string }>(request, core, 'snapshots.start', {
      connectionId: 'demo',
    });
    snapshot = await waitForStatus(request, core, snapshotId, 'complete');
  });

  async function openFindings(page: Page): Promise<void> {
    await page.goto(core.url);
    await page.getByTestId('snapshot-picker').selectOption(snapshot.id);
    await page.getByTestId('nav-findings').click();
    await expect(page.getByTestId('finding-row').first()).toBeVisible();
  }

  test('findings open on failures first, then the most severe, each with its cloud', async ({ page }) => {
    await openFindings(page);
    const header = (id: string) =>
      page.locator('[role=columnheader]', { has: page.getByTestId(`sort-${id}`) });
    await expect(header('status')).toHaveAttribute('aria-sort', 'descending');
    // Severity is the second key: its arrow carries rank 2.
    await expect(page.getByTestId('sort-severity').locator('sub')).toHaveText('2');

    const rows = page.getByTestId('finding-row');
    const statuses = await rows.getByTestId('finding-status').allTextContents();
    const severities = await rows.getByTestId('severity').allTextContents();
    expect(statuses.length).toBeGreaterThan(5);
    expect(statuses[0]).toBe('fail');
    const keys = statuses.map((s, i) => STATUS_RANK[s] * 10 + SEVERITY_RANK[severities[i]]);
    expect(keys).toEqual([...keys].sort((a, b) => b - a));

    const clouds = await rows.getByTestId('provider').allTextContents();
    expect(clouds.length).toBe(statuses.length);
    expect(new Set(clouds)).toEqual(new Set(['AWS']));
    await rows.first().click();
    await expect(page.getByTestId('finding-provider')).toHaveText('AWS');
    await expect(page.getByTestId('finding-detail').getByTestId('provider')).toHaveText('AWS');
  });

  test('the detail pane opens at its top when another finding is chosen', async ({ page }) => {
    await openFindings(page);
    const rows = page.getByTestId('finding-row');
    await rows.nth(0).click();
    const detail = page.getByTestId('finding-detail');
    await expect(detail).toBeVisible();
    const firstTitle = await page.locator('#finding-detail-heading').textContent();
    // Scrolled to the bottom, as an analyst reading the remediation would be.
    await detail.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
    await expect.poll(() => detail.evaluate((el) => el.scrollTop)).toBeGreaterThan(100);

    // A finding of another check, so the pane's content really changes.
    const checkIds = await rows.locator('.grid__cell--check .mono').allTextContents();
    const other = checkIds.findIndex((id) => id !== checkIds[0]);
    expect(other).toBeGreaterThan(0);
    await rows.nth(other).click();
    await expect(page.locator('#finding-detail-heading')).not.toHaveText(firstTitle ?? '');
    await expect.poll(() => detail.evaluate((el) => el.scrollTop)).toBe(0);

    // And by keyboard: scrolled down again, then the next row.
    await detail.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
    await expect.poll(() => detail.evaluate((el) => el.scrollTop)).toBeGreaterThan(100);
    await page.locator('.grid__body').focus();
    await page.keyboard.press('ArrowDown');
    await expect(rows.nth(other + 1)).toHaveAttribute('aria-selected', 'true');
    await expect.poll(() => detail.evaluate((el) => el.scrollTop)).toBe(0);
  });

  test('filters that match nothing show an empty state that clears them', async ({ page }) => {
    await openFindings(page);
    const search = page.getByTestId('findings-search');
    await search.fill('no-such-resource-anywhere-zq');
    await page.getByTestId('filter-status').selectOption('fail');
    const empty = page.getByTestId('findings-none');
    await expect(empty).toContainText('No findings match these filters');
    await expect(page.getByTestId('finding-row')).toHaveCount(0);
    await expect(page.getByTestId('findings-count')).toHaveText(/^0 of [\d,]+ shown$/);

    await empty.getByTestId('empty-clear-filters').click();
    await expect(search).toHaveValue('');
    await expect(page.getByTestId('filter-status')).toHaveValue('');
    await expect(empty).toHaveCount(0);
    await expect(page.getByTestId('finding-row').first()).toBeVisible();
  });

  test('counts agree with their nouns', async ({ page }) => {
    expect(plural(1, 'gap')).toBe('1 gap');
    expect(plural(2, 'gap')).toBe('2 gaps');
    expect(plural(0, 'gap')).toBe('0 gaps');
    expect(plural(1, 'finding passes', 'findings pass')).toBe('1 finding passes');
    expect(plural(3, 'finding passes', 'findings pass')).toBe('3 findings pass');
    expect(plural(1500, 'finding')).toBe('1,500 findings');

    await openFindings(page);
    const summary = (await page.getByTestId('findings-summary').textContent()) ?? '';
    const m = /^([\d,]+) (findings?) · ([\d,]+) (finding fails|findings fail)$/.exec(summary);
    expect(m, summary).not.toBeNull();
    const [, total, noun, fails, phrase] = m as RegExpExecArray;
    expect(noun).toBe(total === '1' ? 'finding' : 'findings');
    expect(phrase).toBe(fails === '1' ? 'finding fails' : 'findings fail');

    const option = page.getByTestId('snapshot-picker').locator(`option[value="${snapshot.id}"]`);
    await expect(option).toHaveText(new RegExp(` · ${plural(snapshot.errorCount, 'gap')}$`));

    await page.getByTestId('nav-controls').click();
    await expect(page.getByTestId('control-row').first()).toBeVisible();
    const controls = await page.getByTestId('control-row').count();
    await expect(page.getByTestId('controls-total')).toHaveText(plural(controls, 'control'));
  });

  test('the picker shows each snapshot with its account, regions and gaps', async ({ page }) => {
    await page.goto(core.url);
    const option = page.getByTestId('snapshot-picker').locator(`option[value="${snapshot.id}"]`);
    const text = (await option.textContent()) ?? '';
    expect(snapshot.account).toBe('111122223333');
    expect(text).toContain('AWS account 111122223333');
    expect(snapshot.regions.length).toBeGreaterThan(0);
    expect(text).toContain(snapshot.regions[0]);
    if (snapshot.regions.length > 2) expect(text).toContain(`+${snapshot.regions.length - 2} more`);
    expect(text).toMatch(new RegExp(`· ${plural(snapshot.errorCount, 'gap')}$`));
    // Every region is in the option's tooltip.
    const title = (await option.getAttribute('title')) ?? '';
    for (const r of snapshot.regions) expect(title).toContain(r);
  });

  test('controls show the clouds their findings came from', async ({ page, request }) => {
    const expected = await callApi<ControlResult[]>(request, core, 'controls.list', {
      snapshotId: snapshot.id,
      framework: 'soc2-2017',
    });
    const withFindings = expected.filter(
      (c) => c.counts.pass + c.counts.fail + c.counts.error + c.counts.na + c.counts.excepted > 0,
    );
    // The demo must give both kinds, or the column would not be shown to distinguish anything.
    expect(withFindings.length).toBeGreaterThan(0);
    expect(withFindings.length).toBeLessThan(expected.length);
    for (const c of expected) expect(c.providers).toEqual(withFindings.includes(c) ? ['aws'] : []);

    await page.goto(core.url);
    await page.getByTestId('snapshot-picker').selectOption(snapshot.id);
    await page.getByTestId('nav-controls').click();
    const rows = page.getByTestId('control-row');
    await expect(rows).toHaveCount(expected.length);
    const ids = await rows.locator('td:first-child').allTextContents();
    const clouds = await rows.getByTestId('control-clouds').allTextContents();
    ids.forEach((id, i) => {
      const c = expected.find((e) => e.controlId === id);
      expect(c, id).toBeDefined();
      expect(clouds[i], id).toBe(withFindings.includes(c as ControlResult) ? 'AWS' : '—');
    });
  });

  test('controls: a status filter with no control shows an empty state', async ({ page }) => {
    await page.goto(core.url);
    await page.getByTestId('snapshot-picker').selectOption(snapshot.id);
    await page.getByTestId('nav-controls').click();
    await expect(page.getByTestId('control-row').first()).toBeVisible();
    // 'Awaiting evidence' is an assessment-level status: a snapshot's controls never have it.
    await expect(page.getByTestId('controls-count-awaiting-evidence')).toContainText('0');
    await page.getByTestId('controls-count-awaiting-evidence').click();
    await expect(page.getByTestId('controls-none')).toContainText('No controls match this filter');
    await page.getByTestId('controls-clear-filter').click();
    await expect(page.getByTestId('control-row').first()).toBeVisible();
  });

  for (const width of [1024, 1280]) {
    test(`tables fit a ${width} px window`, async ({ page }, testInfo) => {
      await page.setViewportSize({ width, height: 800 });
      await openFindings(page);
      const gridParts =
        '.content, .grid__body, .grid__head, .grid__row, [role=gridcell], [role=columnheader]';
      expect(await overflowing(page, gridParts)).toEqual([]);
      await page.getByTestId('finding-row').first().click();
      await expect(page.getByTestId('finding-detail')).toBeVisible();
      expect(await overflowing(page, `${gridParts}, .detail__chips`)).toEqual([]);
      // Both panes are on screen: the detail is not pushed out of the window.
      const detailBox = await page.getByTestId('finding-detail').boundingBox();
      expect((detailBox?.x ?? width) + (detailBox?.width ?? 0)).toBeLessThanOrEqual(width);
      await shot(page, testInfo, `findings-${width}`);

      await page.getByTestId('nav-controls').click();
      await expect(page.getByTestId('control-row').first()).toBeVisible();
      expect(await overflowing(page, '.content, .table-wrap, .table td, .table th')).toEqual([]);
      await shot(page, testInfo, `controls-${width}`);

      // The header (picker, collections running, mode badge) stays inside the window.
      expect(await overflowing(page, '.topbar, .snapshot-picker')).toEqual([]);
    });

    test(`the snapshots list fits a ${width} px window`, async ({ page }, testInfo) => {
      await page.setViewportSize({ width, height: 800 });
      await page.goto(core.url);
      await page.getByTestId('snapshot-picker').selectOption(snapshot.id);
      await page.getByTestId('nav-snapshots').click();
      await expect(page.getByTestId('snapshot-row').first()).toBeVisible();
      await expect(page.getByTestId('snapshot-detail')).toBeVisible();
      expect(await overflowing(page, '.content, .table-wrap, .table td, .table th')).toEqual([]);
      await shot(page, testInfo, `snapshots-${width}`);
    });
  }
});

test.describe('with a slowed demo (a private core)', () => {
  let core: SlowCore;

  test.beforeAll(async () => {
    core = await startSlowCore(250);
  });
  test.afterAll(async () => {
    await core?.stop();
  });

  test('a reload mid-snapshot shows its progress; cancelled and failed snapshots cannot be current', async ({
    page,
    request,
  }, testInfo) => {
    await page.goto(core.url);
    await page.getByTestId('nav-connections').click();
    await page.getByTestId('connection-row-demo').click();
    await page.getByTestId('run-snapshot').click();
    const running = page.getByTestId('running-snapshot');
    await expect(running).toHaveAttribute('data-phase', 'collecting');
    const snapshotId = (await running.getAttribute('data-snapshot-id')) ?? '';
    expect(snapshotId).not.toBe('');

    await page.reload();
    // Nothing was started from this page: what it shows comes from snapshots.running and the events.
    const resumed = page.locator(`[data-testid=running-snapshot][data-snapshot-id="${snapshotId}"]`);
    await expect(resumed).toBeVisible();
    await expect(resumed).toHaveAttribute('data-phase', 'collecting');
    await expect(resumed.getByTestId('running-snapshot-detail')).toHaveText(/^collecting \d+ \/ \d+/);
    const before = await resumed.getByTestId('running-snapshot-detail').textContent();
    // Still following the run's events after the reload: the progress moves on.
    await expect(resumed.getByTestId('running-snapshot-detail')).not.toHaveText(before ?? '');
    await shot(page, testInfo, 'running-after-reload');

    // Cancel from the header, then the snapshot is listed as cancelled.
    await resumed.getByTestId('running-snapshot-cancel').click();
    await expect(resumed).toHaveCount(0, { timeout: 60_000 });
    await waitForStatus(request, core, snapshotId, 'cancelled');

    // A snapshot that fails: a custom endpoint where nothing listens.
    const endpoint = await callApi<{ id: string }>(request, core, 'connections.addEndpoint', {
      name: 'Nothing listens here',
      url: 'http://127.0.0.1:9',
      region: 'us-east-1',
      credentials: { source: 'env' },
    });
    const failed = await callApi<{ snapshotId: string }>(request, core, 'snapshots.start', {
      connectionId: endpoint.id,
    });
    await waitForStatus(request, core, failed.snapshotId, 'failed');

    await page.reload();
    const picker = page.getByTestId('snapshot-picker');
    // Neither can be picked: no option, and the picker says why it is empty.
    await expect(picker).toBeDisabled();
    await expect(picker.locator('option')).toHaveText(['No complete snapshot yet']);
    await expect(picker.locator(`option[value="${snapshotId}"]`)).toHaveCount(0);

    // Both stay in the snapshots list with their status; choosing one does not make it current.
    await page.getByTestId('nav-snapshots').click();
    const rows = page.getByTestId('snapshot-row');
    await expect(rows).toHaveCount(2);
    await expect(rows.getByTestId('snapshot-status')).toHaveText(['failed', 'cancelled']);
    await rows.first().click({ force: true });
    await expect(rows.first()).toHaveAttribute('aria-selected', 'false');
    await page.getByTestId('nav-findings').click();
    await expect(page.getByTestId('findings-empty')).toContainText('No snapshot selected');
    await page.getByTestId('nav-controls').click();
    await expect(page.getByRole('heading', { name: 'Controls' })).toBeVisible();
    await expect(page.getByTestId('controls-table')).toHaveCount(0);
    await shot(page, testInfo, 'unpickable-snapshots');
  });
});
