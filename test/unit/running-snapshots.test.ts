// snapshots.running (main/api/running-snapshots.ts): what a window reloaded mid-run is told. A snapshot of this
// process carries the latest progress relayed for it and can be cancelled here; one of another process (the
// CLI) is listed without progress; an organisation run stands for its account snapshots; a finished run is
// gone, and its progress is forgotten.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SnapshotProgress } from '../../shared/domain';
import { trackRunningSnapshots } from '../../main/api/running-snapshots';
import { openWorkspace, type Workspace } from '../../main/core/workspace';
import { addRunSnapshot, createRun } from '../../main/store/collection-runs-repo';
import { createRunningSnapshot, endSnapshotUnsuccessfully } from '../../main/store/snapshots-repo';

let dir: string;
let ws: Workspace;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'evidence-desk-running-'));
  ws = openWorkspace({ dataDir: dir, mode: 'cli' });
});
afterEach(() => {
  ws.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function running(id: string, startedAt: string): void {
  createRunningSnapshot(ws.db, {
    id,
    connection: 'demo',
    provider: 'aws',
    startedAt,
    toolVersion: '0.0.0',
    catalogVersion: 'sha256:test',
  });
}

function progress(snapshotId: string, done: number, extra: Partial<SnapshotProgress> = {}): SnapshotProgress {
  return {
    snapshotId,
    phase: 'collecting',
    service: 's3',
    region: 'us-east-1',
    done,
    total: 40,
    message: `step ${done}`,
    ...extra,
  };
}

describe('snapshots.running', () => {
  it('lists this process’s snapshot with its latest progress, and drops it when it finishes', () => {
    const list = trackRunningSnapshots(ws);
    running('snap-own', '2026-01-02T10:00:00.000Z');
    ws.running.set('snap-own', new AbortController());
    expect(list()).toEqual([
      {
        snapshotId: 'snap-own',
        kind: 'snapshot',
        connection: 'demo',
        startedAt: '2026-01-02T10:00:00.000Z',
        ownedHere: true,
        progress: null,
      },
    ]);

    ws.events.emit('snapshot.progress', progress('snap-own', 3));
    ws.events.emit('snapshot.progress', progress('snap-own', 7));
    expect(list()[0].progress).toMatchObject({ done: 7, message: 'step 7' });

    ws.events.emit('snapshot.finished', { snapshotId: 'snap-own', status: 'cancelled', message: 'stopped' });
    endSnapshotUnsuccessfully(ws.db, 'snap-own', 'cancelled', 'stopped');
    ws.running.delete('snap-own');
    expect(list()).toEqual([]);
  });

  it('lists a snapshot another process is collecting, without progress and not cancellable here', () => {
    const list = trackRunningSnapshots(ws);
    running('snap-cli', '2026-01-02T09:00:00.000Z');
    running('snap-own', '2026-01-02T10:00:00.000Z');
    ws.running.set('snap-own', new AbortController());
    const got = list();
    // Newest first.
    expect(got.map((r) => [r.snapshotId, r.ownedHere])).toEqual([
      ['snap-own', true],
      ['snap-cli', false],
    ]);
    expect(got[1].progress).toBeNull();
  });

  it('an organisation run stands for its account snapshots, with the run’s progress', () => {
    const list = trackRunningSnapshots(ws);
    createRun(ws.db, {
      id: 'run-1',
      connection: 'demo',
      roleName: 'OrganizationAccountAccessRole',
      startedAt: '2026-01-02T12:00:00.000Z',
    });
    ws.running.set('run-1', new AbortController());
    running('snap-member', '2026-01-02T12:00:05.000Z');
    addRunSnapshot(ws.db, {
      runId: 'run-1',
      snapshotId: 'snap-member',
      accountId: '444455556666',
      accountName: 'Dev',
    });
    ws.events.emit('snapshot.progress', progress('run-1', 5, { runId: 'run-1', account: '444455556666' }));
    expect(list()).toEqual([
      {
        snapshotId: 'run-1',
        kind: 'organization',
        connection: 'demo',
        startedAt: '2026-01-02T12:00:00.000Z',
        ownedHere: true,
        progress: expect.objectContaining({ done: 5, account: '444455556666' }),
      },
    ]);
  });
});
