// Threat: demo output (the fictional Northwind Health estate) passed off as real evidence, or real evidence
// signed with a key anyone can use. Demo packages are signed with the published demo key and never verify as
// trusted; that key cannot be trusted or pinned; a real snapshot is never signed with it and a demo snapshot
// never with the workspace key; relabelling a demo package as real (or the reverse) is not verified.
import type { KeyObject } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RefusedError } from '../../main/core/errors';
import { DEMO_ACCOUNT_IDS, demoAccountProblem, isDemoSnapshot } from '../../main/evidence/demo-snapshot';
import {
  DEMO_KEY_FINGERPRINT_HEX,
  PRIVATE_KEY_FILE,
  SigningKeyError,
  demoSigningKey,
  groupFingerprint,
  loadOrCreateSigningKey,
} from '../../main/evidence/signing-key';
import { trustSigner, trustedSignerNames } from '../../main/evidence/trusted-signers';
import { checkpointSignatureProblem } from '../../main/evidence/audit-checkpoints';
import {
  MANIFEST_FILE,
  SIGNATURE_FILE,
  serializeManifest,
  signManifest,
  verifyManifestSignature,
  type Manifest,
} from '../../main/export/manifest';
import { writePackage } from '../../main/export/package-writer';
import { verifyPackage } from '../../main/export/verify';
import { DEMO_MEMBER_ESTATES, DEMO_ACCOUNT_ID, registerDemoConnection } from '../../main/demo/demo-target';
import {
  DEMO_AZURE_TENANTS,
  NORTHWIND_PROD_SUBSCRIPTION,
  NORTHWIND_TENANT_ID,
} from '../../main/demo/azure/estate';
import { makeExportFixture, makeModel, type Fixture } from '../integration/export-fixture';
import { resignPackage } from '../helpers/resign-package';
import { makeDemoPackage, runCli, type DemoPackage } from './demo-package';

const DEMO_FP = groupFingerprint(DEMO_KEY_FINGERPRINT_HEX);
const demoPublicPem = () => demoSigningKey().publicKeyPem;

let demo: DemoPackage;
beforeAll(async () => {
  registerDemoConnection();
  demo = await makeDemoPackage({ demo: true });
}, 180_000);
afterAll(() => demo?.close());

const readManifest = (dir: string) =>
  JSON.parse(fs.readFileSync(path.join(dir, MANIFEST_FILE), 'utf8')) as Manifest;

/** Changes the manifest and signs it again with `key` (the demo key's private half is published). */
function rewriteManifest(dir: string, edit: (m: Manifest) => void, key: KeyObject | null): void {
  const m = readManifest(dir);
  edit(m);
  const bytes = serializeManifest(m);
  fs.writeFileSync(path.join(dir, MANIFEST_FILE), bytes);
  if (key) fs.writeFileSync(path.join(dir, SIGNATURE_FILE), signManifest(bytes, key));
}

describe('the demo marker', () => {
  it('lists exactly the demo estates’ fictional ids', () => {
    const estates = [DEMO_ACCOUNT_ID, ...DEMO_MEMBER_ESTATES.map((e) => e.accountId)];
    // Every demo Azure tenant and subscription, read from the estates so a new one cannot be forgotten.
    const azure = DEMO_AZURE_TENANTS.flatMap((t) => [
      t.tenantId,
      ...t.subscriptions.map((s) => s.subscriptionId),
    ]);
    expect(azure).toEqual(expect.arrayContaining([NORTHWIND_TENANT_ID, NORTHWIND_PROD_SUBSCRIPTION]));
    for (const id of [...estates, ...azure]) expect(DEMO_ACCOUNT_IDS, id).toContain(id);
  });

  it('is the core-written connection id, never a profile, environment or endpoint connection', () => {
    expect(isDemoSnapshot({ connection: 'demo' })).toBe(true);
    expect(isDemoSnapshot({ connection: 'demo-azure' })).toBe(true);
    for (const connection of ['aws-profile:demo', 'aws-env', 'aws-chain', 'endpoint:demo', 'Demo', 'demo '])
      expect(isDemoSnapshot({ connection }), connection).toBe(false);
    expect(demoAccountProblem({ connection: 'demo', account: '111122223333' })).toBeNull();
    expect(demoAccountProblem({ connection: 'demo', account: '123456789012' })).toMatch(
      /not one of the fictional/,
    );
  });

  it('the demo snapshot summary says demo; the connection column is inside the sealed content hash', () => {
    const s = demo.ws.db.prepare('SELECT connection FROM snapshots WHERE id = ?').get(demo.snapshotId) as {
      connection: string;
    };
    expect(s.connection).toBe('demo');
    expect(() =>
      demo.ws.db.prepare(`UPDATE snapshots SET connection = 'aws-env' WHERE id = ?`).run(demo.snapshotId),
    ).toThrow();
  });
});

