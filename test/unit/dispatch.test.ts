import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDispatcher, type Dispatcher } from '../../main/api/dispatch';
import { openWorkspace, type Workspace } from '../../main/core/workspace';
import { createRunningSnapshot } from '../../main/store/snapshots-repo';

let dir: string;
let ws: Workspace;
let api: Dispatcher;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ed-dispatch-'));
  ws = openWorkspace({ dataDir: dir, mode: 'browser' });
  api = createDispatcher(ws, { mode: 'browser' });
});
afterEach(() => {
  ws.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('dispatch validates every payload and never throws', () => {
  it('answers a valid call', async () => {
    const r = await api.dispatch('app.info', {});
    expect(r).toMatchObject({ ok: true, value: { mode: 'browser', dataDir: ws.dataDir } });
  });

  it('refuses an unknown call', async () => {
    const r = await api.dispatch('fs.readFile', { path: '/etc/passwd' });
    expect(r).toEqual({ ok: false, error: { code: 'unknown-call', message: 'Unknown call "fs.readFile".' } });
  });

  it('refuses prototype keys as call names', async () => {
    expect(await api.dispatch('constructor', {})).toMatchObject({
      ok: false,
      error: { code: 'unknown-call' },
    });
    expect(await api.dispatch('__proto__', {})).toMatchObject({ ok: false, error: { code: 'unknown-call' } });
  });

  it('refuses a malformed payload with a message naming the field', async () => {
    const r = await api.dispatch('snapshots.start', {
      connectionId: 'demo',
      regions: ['mars-north-1; rm -rf /'],
    });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('invalid-request');
      expect(r.error.message).toMatch(/regions\.0: not an AWS region name/);
    }
  });

  it('refuses unexpected extra keys and wrong types', async () => {
    expect(
      await api.dispatch('snapshots.get', { snapshotId: 'x', sql: 'DROP TABLE snapshots' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'invalid-request' },
    });
    expect(await api.dispatch('controls.list', { snapshotId: 'x', framework: 'hipaa' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-request' },
    });
    expect(await api.dispatch('export.verify', 42)).toMatchObject({
      ok: false,
      error: { code: 'invalid-request' },
    });
  });

  it('reports a missing snapshot as not-found and an unfinished one as refused', async () => {
    expect(await api.dispatch('snapshots.get', { snapshotId: 'nope' })).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });
    createRunningSnapshot(ws.db, {
      id: 'run-1',
      connection: 'demo',
      provider: 'aws',
      startedAt: new Date().toISOString(),
      toolVersion: 't',
      catalogVersion: 'c',
    });
    const r = await api.dispatch('findings.list', { snapshotId: 'run-1' });
    expect(r).toMatchObject({ ok: false, error: { code: 'refused' } });
    expect(
      await api.dispatch('export.create', { snapshotId: 'run-1', framework: 'soc2-2017', outputDir: dir }),
    ).toMatchObject({ ok: false, error: { code: 'refused' } });
    expect(
      await api.dispatch('export.create', { snapshotId: 'nope', framework: 'soc2-2017', outputDir: dir }),
    ).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });

  it('returns null from the folder picker where the platform has none', async () => {
    expect(await api.dispatch('dialog.chooseFolder', { title: 'Export to' })).toEqual({
      ok: true,
      value: { path: null },
    });
  });
});
