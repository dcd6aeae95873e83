// The query worker answers the findings view and the controls list from its own thread and connection, with
// the same answers as the core computes in-process, and survives losing its thread.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryFindings } from '../../main/checks/findings-query';
import { loadCheckCatalog } from '../../main/checks/workspace-catalog';
import { openWorkspace, type Workspace } from '../../main/core/workspace';
import { evaluateControls } from '../../main/evidence/controls';
import { getFramework } from '../../main/frameworks/catalog';
import { seedSyntheticSnapshot } from '../../scripts/bench/synthetic-snapshot';

let dir: string;
let ws: Workspace;
let snapshotId: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ed-query-worker-'));
  ws = openWorkspace({ dataDir: dir, mode: 'browser' });
  snapshotId = seedSyntheticSnapshot(ws.db, 500, 'qw');
});
afterAll(() => {
  ws.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('query worker', () => {
  it('answers findings pages and control status exactly as the in-process core does', async () => {
    const catalog = loadCheckCatalog(dir);
    const q = { limit: 50, offset: 100, filters: { status: ['fail' as const] } };
    expect(await ws.queries.findings(snapshotId, q)).toEqual(
      queryFindings(ws.db, snapshotId, catalog.checks, q),
    );
    expect(await ws.queries.controls(snapshotId, 'soc2-2017')).toEqual(
      evaluateControls(ws.db, snapshotId, getFramework('soc2-2017', catalog), catalog.checks),
    );
  });

  it('reports a refused query with the core error code, and starts afresh after losing its thread', async () => {
    await expect(ws.queries.findings(snapshotId, { limit: 100_000 })).rejects.toThrow();
    await ws.queries.close();
    const again = await ws.queries.findings(snapshotId, { limit: 5 });
    expect(again.rows).toHaveLength(5);
  });
});
