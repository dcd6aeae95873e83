// Connections as the analyst configured them, through the REAL snapshot job (a worker thread resolving the
// connection with resolveTarget) and the REAL SDK clients, against the loopback replay server of the demo
// estate: a profile's endpoint_url in a temp AWS_CONFIG_FILE (no AWS_ENDPOINT_URL* or AWS_PROFILE set), a
// custom endpoint connection saved in the workspace, and a one-off endpoint (CLI --endpoint-url).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createDispatcher, type Dispatcher } from '../../main/api/dispatch';
import { startSnapshot } from '../../main/collect/run-snapshot';
import { openWorkspace, type Workspace } from '../../main/core/workspace';
import { northwindHealth } from '../../main/demo/estate/northwind-health';
import { startReplayServer, type ReplayServer } from '../../main/demo/replay/server';
import type { Connection, ConnectionList, SnapshotSummary } from '../../shared/domain';
import { TEST_CREDENTIALS } from '../fixtures/aws/harness';

let server: ReplayServer;
let home: string;
let ws: Workspace;
let api: Dispatcher;

beforeAll(async () => {
  server = await startReplayServer({ estate: northwindHealth });
});
afterAll(() => server.close());

beforeEach(() => {
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'ed-endpoints-'));
  vi.stubEnv('HOME', home);
  vi.stubEnv('AWS_CONFIG_FILE', path.join(home, '.aws', 'config'));
  vi.stubEnv('AWS_SHARED_CREDENTIALS_FILE', path.join(home, '.aws', 'credentials'));
  // Nothing in the environment may point the SDK anywhere: only the profile does.
  for (const v of Object.keys(process.env).filter((k) => k.startsWith('AWS_ENDPOINT_URL')))
    vi.stubEnv(v, undefined);
  for (const v of [
    'AWS_PROFILE',
    'AWS_ACCESS_KEY_ID',
    'AWS_SECRET_ACCESS_KEY',
    'AWS_SESSION_TOKEN',
    'AWS_REGION',
    'AWS_DEFAULT_REGION',
    'AWS_IGNORE_CONFIGURED_ENDPOINT_URLS',
  ])
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

/** The demo estate's (fictional) key pair in the credentials file, under `profile`. */
function credentialsFor(profile: string) {
  write(
    '.aws/credentials',
    `[${profile}]\naws_access_key_id = ${TEST_CREDENTIALS.accessKeyId}\naws_secret_access_key = ${TEST_CREDENTIALS.secretAccessKey}\n`,
  );
}

async function ok<T>(name: string, payload: unknown): Promise<T> {
  const r = await api.dispatch(name, payload);
  if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
  return r.value as T;
}

async function snapshotVia(connectionId: string, regions = ['us-east-1']) {
  const { snapshotId } = await ok<{ snapshotId: string }>('snapshots.start', { connectionId, regions });
  const outcome = await new Promise<{ status: string; message: string }>((resolve) => {
    const off = api.subscribe((event, payload) => {
      const p = payload as { snapshotId: string; status: string; message: string };
      if (event === 'snapshot.finished' && p.snapshotId === snapshotId) {
        off();
        resolve(p);
      }
    });
  });
  const { snapshot } = await ok<{ snapshot: SnapshotSummary }>('snapshots.get', { snapshotId });
  return { outcome, snapshot };
}

describe('a profile with endpoint_url', () => {
  it('makes the snapshot collect from that endpoint, with no environment variable pointing anywhere', async () => {
    write('.aws/config', `[profile emulator]\nregion = us-east-1\nendpoint_url = ${server.url}\n`);
    credentialsFor('emulator');
    const before = server.requests.length;
    const { outcome, snapshot } = await snapshotVia('aws-profile:emulator');
    expect(outcome.message).toMatch(/Snapshot complete/);
    expect(snapshot).toMatchObject({ status: 'complete', account: northwindHealth.accountId });
    expect(snapshot.resourceCount).toBeGreaterThan(20);
    // Every service the collectors call reached the emulator, S3 included (path-style on a custom host).
    const services = new Set(server.requests.slice(before).map((r) => r.service));
    for (const s of ['sts', 'iam', 's3', 'ec2', 'cloudtrail']) expect(services).toContain(s);
    // The connection list says where this profile sends its calls.
    const list = await ok<ConnectionList>('connections.list', {});
    expect(list.connections.find((c) => c.id === 'aws-profile:emulator')?.source).toContain(
      `endpoint_url ${server.url}`,
    );
  }, 60_000);

  it('fails fast, naming the profile, when its services section does not exist', async () => {
    write('.aws/config', `[profile emulator]\nregion = us-east-1\nservices = missing\n`);
    credentialsFor('emulator');
    const { outcome } = await snapshotVia('aws-profile:emulator');
    expect(outcome.status).toBe('failed');
    expect(outcome.message).toMatch(
      /Profile "emulator" says services = missing.*no \[services missing\] section/,
    );
  }, 60_000);
});

