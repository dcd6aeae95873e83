// The CLI headless: demo (snapshot -> evaluate -> export -> verify), then verify refusing a tampered package.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '..', '..');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ed-cli-'));
const cli = (...args: string[]) =>
  spawnSync(
    process.execPath,
    [path.join(root, 'bin', 'evidence-desk.js'), '--data-dir', path.join(dir, 'ws'), ...args],
    {
      encoding: 'utf8',
      cwd: root,
      env: {
        ...process.env,
        HOME: dir,
        AWS_CONFIG_FILE: path.join(dir, 'none'),
        AWS_SHARED_CREDENTIALS_FILE: path.join(dir, 'none'),
      },
      timeout: 120_000,
    },
  );

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('evidence-desk CLI', () => {
  it('runs the demo end to end and verifies the package', () => {
    // The retired id pci-dss-4.0 still works (scripts written for older versions) and means PCI DSS v4.0.1.
    const r = cli('demo', '--framework', 'pci-dss-4.0', '--out', path.join(dir, 'out'));
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/snapshot [0-9a-f-]{36}/);
    expect(r.stdout).toMatch(/deficient/);
    expect(r.stdout).toMatch(/^12\.10\.7\s/m);
    // A demo package is signed with the published demo key, never the workspace's: intact but signer unknown,
    // labelled, which is the demo's success (exit 0 above); `verify` itself answers 3 (test/security/demo-key).
    expect(r.stdout).toMatch(/^INTACT BUT SIGNER UNKNOWN \(DEMO - fictional estate\): /m);
    expect(r.stdout).toMatch(/this is a demo package signed with the published demo key/);
  }, 120_000);

  it('runs the Azure demo end to end: both tenants, one intact package per subscription', () => {
    const r = cli(
      'demo',
      '--cloud',
      'azure',
      '--framework',
      'iso27001-2022',
      '--out',
      path.join(dir, 'out-az'),
    );
    expect(r.status, r.stderr).toBe(0);
    // Northwind Health's two subscriptions and Northwind Research's sandbox, each its own package.
    expect(r.stdout.match(/^INTACT BUT SIGNER UNKNOWN \(DEMO - fictional estate\): /gm)).toHaveLength(3);
    const packages = fs.readdirSync(path.join(dir, 'out-az')).filter((f) => f.endsWith('.zip'));
    expect(packages).toHaveLength(3);
  }, 240_000);

  it('snapshot, evaluate, export and verify as separate commands; verify fails on tampering', () => {
    expect(cli('snapshot', '--connection', 'demo', '--regions', 'us-east-1').status).toBe(0);
    const evaluate = cli('evaluate', '--framework', 'iso27001-2022');
    expect(evaluate.status, evaluate.stderr).toBe(0);
    expect(evaluate.stdout).toMatch(/A\.8\.\d+/);
    const exp = cli('export', '--framework', 'iso27001-2022', '--out', path.join(dir, 'out2'));
    expect(exp.status, exp.stderr).toBe(0);
    const zip = /zip\s+(\S+)/.exec(exp.stdout)?.[1];
    const pkg = /package\s+(\S+)/.exec(exp.stdout)?.[1];
    expect(zip && pkg).toBeTruthy();
    // The demo connection's package: intact, signer unknown by design (the demo key is never trusted).
    expect(cli('verify', zip!).status).toBe(3);
    fs.writeFileSync(path.join(pkg!, 'evidence', 'extra.json'), '{}');
    const bad = cli('verify', pkg!);
    expect(bad.status).toBe(1);
    expect(bad.stdout).toMatch(/^added:\s+evidence\/extra\.json/m);
  }, 180_000);

  it('gives a clear error for a bad framework and for an unknown connection', () => {
    const r = cli('evaluate', '--framework', 'hipaa');
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/soc2-2017, pci-dss-4\.0\.1, iso27001-2022/);
    const s = cli('snapshot', '--connection', 'aws-profile:nope');
    expect(s.status).toBe(1);
    expect(s.stderr).toMatch(/No connection "aws-profile:nope"/);
  }, 60_000);
});
