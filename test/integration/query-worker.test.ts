// The query worker answers the findings view, the controls list and an assessment's controls and sign-offs
// from its own thread and connection, with the same answers as the core computes in-process, and survives
// losing its thread.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { attachSnapshot, createAssessment } from '../../main/assessments/assessments-repo';
import { createPerson } from '../../main/assessments/people';
import {
  assessmentControls,
  assessmentSignoffs,
  getAssessment,
  listAssessments,
  signControl,
} from '../../main/assessments/service';
import { createDispatcher } from '../../main/api/dispatch';
import { NotFoundError } from '../../main/core/errors';
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

  it("answers an assessment's controls and sign-offs as the core does, and the API asks it for them", async () => {
    const catalog = loadCheckCatalog(dir);
    const ctx = { db: ws.db, dataDir: dir, keyDir: path.join(dir, 'keys'), actor: 'tester' };
    const ana = createPerson(ctx, { name: 'Ana Analyst', email: 'ana@example.test' });
    const a = createAssessment(ctx, ana, {
      name: 'Worker',
      frameworks: ['soc2-2017'],
      periodStart: '2026-01-01',
      periodEnd: '2026-01-31',
      scope: {},
      people: [{ person: ana.id, role: 'preparer' }],
    });
    attachSnapshot(ctx, ana, a.id, snapshotId);
    signControl(ctx, catalog, ana, {
      assessmentId: a.id,
      framework: 'soc2-2017',
      controlId: 'CC6.1',
      role: 'preparer',
    });
    const inProcess = assessmentControls(ctx, catalog, a.id, 'soc2-2017');
    expect(inProcess.find((c) => c.controlId === 'CC6.1')?.signoffs).toHaveLength(1);
    expect(await ws.queries.assessmentControls(a.id, 'soc2-2017')).toEqual(inProcess);
    expect(await ws.queries.assessmentSignoffs(a.id)).toEqual(assessmentSignoffs(ctx, catalog, a.id));
    expect(await ws.queries.assessments()).toEqual(listAssessments(ctx, catalog));
    expect(await ws.queries.assessment(a.id)).toEqual(getAssessment(ctx, catalog, a.id));
    // A missing assessment keeps its contract code across the thread boundary.
    await expect(ws.queries.assessmentControls('no-such-assessment', 'soc2-2017')).rejects.toBeInstanceOf(
      NotFoundError,
    );

    const api = createDispatcher(ws, { mode: 'browser' });
    const asked = vi.spyOn(ws.queries, 'assessmentControls');
    const r = await api.dispatch('controls.forAssessment', { assessmentId: a.id, framework: 'soc2-2017' });
    expect(r.ok).toBe(true);
    expect(asked).toHaveBeenCalledWith(a.id, 'soc2-2017');
    asked.mockRestore();
  });

  it('reports a refused query with the core error code, and starts afresh after losing its thread', async () => {
    await expect(ws.queries.findings(snapshotId, { limit: 100_000 })).rejects.toThrow();
    await ws.queries.close();
    const again = await ws.queries.findings(snapshotId, { limit: 5 });
    expect(again.rows).toHaveLength(5);
  });
});
