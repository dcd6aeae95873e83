// The whole evidence pipeline through the same dispatcher the UI uses: demo snapshot (real collector against
// the replay server) -> findings -> controls -> export -> verify -> audit log.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  ControlResult,
  ExportResult,
  Finding,
  SnapshotSummary,
  VerifyResult,
} from '../../shared/domain';
import { FrameworkId, type AuditVerifyResult } from '../../shared/domain';
import { createDispatcher, type Dispatcher } from '../../main/api/dispatch';
import { openWorkspace, type Workspace } from '../../main/core/workspace';

let dir: string;
let ws: Workspace;
let api: Dispatcher;
let snapshotId: string;

async function call<T>(name: string, payload: unknown): Promise<T> {
  const r = await api.dispatch(name, payload);
  if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
  return r.value as T;
}

function finished(id: string): Promise<{ status: string; message: string }> {
  return new Promise((resolve) => {
    const off = api.subscribe((event, payload) => {
      const p = payload as { snapshotId: string; status: string; message: string };
      if (event === 'snapshot.finished' && p.snapshotId === id) {
        off();
        resolve(p);
      }
    });
  });
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ed-pipeline-'));
  ws = openWorkspace({ dataDir: dir, mode: 'browser' });
  api = createDispatcher(ws, { mode: 'browser' });
  const progress: unknown[] = [];
  api.subscribe((event, payload) => event === 'snapshot.progress' && progress.push(payload));
  const { snapshotId: id } = await call<{ snapshotId: string }>('snapshots.start', { connectionId: 'demo' });
  snapshotId = id;
  const outcome = await finished(id);
  expect(outcome.status, outcome.message).toBe('complete');
  expect(progress.length).toBeGreaterThan(3);
}, 120_000);

afterAll(() => {
  ws?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('demo pipeline', () => {
  it('records a complete snapshot with identity, regions, a content hash and the demo gap', async () => {
    const { snapshot, errors } = await call<{ snapshot: SnapshotSummary; errors: unknown[] }>(
      'snapshots.get',
      {
        snapshotId,
      },
    );
    expect(snapshot.status).toBe('complete');
    expect(snapshot.account).toMatch(/^\d{12}$/);
    expect(snapshot.identity).toMatch(/^arn:aws:(iam|sts)::\d{12}:/);
    expect(snapshot.regions.length).toBeGreaterThan(1);
    expect(snapshot.contentSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(snapshot.resourceCount).toBeGreaterThan(30);
    expect(errors.length).toBeGreaterThan(0);
  });

  it('gives every AWS check a population in the demo account, with failures where the demo plants them', async () => {
    const findings = await call<Finding[]>('findings.list', { snapshotId });
    const { checks } = await call<{ checks: { id: string; provider: string }[] }>('checks.list', {});
    const aws = checks.filter((c) => c.provider === 'aws');
    for (const c of aws) {
      expect(
        findings.some((f) => f.checkId === c.id),
        `${c.id} has a population in the demo`,
      ).toBe(true);
    }
    // Most checks fail somewhere in this one account; the account-wide ones that pass here fail in another
    // account of the demo organisation (test/integration/demo-coverage.test.ts covers every check there).
    const failing = new Set(findings.filter((f) => f.status === 'fail').map((f) => f.checkId));
    expect(failing.size).toBeGreaterThan(aws.length * 0.8);
    expect(findings.filter((f) => f.status === 'pass').length).toBeGreaterThan(20);
  });

  it('evaluates controls for every framework', async () => {
    for (const framework of FrameworkId.options) {
      const controls = await call<ControlResult[]>('controls.list', { snapshotId, framework });
      expect(controls.length).toBeGreaterThan(3);
      const statuses = new Set(controls.map((c) => c.status));
      expect(statuses.has('deficient')).toBe(true);
      expect(statuses.has('manual')).toBe(true);
    }
  });

  it('accepts the retired framework id pci-dss-4.0 and answers for pci-dss-4.0.1', async () => {
    const viaAlias = await call<ControlResult[]>('controls.list', { snapshotId, framework: 'pci-dss-4.0' });
    const current = await call<ControlResult[]>('controls.list', { snapshotId, framework: 'pci-dss-4.0.1' });
    expect(new Set(viaAlias.map((c) => c.framework))).toEqual(new Set(['pci-dss-4.0.1']));
    expect(viaAlias).toEqual(current);
  });

  it('exports a demo package that is intact (signed with the demo key, never "verified"), and the tampered copy is not', async () => {
    const out = path.join(dir, 'out');
    const pkg = await call<ExportResult>('export.create', {
      snapshotId,
      framework: 'soc2-2017',
      outputDir: out,
    });
    expect(fs.existsSync(path.join(pkg.packageDir, 'workbook.xlsx'))).toBe(true);
    expect(fs.existsSync(pkg.zipPath)).toBe(true);
    // A demo package is signed with the published demo key: intact, signer unknown, labelled demo.
    for (const p of [pkg.packageDir, pkg.zipPath]) {
      const r = await call<VerifyResult>('export.verify', { path: p });
      expect(r.outcome, p).toBe('unknown-signer');
      expect(r.demo, p).toBe(true);
      expect(r.changed).toEqual([]);
      expect(r.missing).toEqual([]);
    }
    fs.appendFileSync(path.join(pkg.packageDir, 'report.docx'), 'x');
    const tampered = await call<VerifyResult>('export.verify', { path: pkg.packageDir });
    expect(tampered.ok).toBe(false);
    expect(tampered.outcome).toBe('not-verified');
    expect(tampered.changed).toContain('report.docx');
  });

  it('keeps the completed snapshot immutable', () => {
    expect(() =>
      ws.db.prepare(`UPDATE resources SET config = '{}' WHERE snapshot_id = ?`).run(snapshotId),
    ).toThrow(/immutable/);
    expect(() => ws.db.prepare(`DELETE FROM findings WHERE snapshot_id = ?`).run(snapshotId)).toThrow(
      /immutable/,
    );
    expect(() => ws.db.prepare(`UPDATE snapshots SET account = 'x' WHERE id = ?`).run(snapshotId)).toThrow(
      /immutable/,
    );
  });

  it('logged every action in an intact audit log', async () => {
    const audit = await call<AuditVerifyResult>('audit.verify', {});
    expect(audit.ok).toBe(true);
    const actions = (
      ws.db.prepare('SELECT action FROM audit_log ORDER BY seq').all() as { action: string }[]
    ).map((r) => r.action);
    expect(actions).toEqual(
      expect.arrayContaining(['snapshot.start', 'snapshot.complete', 'export.create', 'export.verify']),
    );
  });

  it('cancels a running snapshot and keeps nothing of it', async () => {
    const { snapshotId: id } = await call<{ snapshotId: string }>('snapshots.start', {
      connectionId: 'demo',
    });
    const done = finished(id);
    expect(await call<{ cancelled: boolean }>('snapshots.cancel', { snapshotId: id })).toEqual({
      cancelled: true,
    });
    const outcome = await done;
    expect(outcome.status).toBe('cancelled');
    const { snapshot } = await call<{ snapshot: SnapshotSummary }>('snapshots.get', { snapshotId: id });
    expect(snapshot.status).toBe('cancelled');
    expect(snapshot.resourceCount).toBe(0);
  });
});
