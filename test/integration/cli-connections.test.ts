// The CLI's connection commands: list (the default), add-endpoint / remove-endpoint (saved in the workspace,
// refused with the same words as the UI), and snapshot --endpoint-url (a one-off endpoint for a profile) against
// the loopback replay server of the demo estate.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { northwindHealth } from '../../main/demo/estate/northwind-health';
import { startReplayServer, type ReplayServer } from '../../main/demo/replay/server';
import { TEST_CREDENTIALS } from '../fixtures/aws/harness';

const root = path.resolve(__dirname, '..', '..');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ed-cli-conn-'));
let server: ReplayServer;

// Asynchronous: the replay server answering the snapshot runs in this process.
function cli(...args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOME: dir,
    AWS_CONFIG_FILE: path.join(dir, 'config'),
    AWS_SHARED_CREDENTIALS_FILE: path.join(dir, 'credentials'),
  };
  for (const k of Object.keys(env))
    if (/^AWS_(ENDPOINT_URL|PROFILE|ACCESS_KEY|SECRET|SESSION)/.test(k)) delete env[k];
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [path.join(root, 'bin', 'evidence-desk.js'), '--data-dir', path.join(dir, 'ws'), ...args],
      { cwd: root, env },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

beforeAll(async () => {
  server = await startReplayServer({ estate: northwindHealth });
  fs.writeFileSync(path.join(dir, 'config'), '[profile plain]\nregion = us-east-1\n');
  fs.writeFileSync(
    path.join(dir, 'credentials'),
    `[plain]\naws_access_key_id = ${TEST_CREDENTIALS.accessKeyId}\naws_secret_access_key = ${TEST_CREDENTIALS.secretAccessKey}\n`,
  );
});
afterAll(async () => {
  await server.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('evidence-desk connections', () => {
  it('adds, lists and removes a custom endpoint; refuses a URL with credentials', async () => {
    const added = await cli(
      'connections',
      'add-endpoint',
      '--name',
      'LocalStack',
      '--url',
      'http://localhost:4566',
      '--region',
      'eu-west-1',
      '--profile',
      'plain',
    );
    expect(added.stderr).toBe('');
    expect(added.stdout).toBe('saved endpoint:localstack: http://localhost:4566 with profile plain\n');
    const listed = await cli('connections');
    expect(listed.stdout).toMatch(
      /endpoint:localstack\s+custom-endpoint\s+eu-west-1\s+http:\/\/localhost:4566/,
    );
    expect(listed.stdout).toMatch(/aws-profile:plain/);
    expect(listed.stdout).toMatch(/\bdemo\b/);

    const refused = await cli(
      'connections',
      'add-endpoint',
      '--name',
      'Leaky',
      '--url',
      'http://user:hunter2@localhost:1',
      '--region',
      'eu-west-1',
      '--env',
    );
    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toMatch(/must not contain a user name or password/);
    expect(refused.stderr + refused.stdout).not.toContain('hunter2');

    const removed = await cli('connections', 'remove-endpoint', 'endpoint:localstack');
    expect(removed.stdout).toBe('removed endpoint:localstack\n');
    expect((await cli('connections', 'list')).stdout).not.toMatch(/endpoint:localstack/);
  }, 120_000);

  it('snapshot --endpoint-url collects a profile connection from the given endpoint', async () => {
    const before = server.requests.length;
    const r = await cli(
      'snapshot',
      '--connection',
      'aws-profile:plain',
      '--regions',
      'us-east-1',
      '--endpoint-url',
      server.url,
    );
    expect(r.stdout).toMatch(/Snapshot complete/);
    expect(r.status).toBe(0);
    expect(server.requests.length).toBeGreaterThan(before + 50);
  }, 120_000);
});
