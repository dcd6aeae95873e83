// Approved regions end to end through the dispatcher the UI and CLI use: the setting is validated, audited and
// copied into each snapshot as sealed evidence; the two region checks judge against the copy, so changing the
// setting later never changes a sealed snapshot's findings.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher, type Dispatcher } from '../../main/api/dispatch';
import { openWorkspace, type Workspace } from '../../main/core/workspace';
import type { Finding } from '../../shared/domain';

let dir: string;
let ws: Workspace;
let api: Dispatcher;

async function call<T>(name: string, payload: unknown): Promise<T> {
  const r = await api.dispatch(name, payload);
  if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
  return r.value as T;
}

async function snapshot(): Promise<string> {
  const { snapshotId } = await call<{ snapshotId: string }>('snapshots.start', { connectionId: 'demo' });
  await new Promise<void>((resolve, reject) => {
    const off = api.subscribe((event, payload) => {
      const p = payload as { snapshotId: string; status: string; message: string };
      if (event !== 'snapshot.finished' || p.snapshotId !== snapshotId) return;
      off();
      if (p.status === 'complete') resolve();
      else reject(new Error(p.message));
    });
  });
  return snapshotId;
}

async function findings(snapshotId: string, checkId: string): Promise<Finding[]> {
  return (await call<Finding[]>('findings.list', { snapshotId })).filter((f) => f.checkId === checkId);
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ed-regions-'));
  ws = openWorkspace({ dataDir: dir, mode: 'browser' });
  api = createDispatcher(ws, { mode: 'browser' });
});
afterAll(() => {
  ws?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('approved regions', () => {
  it('starts unset and refuses names that are not regions, saying which one', async () => {
    const r = await call<{ approved: { aws: string[] }; updatedAt: string | null }>(
      'settings.approvedRegions.get',
      {},
    );
    expect(r.approved.aws).toEqual([]);
    expect(r.updatedAt).toBeNull();
    const bad = await api.dispatch('settings.approvedRegions.set', { aws: ['us-east-1', 'Frankfurt'] });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.message).toMatch(/aws\.1 is not an AWS region name/);
  });

  it('uses the demo default while unset, and names that source in the sealed evidence', async () => {
    const id = await snapshot();
    const acct = (await findings(id, 'account_regions_approved'))[0];
    expect(acct.status).toBe('fail');
    expect(acct.reason).toMatch(/not approved: us-west-2/);
    expect(JSON.stringify(acct.evidence)).toMatch(/demo default/);
    const perResource = await findings(id, 'resources_in_approved_regions');
    const usWest2 = perResource.filter((f) => f.region === 'us-west-2');
    expect(usWest2.length).toBeGreaterThan(0);
    expect(usWest2.every((f) => f.status === 'fail')).toBe(true);
    expect(perResource.filter((f) => f.region === 'us-east-1').every((f) => f.status === 'pass')).toBe(true);
    // Account-wide resources (IAM, the account) are not in the population.
    expect(perResource.some((f) => f.region === 'global')).toBe(false);
  }, 120_000);

  it('copies the saved setting into the next snapshot, audits the change, and leaves sealed findings alone', async () => {
    const first = await snapshot();
    const saved = await call<{ aws: string[] }>('settings.approvedRegions.set', {
      aws: ['us-west-2', 'us-east-1', 'eu-west-1', 'us-east-1'],
    });
    expect(saved.aws).toEqual(['eu-west-1', 'us-east-1', 'us-west-2']);
    const second = await snapshot();
    expect((await findings(second, 'account_regions_approved'))[0].status).toBe('pass');
    expect((await findings(second, 'resources_in_approved_regions')).every((f) => f.status === 'pass')).toBe(
      true,
    );
    // The earlier snapshot still answers from its own sealed copy (the demo default).
    expect((await findings(first, 'account_regions_approved'))[0].status).toBe('fail');
    const audit = ws.db
      .prepare(`SELECT details FROM audit_log WHERE action = 'settings.approvedRegions'`)
      .all() as { details: string }[];
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0].details)).toEqual({
      before: [],
      after: ['eu-west-1', 'us-east-1', 'us-west-2'],
    });
    const seen = await call<{ enabledSeen: { account: string; regions: string[] }[] }>(
      'settings.approvedRegions.get',
      {},
    );
    expect(seen.enabledSeen).toEqual([
      { account: '111122223333', regions: ['eu-west-1', 'us-east-1', 'us-west-2'] },
    ]);
  }, 180_000);
});