describe('custom endpoint connections', () => {
  it('are saved, listed, snapshotted through, audited and removed', async () => {
    write('.aws/config', '[profile local]\nregion = eu-west-1\n');
    credentialsFor('local');
    const saved = await ok<Connection>('connections.addEndpoint', {
      name: 'Replay (loopback)',
      url: `${server.url}/`,
      region: 'us-east-1',
      credentials: { source: 'profile', profile: 'local' },
    });
    expect(saved).toEqual({
      id: 'endpoint:replay-loopback',
      provider: 'aws',
      name: 'Replay (loopback)',
      kind: 'custom-endpoint',
      region: 'us-east-1',
      source: `${server.url} with profile local`,
    });
    const list = await ok<ConnectionList>('connections.list', {});
    expect(list.connections.map((c) => c.id)).toEqual(
      expect.arrayContaining(['aws-profile:local', 'endpoint:replay-loopback', 'demo']),
    );

    // No regions given: a custom endpoint collects its own region only.
    const { snapshotId } = await ok<{ snapshotId: string }>('snapshots.start', {
      connectionId: 'endpoint:replay-loopback',
    });
    await new Promise<void>((resolve) => {
      const off = api.subscribe((event, payload) => {
        if (event === 'snapshot.finished' && (payload as { snapshotId: string }).snapshotId === snapshotId) {
          off();
          resolve();
        }
      });
    });
    const { snapshot } = await ok<{ snapshot: SnapshotSummary }>('snapshots.get', { snapshotId });
    expect(snapshot).toMatchObject({ status: 'complete', regions: ['us-east-1'] });

    expect(await ok('connections.removeEndpoint', { connectionId: 'endpoint:replay-loopback' })).toEqual({
      removed: true,
    });
    expect(await ok('connections.removeEndpoint', { connectionId: 'endpoint:replay-loopback' })).toEqual({
      removed: false,
    });
    const after = await ok<ConnectionList>('connections.list', {});
    expect(after.connections.map((c) => c.id)).not.toContain('endpoint:replay-loopback');

    const audit = ws.db
      .prepare(
        `SELECT action, entity, details FROM audit_log WHERE action LIKE 'connections.%' OR action = 'snapshot.start' ORDER BY seq`,
      )
      .all() as { action: string; entity: string; details: string }[];
    expect(audit.map((a) => a.action)).toEqual([
      'connections.endpoint.add',
      'snapshot.start',
      'connections.endpoint.remove',
    ]);
    expect(audit[0].entity).toBe('connection:endpoint:replay-loopback');
    expect(JSON.parse(audit[1].details)).toMatchObject({ endpoint: `${server.url} with profile local` });
  }, 60_000);

  it.each([
    ['ftp://files.example.com', /must start with http:\/\/ or https:\/\//],
    ['http://user:secret@localhost:4566', /must not contain a user name or password/],
    ['http://localhost:4566/some/path', /only a scheme, host and port/],
    ['localhost:4566', /must start with http|is not a URL/],
  ])('refuse the URL %s with a clear message', async (url, why) => {
    const r = await api.dispatch('connections.addEndpoint', {
      name: 'x',
      url,
      region: 'us-east-1',
      credentials: { source: 'env' },
    });
    expect(r.ok).toBe(false);
    expect((r as { ok: false; error: { message: string } }).error.message).toMatch(why);
    expect(JSON.stringify(r)).not.toContain('secret@');
    const list = await ok<ConnectionList>('connections.list', {});
    expect(list.connections.some((c) => c.kind === 'custom-endpoint')).toBe(false);
  });

  it('refuse a profile that does not exist, and a second endpoint with the same name', async () => {
    const r = await api.dispatch('connections.addEndpoint', {
      name: 'LocalStack',
      url: 'http://localhost:4566',
      region: 'us-east-1',
      credentials: { source: 'profile', profile: 'nope' },
    });
    expect(r.ok).toBe(false);
    expect(JSON.stringify(r)).toMatch(/Profile \\"nope\\" is not in your AWS config/);
    const input = {
      name: 'LocalStack',
      url: 'http://localhost:4566',
      region: 'us-east-1',
      credentials: { source: 'env' },
    };
    await ok('connections.addEndpoint', input);
    const again = await api.dispatch('connections.addEndpoint', { ...input, name: 'localstack' });
    expect(JSON.stringify(again)).toMatch(/already exists/);
  });
});

describe('a one-off endpoint (CLI --endpoint-url)', () => {
  it('sends a profile connection without endpoint_url to the given endpoint', async () => {
    write('.aws/config', '[profile plain]\nregion = us-east-1\n');
    credentialsFor('plain');
    const { done } = startSnapshot(ws, {
      connectionId: 'aws-profile:plain',
      regions: ['us-east-1'],
      endpointUrl: server.url,
    });
    const outcome = await done;
    expect(outcome).toMatchObject({ status: 'complete' });
  }, 60_000);

  it('is refused for the demo and for a URL with credentials, before any snapshot row exists', () => {
    expect(() => startSnapshot(ws, { connectionId: 'demo', endpointUrl: 'http://localhost:1' })).toThrow(
      /already has its own endpoint/,
    );
    write('.aws/config', '[profile plain]\nregion = us-east-1\n');
    expect(() =>
      startSnapshot(ws, { connectionId: 'aws-profile:plain', endpointUrl: 'http://a:b@localhost:1' }),
    ).toThrow(/must not contain a user name or password/);
    expect(ws.db.prepare('SELECT count(*) AS n FROM snapshots').get()).toEqual({ n: 0 });
  });
});
