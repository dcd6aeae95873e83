import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import yazl from 'yazl';
import { NotFoundError } from '../../main/core/errors';
import { writePackage } from '../../main/export/package-writer';
import { verifyPackage } from '../../main/export/verify';
import { zipFolder } from '../../main/export/zip';
import type { ExportResult } from '../../shared/domain';
import { makeExportFixture, makeModel, type Fixture } from './export-fixture';

describe('verifyPackage', () => {
  let fx: Fixture;
  let out: string;
  let original: ExportResult;
  /** A fresh copy of the clean package for each test to tamper with. */
  let pkg: string;
  let n = 0;
  let trusted: Map<string, string>;

  beforeAll(async () => {
    fx = makeExportFixture();
    out = fs.mkdtempSync(path.join(os.tmpdir(), 'evidence-desk-verify-'));
    original = await writePackage(fx.db, makeModel(fx.db, fx.snapshotId), {
      outputDir: out,
      keyDir: path.join(fx.dir, 'keys'),
    });
    trusted = new Map([[original.signingKeyFingerprint.replace(/ /g, ''), 'the fixture workspace']]);
  });
  beforeEach(() => {
    pkg = path.join(out, `copy-${++n}`);
    fs.cpSync(original.packageDir, pkg, { recursive: true });
  });
  afterAll(() => {
    fx.close();
    fs.rmSync(out, { recursive: true, force: true });
  });

  async function zipOf(dir: string): Promise<string> {
    const zip = `${dir}.zip`;
    await zipFolder(dir, zip, path.basename(dir), new Date('2025-07-01T00:00:00Z'));
    return zip;
  }

  it('accepts a clean package, as a folder and as its zip', async () => {
    for (const target of [original.packageDir, original.zipPath]) {
      const r = await verifyPackage(target, { trusted });
      expect(r, target).toMatchObject({
        outcome: 'verified',
        ok: true,
        changed: [],
        missing: [],
        added: [],
        problems: [],
        signature: 'valid',
      });
      expect(r.checkedFiles).toBe(original.files.length);
      expect(r.signingKeyFingerprint).toBe(original.signingKeyFingerprint);
    }
  });

  it('detects a file changed by one byte', async () => {
    const f = path.join(pkg, 'evidence', 'findings.json');
    const data = fs.readFileSync(f);
    data[10] = data[10] ^ 1;
    fs.writeFileSync(f, data);
    for (const target of [pkg, await zipOf(pkg)]) {
      const r = await verifyPackage(target);
      expect(r.ok).toBe(false);
      expect(r.changed).toEqual(['evidence/findings.json']);
      expect(r.signature).toBe('valid');
    }
  });

  it('detects a missing file', async () => {
    fs.rmSync(path.join(pkg, 'report.docx'));
    const r = await verifyPackage(pkg);
    expect(r.ok).toBe(false);
    expect(r.missing).toEqual(['report.docx']);
    expect(r.changed).toEqual([]);
  });

  it('detects an added file', async () => {
    fs.writeFileSync(path.join(pkg, 'evidence', 'extra.json'), '{}');
    for (const target of [pkg, await zipOf(pkg)]) {
      const r = await verifyPackage(target);
      expect(r.ok).toBe(false);
      expect(r.added).toEqual(['evidence/extra.json']);
    }
  });

  it('reports a tampered manifest as a bad signature, even when the files match it', async () => {
    // The attacker edits a file AND updates its hash in the manifest: only the signature can catch that.
    const f = path.join(pkg, 'VERIFY.txt');
    fs.appendFileSync(f, 'extra line\n');
    const manifestFile = path.join(pkg, 'manifest.json');
    const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8'));
    const entry = manifest.files.find((e: { path: string }) => e.path === 'VERIFY.txt');
    const { createHash } = await import('node:crypto');
    entry.sha256 = createHash('sha256').update(fs.readFileSync(f)).digest('hex');
    entry.bytes = fs.statSync(f).size;
    fs.writeFileSync(manifestFile, `${JSON.stringify(manifest, null, 2)}\n`);
    const r = await verifyPackage(pkg);
    expect(r.ok).toBe(false);
    expect(r.signature).toBe('invalid');
    expect(r.changed).toEqual([]);
    expect(r.problems.join('\n')).toMatch(/manifest\.sig does not match manifest\.json/);
  });

  it('reports a missing signature and an unparsable manifest', async () => {
    fs.rmSync(path.join(pkg, 'manifest.sig'));
    let r = await verifyPackage(pkg);
    expect(r).toMatchObject({ ok: false, signature: 'missing' });
    fs.writeFileSync(path.join(pkg, 'manifest.json'), '{ not json');
    r = await verifyPackage(pkg);
    expect(r.ok).toBe(false);
    expect(r.problems.join('\n')).toMatch(/manifest\.json cannot be parsed/);
  });

  it('catches a snapshot.sqlite re-signed with a different content hash', async () => {
    const manifestFile = path.join(pkg, 'manifest.json');
    const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8'));
    manifest.snapshot.contentSha256 = '0'.repeat(64);
    fs.writeFileSync(manifestFile, `${JSON.stringify(manifest, null, 2)}\n`);
    const r = await verifyPackage(pkg);
    expect(r.ok).toBe(false);
    expect(r.problems.join('\n')).toMatch(
      /snapshot\.sqlite content hash is [0-9a-f]{64}, but the manifest states 0{64}/,
    );
  });

  it("refuses zip entries that escape the package: '../evil', absolute paths, backslashes, symlinks", async () => {
    const zip = new yazl.ZipFile();
    const root = path.basename(original.packageDir);
    for (const f of fs.readdirSync(original.packageDir, { recursive: true, withFileTypes: true })) {
      if (!f.isFile()) continue;
      const abs = path.join(f.parentPath, f.name);
      zip.addFile(abs, `${root}/${path.relative(original.packageDir, abs).split(path.sep).join('/')}`);
    }
    // yazl itself refuses unsafe names, so write same-length placeholders and patch the bytes afterwards,
    // as an attacker's tool would produce them.
    zip.addBuffer(Buffer.from('pwned'), 'xx/evil');
    zip.addBuffer(Buffer.from('pwned'), 'zzetc/passwd');
    zip.addBuffer(Buffer.from('pwned'), 'yy_win.txt');
    zip.addBuffer(Buffer.from('/etc/passwd'), `${root}/link`, { mode: 0o120777 });
    zip.end();
    const chunks: Buffer[] = [];
    for await (const c of zip.outputStream) chunks.push(c as Buffer);
    let bytes = Buffer.concat(chunks);
    const patch = (from: string, to: string) => {
      const a = Buffer.from(from);
      let at = bytes.indexOf(a);
      expect(at).toBeGreaterThan(-1);
      while (at !== -1) {
        Buffer.from(to).copy(bytes, at);
        at = bytes.indexOf(a, at + 1);
      }
    };
    patch('xx/evil', '../evil');
    patch('zzetc/passwd', '/etc/passwd'.padEnd(12, 'x'));
    patch('yy_win.txt', 'yy\\win.txt');
    bytes = Buffer.from(bytes);
    const evil = path.join(out, 'evil.zip');
    fs.writeFileSync(evil, bytes);

    const r = await verifyPackage(evil);
    expect(r.ok).toBe(false);
    const problems = r.problems.join('\n');
    expect(problems).toMatch(/'\.\.\/evil' was refused: it contains '\.\.'/);
    expect(problems).toMatch(/'\/etc\/passwdx' was refused: it is an absolute path/);
    expect(problems).toMatch(/'yy\\win\.txt' was refused: it contains a backslash/);
    expect(problems).toMatch(/'[^']+\/link' was refused: it is a symbolic link/);
    // Nothing was written outside: the verifier never extracts refused entries.
    expect(fs.existsSync(path.join(out, '..', 'evil'))).toBe(false);
    // The package itself still checks out; only the refused entries make it fail.
    expect(r.changed).toEqual([]);
    expect(r.missing).toEqual([]);
    expect(r.signature).toBe('valid');
  });

  it('does not follow a symlink placed in a package folder', async () => {
    fs.symlinkSync('/etc/hostname', path.join(pkg, 'evidence', 'host'));
    const r = await verifyPackage(pkg);
    expect(r.ok).toBe(false);
    expect(r.problems.join('\n')).toMatch(/evidence\/host' is a symbolic link; it was not followed/);
  });

  it('reports a file that is not a zip, and refuses a path that does not exist', async () => {
    const bogus = path.join(out, 'not-a-package.zip');
    fs.writeFileSync(bogus, 'hello');
    const r = await verifyPackage(bogus);
    expect(r.ok).toBe(false);
    expect(r.problems[0]).toMatch(/is not a readable zip file/);
    await expect(verifyPackage(path.join(out, 'nope'))).rejects.toThrow(NotFoundError);
  });
});
