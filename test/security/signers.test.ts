// Threat: a tampered package, re-signed with a freshly made Ed25519 key, used to verify "VERIFIED" (exit 0):
// a valid signature by an unknown key proves nothing. Verification now answers who signed: verified (trusted
// signer or the pinned key), intact but signer unknown (exit 3), or not verified (exit 1).
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import yauzl from 'yauzl';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resignPackage } from '../helpers/resign-package';
import { makeDemoPackage, runCli, type DemoPackage } from './demo-package';

let fx: DemoPackage;
beforeAll(async () => {
  fx = await makeDemoPackage();
}, 120_000);
afterAll(() => fx?.close());

/** What an attacker can do with the package and a key of their own: change a file and re-sign everything. */
async function resignWithFreshKey(dir: string): Promise<{ fingerprint: string; publicKeyPem: string }> {
  const findings = path.join(dir, 'evidence', 'findings.json');
  fs.writeFileSync(findings, fs.readFileSync(findings, 'utf8').replaceAll('"fail"', '"pass"'));
  return resignPackage(dir);
}

describe('who signed', () => {
  it('a package signed by this workspace verifies as verified by the trusted signer "This workspace"', async () => {
    const r = await fx.call('export.verify', { path: fx.exported.packageDir });
    expect(r.outcome).toBe('verified');
    expect(r.signer).toEqual({
      fingerprint: fx.exported.signingKeyFingerprint,
      name: 'This workspace',
      trusted: true,
      pinned: false,
    });
  });

  it('the re-sign attack gives "signer unknown" without pinning and "not verified" with the original key pinned', async () => {
    const dir = fx.copy();
    const attacker = await resignWithFreshKey(dir);
    const unpinned = await fx.call('export.verify', { path: dir });
    expect(unpinned.problems).toEqual([]);
    expect(unpinned.outcome).toBe('unknown-signer');
    expect(unpinned.ok).toBe(false);
    expect(unpinned.signer).toMatchObject({ fingerprint: attacker.fingerprint, trusted: false, name: null });

    const pinned = await fx.call('export.verify', {
      path: dir,
      expectKey: fx.exported.signingKeyFingerprint,
    });
    expect(pinned.outcome).toBe('not-verified');
    expect(pinned.problems.join('\n')).toContain(
      `not by the expected key ${fx.exported.signingKeyFingerprint}`,
    );

    // The same through the real CLI: exit 3 without a pin, 1 with the original key pinned.
    const cliUnpinned = runCli(fx.dataDir, 'verify', dir);
    expect(cliUnpinned.status, cliUnpinned.stderr).toBe(3);
    expect(cliUnpinned.stdout).toMatch(/^INTACT BUT SIGNER UNKNOWN: /m);
    expect(cliUnpinned.stdout).toContain(`signer fingerprint: ${attacker.fingerprint}`);
    expect(cliUnpinned.stdout).toContain('Compare the fingerprint above with the one the analyst gave you');
    const cliPinned = runCli(fx.dataDir, 'verify', dir, '--expect-key', fx.exported.signingKeyFingerprint);
    expect(cliPinned.status).toBe(1);
    expect(cliPinned.stdout).toMatch(/^NOT VERIFIED: /m);
    // Pinning the attacker's own key (as a script would with the wrong fingerprint) verifies only that key.
    const pem = path.join(fx.dataDir, 'attacker.pub.pem');
    fs.writeFileSync(pem, attacker.publicKeyPem);
    expect(runCli(fx.dataDir, 'verify', dir, '--expect-key', pem).status).toBe(0);
  }, 60_000);

  it('trusting a key makes its packages verified under its name; withdrawing trust makes them unknown again', async () => {
    const dir = fx.copy();
    const attacker = await resignWithFreshKey(dir);
    const signer = await fx.call('keys.trust', { key: attacker.publicKeyPem, name: 'Second analyst' });
    expect(signer).toMatchObject({
      fingerprint: attacker.fingerprint,
      name: 'Second analyst',
      addedHow: 'cli',
    });
    expect(await fx.call('export.verify', { path: dir })).toMatchObject({
      outcome: 'verified',
      signer: { name: 'Second analyst', trusted: true },
    });
    await fx.call('keys.withdraw', { fingerprint: attacker.fingerprint });
    expect((await fx.call('export.verify', { path: dir })).outcome).toBe('unknown-signer');
    const list = await fx.call('keys.list', {});
    expect(list.signers.find((s) => s.fingerprint === attacker.fingerprint)?.removedAt).toBeTruthy();
    // Trust by fingerprint alone (read out over the phone), through the CLI.
    const byFingerprint = runCli(
      fx.dataDir,
      'keys',
      'trust',
      attacker.fingerprint,
      '--name',
      'Read out by phone',
    );
    expect(byFingerprint.status, byFingerprint.stderr).toBe(0);
    expect((await fx.call('export.verify', { path: dir })).signer?.name).toBe('Read out by phone');
    await fx.call('keys.withdraw', { fingerprint: attacker.fingerprint });
  }, 60_000);

  it('every trust change is in the audit log with who did it', async () => {
    const rows = fx.ws.db
      .prepare(`SELECT action, actor, entity FROM audit_log WHERE action LIKE 'keys.%' ORDER BY seq`)
      .all() as { action: string; actor: string; entity: string }[];
    expect(rows.map((r) => r.action)).toEqual(expect.arrayContaining(['keys.trust', 'keys.withdraw']));
    expect(rows.every((r) => r.actor.length > 0)).toBe(true);
  });

  it('refuses a private key, a non-Ed25519 key and text that is no key, saying what to give instead', async () => {
    const ed = crypto.generateKeyPairSync('ed25519');
    const rsa = crypto.generateKeyPairSync('rsa', { modulusLength: 1024 });
    const attempt = (key: string) => fx.call('keys.trust', { key, name: 'x' });
    await expect(attempt(ed.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString())).rejects.toThrow(
      /PRIVATE key/,
    );
    await expect(attempt(rsa.publicKey.export({ type: 'spki', format: 'pem' }).toString())).rejects.toThrow(
      /rsa key; packages are signed with Ed25519/,
    );
    await expect(attempt('not a key')).rejects.toThrow(/fingerprint \(64 hex digits/);
  });
});

describe('the signer fingerprint is shown wherever a person looks', () => {
  const fp = () => fx.exported.signingKeyFingerprint;

  it('VERIFY.txt and the CLI output', () => {
    expect(fs.readFileSync(path.join(fx.exported.packageDir, 'VERIFY.txt'), 'utf8')).toContain(fp());
    const r = runCli(fx.dataDir, 'verify', fx.exported.zipPath);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^VERIFIED \(trusted signer "This workspace"\)/m);
    expect(r.stdout).toContain(`signer fingerprint: ${fp()}`);
  }, 60_000);

  it('the workbook Summary sheet', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(fx.exported.packageDir, 'workbook.xlsx'));
    const values: string[] = [];
    wb.getWorksheet('Summary')!.eachRow((row) => values.push(row.values!.toString()));
    expect(values.join('\n')).toContain(fp());
  });

  it('the report cover', async () => {
    const xml = await readZipEntry(path.join(fx.exported.packageDir, 'report.docx'), 'word/document.xml');
    const text = xml.replace(/<[^>]+>/g, '');
    const cover = text.slice(0, text.indexOf('Scope'));
    expect(cover).toContain('Signer fingerprint');
    expect(cover).toContain(fp());
  });
});

async function readZipEntry(zipPath: string, name: string): Promise<string> {
  const zip = await yauzl.openPromise(zipPath, { lazyEntries: true });
  try {
    for await (const entry of zip.eachEntry()) {
      if (entry.fileName !== name) continue;
      const chunks: Buffer[] = [];
      for await (const c of await zip.openReadStreamPromise(entry)) chunks.push(c as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    }
  } finally {
    zip.close();
  }
  throw new Error(`${name} not in ${zipPath}`);
}
