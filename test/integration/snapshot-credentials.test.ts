// What the analyst sees when their own credentials are the problem: the snapshot fails with the fix to run,
// nothing half-collected is kept, and the failure is in the audit log.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createDispatcher, type Dispatcher } from '../../main/api/dispatch';
import { openWorkspace, type Workspace } from '../../main/core/workspace';
import type { ConnectionList, SnapshotSummary } from '../../shared/domain';

let home: string;
let ws: Workspace;
let api: Dispatcher;

beforeEach(() => {
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'ed-creds-'));
  vi.stubEnv('HOME', home);
  vi.stubEnv('AWS_CONFIG_FILE', path.join(home, '.aws', 'config'));
  vi.stubEnv('AWS_SHARED_CREDENTIALS_FILE', path.join(home, '.aws', 'credentials'));
  for (const v of ['AWS_PROFILE', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN'])
    vi.stubEnv(v, undefined);
  ws = openWorkspace({ dataDir: path.join(home, 'ws'), mode: 'browser' });
  api = createDispatcher(ws, { mode: 'browser' });
});
afterEach(() => {
  ws.close();
  vi.unstubAllEnvs();
  fs.rmSync(home, { recursive: true, force: true });
});

function write(rel: string, text: string) {
  fs.mkdirSync(path.dirname(path.join(home, rel)), { recursive: true });
  fs.writeFileSync(path.join(home, rel), text);
}

async function snapshotOutcome(connectionId: string) {
  const started = await api.dispatch('snapshots.start', { connectionId });
  if (!started.ok) throw new Error(started.error.message);
  const { snapshotId } = started.value as { snapshotId: string };
  const outcome = await new Promise<{ status: string; message: string }>((resolve) => {
    const off = api.subscribe((event, payload) => {
      const p = payload as { snapshotId: string; status: string; message: string };
      if (event === 'snapshot.finished' && p.snapshotId === snapshotId) {
        off();
        resolve(p);
      }
    });
  });
  return { snapshotId, ...outcome };
}

describe('snapshots with broken credentials', () => {
  it('fails an expired SSO session with the login command, keeping nothing', async () => {
    write(
      '.aws/config',
      '[profile audit]\nsso_session = corp\nsso_account_id = 111122223333\nsso_role_name = Audit\nregion = eu-west-1\n' +
        '[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = eu-west-1\n',
    );
    const cacheName = crypto.createHash('sha1').update('corp').digest('hex');
    write(
      `.aws/sso/cache/${cacheName}.json`,
      JSON.stringify({ accessToken: 'tok', expiresAt: '2020-01-01T00:00:00Z', region: 'eu-west-1' }),
    );
    const outcome = await snapshotOutcome('aws-profile:audit');
    expect(outcome.status).toBe('failed');
    expect(outcome.message).toMatch(/aws sso login --profile audit/);
    const snap = (await api.dispatch('snapshots.get', { snapshotId: outcome.snapshotId })) as {
      ok: true;
      value: { snapshot: SnapshotSummary };
    };
    expect(snap.value.snapshot).toMatchObject({ status: 'failed', resourceCount: 0 });
    expect(snap.value.snapshot.failureReason).toMatch(/aws sso login/);
    const actions = ws.db
      .prepare(`SELECT action FROM audit_log WHERE entity LIKE 'snapshot:%' ORDER BY seq`)
      .all() as { action: string }[];
    expect(actions.map((a) => a.action)).toEqual(['snapshot.start', 'snapshot.failed']);
  }, 60_000);

  it('lists the good profiles and explains the malformed line in ~/.aws/config', async () => {
    write('.aws/config', '[profile good]\nregion = us-east-1\n[profile broken\nregion = eu-west-1\n');
    write(
      '.aws/credentials',
      '[good]\naws_access_key_id = AKIAEXAMPLEKEY000001\naws_secret_access_key = s3cr3t\n',
    );
    const r = await api.dispatch('connections.list', {});
    expect(r.ok).toBe(true);
    const list = (r as { ok: true; value: ConnectionList }).value;
    expect(list.connections.map((c) => c.id)).toContain('aws-profile:good');
    expect(list.problems.join('\n')).toMatch(/config.*line 3/);
    expect(JSON.stringify(list)).not.toContain('s3cr3t');
  });
});
