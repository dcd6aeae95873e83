// The collection-runs repository: grouping account snapshots under a run, gaps in order, and ending runs a
// dead process left 'running' (with their account snapshots) while leaving live ones alone.
import { afterEach, describe, expect, it } from 'vitest';
import {
  addRunGap,
  addRunSnapshot,
  createRun,
  endRun,
  failAbandonedCollectionRuns,
  getRun,
  runLinks,
  runOfSnapshot,
} from '../../main/store/collection-runs-repo';
import { createRunningSnapshot, getSnapshot } from '../../main/store/snapshots-repo';
import { makeSnapshot, type SnapshotFixture } from '../helpers/snapshot-fixture';

let fx: SnapshotFixture | undefined;
afterEach(() => fx?.close());

function setup() {
  fx = makeSnapshot({ resources: [], checks: [] });
  const { db, snapshotId: sealed } = fx;
  createRun(db, {
    id: 'run-a',
    connection: 'demo',
    roleName: 'AuditRole',
    startedAt: '2026-01-01T00:00:00Z',
  });
  createRunningSnapshot(db, {
    id: 'snap-running',
    connection: 'demo',
    provider: 'aws',
    startedAt: '2026-01-01T00:00:01Z',
    toolVersion: 'test',
    catalogVersion: 'test',
  });
  addRunSnapshot(db, { runId: 'run-a', snapshotId: sealed, accountId: '111122223333', accountName: 'Mgmt' });
  addRunSnapshot(db, {
    runId: 'run-a',
    snapshotId: 'snap-running',
    accountId: '444455556666',
    accountName: null,
  });
  addRunGap(db, {
    runId: 'run-a',
    accountId: '777788889999',
    accountName: 'Sandbox',
    code: 'AccessDenied',
    message: 'no',
  });
  addRunGap(db, {
    runId: 'run-a',
    accountId: '888899990000',
    accountName: null,
    code: 'AccountNotActive',
    message: 'x',
  });
  return { db, sealed };
}

describe('collection runs repository', () => {
  it('lists the run with its account snapshots (by account) and its gaps in the order recorded', () => {
    const { db, sealed } = setup();
    const run = getRun(db, 'run-a')!;
    expect(run.accounts.map((a) => [a.accountId, a.snapshotId, a.status])).toEqual([
      ['111122223333', sealed, 'complete'],
      ['444455556666', 'snap-running', 'running'],
    ]);
    expect(run.gaps.map((g) => g.accountId)).toEqual(['777788889999', '888899990000']);
    expect(runOfSnapshot(db, 'snap-running')).toBe('run-a');
    expect(runOfSnapshot(db, 'nope')).toBeNull();
    expect(runLinks(db).get(sealed)).toEqual({ runId: 'run-a', accountName: 'Mgmt' });
  });

  it('ends a run once; a second end keeps the first outcome', () => {
    const { db } = setup();
    expect(endRun(db, 'run-a', 'cancelled', 'stopped')).toBe(true);
    expect(endRun(db, 'run-a', 'complete', 'late')).toBe(false);
    expect(getRun(db, 'run-a')).toMatchObject({ status: 'cancelled', message: 'stopped' });
  });

  it('fails an abandoned run and its running snapshots, and leaves a live one alone', () => {
    const { db, sealed } = setup();
    expect(failAbandonedCollectionRuns(db, () => null)).toEqual([]);
    expect(getRun(db, 'run-a')!.status).toBe('running');
    expect(failAbandonedCollectionRuns(db, () => 'its process is gone')).toEqual(['run-a']);
    const run = getRun(db, 'run-a')!;
    expect(run.status).toBe('failed');
    expect(run.message).toMatch(/stopped before this organisation run finished: its process is gone/);
    expect(getSnapshot(db, 'snap-running')).toMatchObject({ status: 'failed' });
    // A sealed account snapshot is evidence and stays complete.
    expect(getSnapshot(db, sealed)!.status).toBe('complete');
  });
});
