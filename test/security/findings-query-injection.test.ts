// Threat: findings.query (the findings view's server-side paging) builds SQL from what the caller sends - sort
// columns, directions, search text, region/service/check filters - so a compromised renderer or a local
// process holding the browser-mode token could inject SQL, widen a filter with LIKE wildcards, or ask for
// pages big enough to stall the core.
// Proves: through the real dispatcher, a sort column or direction outside the whitelist, an oversized page
// and a negative offset are refused as invalid-request; quotes, comments and LIKE wildcards in every text
// filter match only themselves (no finding contains them, so nothing is returned); the evidence is unchanged
// afterwards; an unknown or unfinished snapshot is refused rather than read.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher, type Dispatcher } from '../../main/api/dispatch';
import { openWorkspace, type Workspace } from '../../main/core/workspace';
import { createRunningSnapshot } from '../../main/store/snapshots-repo';
import type { FindingsPage } from '../../shared/domain';
import { seedSyntheticSnapshot } from '../../scripts/bench/synthetic-snapshot';

const HOSTILE = [
  `' OR 1=1 --`,
  `x') OR ('1'='1`,
  `"; DROP TABLE findings; --`,
  `%`,
  // As a LIKE pattern this would match every 'sg-1…'; literally it matches nothing ('_' alone would: check ids).
  `g_1`,
  `\\%`,
  `*/ UNION SELECT * FROM audit_log /*`,
];

let dir: string;
let ws: Workspace;
let api: Dispatcher;
let snapshotId: string;
let evidence: () => unknown;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ed-findings-injection-'));
  ws = openWorkspace({ dataDir: dir, mode: 'browser' });
  api = createDispatcher(ws, { mode: 'browser' });
  snapshotId = seedSyntheticSnapshot(ws.db, 40);
  evidence = () =>
    ws.db
      .prepare(
        `SELECT count(*) AS n, sum(length(reason) + length(evidence)) AS bytes,
                (SELECT count(*) FROM sqlite_master) AS objects
         FROM findings`,
      )
      .get();
});
afterAll(() => {
  ws?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function query(request: Record<string, unknown>) {
  return api.dispatch('findings.query', { snapshotId, ...request });
}

async function page(request: Record<string, unknown>): Promise<FindingsPage> {
  const r = await query(request);
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value as FindingsPage;
}

describe('findings.query refuses or neutralises hostile input', () => {
  it('answers a plain query (the snapshot has findings to leak)', async () => {
    const p = await page({});
    const stored = (evidence() as { n: number }).n;
    expect(stored).toBeGreaterThan(100);
    expect(p.total).toBe(stored);
    expect(p.rows.length).toBe(100);
  });

  it('refuses a sort column or direction outside the whitelist, an oversized page and a negative offset', async () => {
    for (const request of [
      { sort: [{ column: 'resource_uid; DROP TABLE findings', direction: 'asc' }] },
      { sort: [{ column: 'evidence', direction: 'asc' }] },
      { sort: [{ column: 'status', direction: 'asc, (SELECT 1)' }] },
      { limit: 501 },
      { limit: 1_000_000 },
      { offset: -1 },
      { filters: { status: ["fail' OR 1=1 --"] } },
      { filters: { severity: ['high', 'x'] } },
      { filters: { unknown: 'x' } },
    ]) {
      const r = await query(request);
      expect(r.ok, JSON.stringify(request)).toBe(false);
      if (!r.ok) expect(r.error.code).toBe('invalid-request');
    }
  });

  it('matches quotes, comments and LIKE wildcards literally in every text filter', async () => {
    const before = evidence();
    for (const value of HOSTILE) {
      for (const filters of [
        { text: value },
        { region: [value] },
        { service: [value] },
        { checkId: [value] },
        { text: `sg-1 ${value}` },
      ]) {
        for (const sort of [[], [{ column: 'resource', direction: 'asc' }]]) {
          const p = await page({ filters, sort });
          expect(p.total, `${JSON.stringify(filters)} matched`).toBe(0);
          expect(p.rows).toEqual([]);
        }
      }
    }
    expect(evidence()).toEqual(before);
  });

  it('refuses an unknown snapshot and one still being collected', async () => {
    const unknown = await api.dispatch('findings.query', { snapshotId: "x' OR '1'='1" });
    expect(unknown.ok).toBe(false);
    if (!unknown.ok) expect(unknown.error.code).toBe('not-found');
    createRunningSnapshot(ws.db, {
      id: 'running-1',
      connection: 'test',
      provider: 'aws',
      startedAt: new Date().toISOString(),
      toolVersion: 'test',
      catalogVersion: 'test',
    });
    const running = await api.dispatch('findings.query', { snapshotId: 'running-1' });
    expect(running.ok).toBe(false);
    if (!running.ok) expect(running.error.code).toBe('refused');
  });
});
