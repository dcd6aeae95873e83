// Bench section: the findings view's server-side query (main/checks/findings-query.ts) on a synthetic snapshot
// of n units (one security group + one volume each, 3 findings per unit with the built-in checks). Times the
// API call on the server for: the first page in the default order (cold = counting the groups, then warm), a
// filtered page, a sort by severity, pages 90% and 80% deep, and the row-level paths (text search, sort by resource).
// Run alone: BENCH_RESOURCES=20000 npx tsx scripts/bench/findings-page.ts
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { allChecks } from '../../main/checks/catalog';
import { queryFindings, type FindingsQuery } from '../../main/checks/findings-query';
import { openDatabase } from '../../main/store/db';
import { fmtMiB, fmtMs, measure } from './measure';
import { seedSyntheticSnapshot } from './synthetic-snapshot';

export async function run(opts: {
  resources: number;
  dir: string;
}): Promise<Record<string, number | string>> {
  const units = opts.resources;
  const file = path.join(opts.dir, 'findings-page.sqlite');
  const db = openDatabase(file);
  const out: Record<string, number | string> = {};
  const line = (label: string, m: { ms: number; peakMiB: number }, extra = '') =>
    console.log(`${label.padEnd(46)} ${fmtMs(m.ms).padStart(8)}   peak RSS ${fmtMiB(m.peakMiB)}${extra}`);
  try {
    const seeded = await measure(() => seedSyntheticSnapshot(db, units));
    line(`findings: seed ${units * 2} resources (seal+evaluate)`, seeded);
    const snapshotId = seeded.value;
    const page = async (key: string, label: string, q: FindingsQuery) => {
      const m = await measure(() => queryFindings(db, snapshotId, allChecks, { limit: 100, ...q }));
      line(`findings: ${label}`, m, `   (${m.value.rows.length} of ${m.value.total})`);
      out[key] = Number(m.ms.toFixed(1));
      return m.value;
    };
    const first = await page('firstPageColdMs', 'first page, default order (cold)', {});
    out.findings = first.unfilteredTotal;
    await page('firstPageMs', 'first page, default order (warm)', {});
    await page('filteredPageMs', 'filter status=fail severity=high', {
      filters: { status: ['fail'], severity: ['high'] },
    });
    await page('severitySortMs', 'sort by severity ascending', {
      sort: [{ column: 'severity', direction: 'asc' }],
    });
    // The first deep page in a group makes its bookmarks (one walk of the group); later ones seek.
    await page('deepPageColdMs', 'page at 90% (default order, cold)', {
      offset: Math.floor(first.total * 0.9),
    });
    await page('deepPageMs', 'page at 80% (default order, warm)', { offset: Math.floor(first.total * 0.8) });
    await page('textSearchColdMs', "text search 'vol-12' (cold)", { filters: { text: 'vol-12' } });
    await page('resourceSortMs', 'sort by resource name (row-level)', {
      sort: [{ column: 'resource', direction: 'asc' }],
    });
    await page('resourceSortDeepMs', 'sort by resource name, page at 90%', {
      sort: [{ column: 'resource', direction: 'asc' }],
      offset: Math.floor(first.total * 0.9),
    });
  } finally {
    db.close();
  }
  return out;
}

// Standalone: `npx tsx scripts/bench/findings-page.ts` (the lead's scripts/bench.ts imports run()).
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ed-bench-findings-'));
  try {
    const result = await run({ resources: Number(process.env.BENCH_RESOURCES ?? 20000), dir });
    console.log(JSON.stringify(result));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