describe('the demo key is never trusted', () => {
  it('trusting it is refused by public key, by fingerprint in any spelling, and through the API and CLI', async () => {
    for (const key of [demoPublicPem(), DEMO_FP, DEMO_KEY_FINGERPRINT_HEX.toUpperCase()]) {
      expect(() => trustSigner(demo.ws.db, { key, name: 'demo', addedBy: 't', how: 'cli' })).toThrow(
        RefusedError,
      );
    }
    await expect(demo.call('keys.trust', { key: DEMO_FP, name: 'Demo' })).rejects.toThrow(
      /refused: .*published DEMO signing key/,
    );
    const cli = runCli(demo.dataDir, 'keys', 'trust', DEMO_FP, '--name', 'Demo');
    expect(cli.status).not.toBe(0);
    expect(cli.stderr + cli.stdout).toMatch(/published DEMO signing key/);
    expect([...trustedSignerNames(demo.ws.db).keys()]).not.toContain(DEMO_KEY_FINGERPRINT_HEX);
  });

  it('pinning it with --expect-key is refused', async () => {
    await expect(verifyPackage(demo.exported.packageDir, { expectKey: DEMO_FP })).rejects.toThrow(
      RefusedError,
    );
    const cli = runCli(demo.dataDir, 'verify', demo.exported.packageDir, '--expect-key', DEMO_FP);
    expect(cli.status).not.toBe(0);
    expect(cli.status).not.toBe(3);
    expect(cli.stderr + cli.stdout).toMatch(/cannot be trusted or pinned/);
  });

  it('a trust row naming it (written by hand) does not make a demo package verified', async () => {
    const trusted = new Map([[DEMO_KEY_FINGERPRINT_HEX, 'smuggled']]);
    const r = await verifyPackage(demo.exported.packageDir, { trusted });
    expect(r).toMatchObject({ outcome: 'unknown-signer', ok: false, demo: true, problems: [] });
    expect(r.signer).toMatchObject({ trusted: false, name: null });
    const db = new Database(path.join(demo.dataDir, 'workspace.sqlite'));
    try {
      db.prepare(
        `INSERT INTO trusted_signers (fingerprint, name, public_key_pem, added_at, added_by, added_how)
         VALUES (?, 'smuggled', NULL, '2025-01-01T00:00:00Z', 'x', 'hand')`,
      ).run(DEMO_KEY_FINGERPRINT_HEX);
    } finally {
      db.close();
    }
    expect(trustedSignerNames(demo.ws.db).has(DEMO_KEY_FINGERPRINT_HEX)).toBe(false);
    const cli = runCli(demo.dataDir, 'verify', demo.exported.packageDir);
    expect(cli.status, cli.stdout + cli.stderr).toBe(3);
  });

  it('a workspace whose key file holds the demo key is refused, so real evidence is never signed with it', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ed-demo-key-'));
    try {
      const pem = demoSigningKey().privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
      fs.writeFileSync(path.join(dir, PRIVATE_KEY_FILE), pem, { mode: 0o600 });
      expect(() => loadOrCreateSigningKey(dir)).toThrow(SigningKeyError);
      expect(() => loadOrCreateSigningKey(dir)).toThrow(/published DEMO key/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('who signs what', () => {
  let fx: Fixture;
  let out: string;
  beforeAll(() => {
    fx = makeExportFixture();
    out = fs.mkdtempSync(path.join(os.tmpdir(), 'ed-demo-key-out-'));
  });
  afterAll(() => {
    fx.close();
    fs.rmSync(out, { recursive: true, force: true });
  });

  it('a real snapshot is signed with the workspace key, never the demo key, and is not labelled demo', async () => {
    const keyDir = path.join(fx.dir, 'keys');
    const r = await writePackage(fx.db, makeModel(fx.db, fx.snapshotId), { outputDir: out, keyDir });
    expect(r.demo).toBe(false);
    expect(r.signingKeyFingerprint).toBe(loadOrCreateSigningKey(keyDir).fingerprint);
    expect(r.signingKeyFingerprint).not.toBe(DEMO_FP);
    expect(readManifest(r.packageDir).demo).toBe(false);
    const v = await verifyPackage(r.packageDir, { expectKey: r.signingKeyFingerprint });
    expect(v).toMatchObject({ outcome: 'verified', demo: false });
  });

  it('a demo snapshot is signed with the demo key, never the workspace key, manifest and audit checkpoint alike', () => {
    const own = loadOrCreateSigningKey(demo.ws.keyDir);
    const dir = demo.exported.packageDir;
    expect(demo.exported).toMatchObject({ demo: true, signingKeyFingerprint: DEMO_FP });
    const m = readManifest(dir);
    expect(m).toMatchObject({ demo: true, signingKeyFingerprint: DEMO_FP });
    const bytes = fs.readFileSync(path.join(dir, MANIFEST_FILE));
    const sig = fs.readFileSync(path.join(dir, SIGNATURE_FILE), 'utf8');
    expect(verifyManifestSignature(bytes, sig, demoPublicPem())).toBe(true);
    expect(verifyManifestSignature(bytes, sig, own.publicKeyPem)).toBe(false);
    const trail = JSON.parse(fs.readFileSync(path.join(dir, 'audit', 'audit-trail.json'), 'utf8'));
    expect(trail.checkpoint.signerFingerprint).toBe(DEMO_FP);
    expect(checkpointSignatureProblem(trail.checkpoint)).toBeNull();
    // Nowhere in the package's text files does the workspace key appear.
    for (const f of ['manifest.json', 'VERIFY.txt', 'audit/audit-trail.json', 'signing-key.pub.pem'])
      expect(fs.readFileSync(path.join(dir, f), 'utf8'), f).not.toContain(own.fingerprint);
    // The workspace's own audit log still verifies: its checkpoints are by keys it trusts.
    return expect(demo.call('audit.verify', {})).resolves.toMatchObject({ ok: true });
  });
});

describe('verifying a demo package', () => {
  it('is intact but signer unknown (exit 3) with the demo line, never verified', async () => {
    const r = await demo.call('export.verify', { path: demo.exported.zipPath });
    expect(r).toMatchObject({ outcome: 'unknown-signer', ok: false, demo: true, problems: [] });
    const cli = runCli(demo.dataDir, 'verify', demo.exported.packageDir);
    expect(cli.status, cli.stdout + cli.stderr).toBe(3);
    expect(cli.stdout).toMatch(/^INTACT BUT SIGNER UNKNOWN \(DEMO - fictional estate\)/m);
    expect(cli.stdout).toMatch(/this is a demo package signed with the published demo key/);
    expect(cli.stdout).toContain(`${DEMO_FP} (the demo key)`);
    expect(cli.stdout).not.toMatch(/keys trust/);
  });

  it('relabelled as real without re-signing: the signature fails (not verified, exit 1)', async () => {
    const dir = demo.copy();
    rewriteManifest(dir, (m) => (m.demo = false), null);
    const r = await verifyPackage(dir);
    expect(r.outcome).toBe('not-verified');
    expect(r.signature).toBe('invalid');
    expect(runCli(demo.dataDir, 'verify', dir).status).toBe(1);
  });

  it('relabelled and re-signed with the published demo key: the manifest disagrees with the shipped snapshot', async () => {
    const dir = demo.copy();
    rewriteManifest(dir, (m) => (m.demo = false), demoSigningKey().privateKey);
    const r = await verifyPackage(dir);
    expect(r.signature).toBe('valid');
    expect(r.outcome).toBe('not-verified');
    expect(r.problems.join('\n')).toMatch(
      /says demo: false, but the shipped snapshot is the demo.*relabelled/,
    );
  });

  it('relabelled and re-signed with a key of the attacker’s own: still not verified, even when trusted', async () => {
    const dir = demo.copy();
    rewriteManifest(dir, (m) => (m.demo = false), null);
    const key = await resignPackage(dir);
    const trusted = new Map([[key.fingerprint.replace(/ /g, ''), 'attacker']]);
    const r = await verifyPackage(dir, { trusted });
    expect(r.outcome).toBe('not-verified');
    expect(r.problems.join('\n')).toMatch(/relabelled/);
    // Left labelled demo but re-signed with a trusted key: intact, yet a demo package is never verified.
    const honest = demo.copy();
    const k2 = await resignPackage(honest);
    const r2 = await verifyPackage(honest, { trusted: new Map([[k2.fingerprint.replace(/ /g, ''), 'x']]) });
    expect(r2).toMatchObject({ outcome: 'unknown-signer', demo: true, problems: [] });
    const pinned = await verifyPackage(honest, { expectKey: k2.fingerprint });
    expect(pinned.outcome).toBe('unknown-signer');
  });

  it('removing the label from the manifest (re-signed) does not help: the shipped snapshot says demo', async () => {
    const dir = demo.copy();
    rewriteManifest(dir, (m) => delete m.demo, demoSigningKey().privateKey);
    const r = await verifyPackage(dir);
    expect(r).toMatchObject({ outcome: 'unknown-signer', demo: true });
  });
});
