// Verifying an evidence package (folder or zip) offline: every file against the signed manifest, the
// signature against the package's public key, and the shipped snapshot against its content hash. The result
// lists everything wrong, not just the first problem, so an auditor can say exactly what was tampered with.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { VerifyResult } from '../../shared/domain';
import { NotFoundError } from '../core/errors';
import { fingerprintOfPublicKeyPem } from '../evidence/signing-key';
import { computeContentHash } from '../store/snapshots-repo';
import {
  MANIFEST_FILE,
  Manifest,
  PUBLIC_KEY_IN_PACKAGE,
  SIGNATURE_FILE,
  hashFile,
  listPackageFiles,
  unsafePackagePath,
  verifyManifestSignature,
  type FileHash,
} from './manifest';
import { SNAPSHOT_FILE } from './snapshot-db';
import { readZipPackage } from './zip';

/** What a verifier found in a package, before comparing it with the manifest. */
type PackageContents = {
  files: FileHash[];
  problems: string[];
  outside: string[];
  /** Reads a package file the verifier needs (manifest, signature, key, snapshot); null if absent. */
  localPath(rel: string): string | null;
};

const NEEDED = new Set([MANIFEST_FILE, SIGNATURE_FILE, PUBLIC_KEY_IN_PACKAGE, SNAPSHOT_FILE]);

export async function verifyPackage(target: string): Promise<VerifyResult> {
  const resolved = path.resolve(target);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(resolved);
  } catch {
    throw new NotFoundError(
      `There is no evidence package at ${resolved}. Give the package folder or its .zip.`,
    );
  }
  if (stat.isDirectory()) return compare(readFolder(resolved));
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'evidence-desk-verify-'));
  try {
    let contents: PackageContents;
    try {
      const zip = await readZipPackage(resolved, NEEDED, tmp);
      contents = {
        ...zip,
        localPath: (rel) =>
          zip.files.some((f) => f.path === rel) ? path.join(tmp, path.basename(rel)) : null,
      };
    } catch (err) {
      return {
        ok: false,
        checkedFiles: 0,
        changed: [],
        missing: [],
        added: [],
        signature: 'missing',
        signingKeyFingerprint: null,
        problems: [`${resolved} is not a readable zip file: ${(err as Error).message}`],
      };
    }
    return compare(contents);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

function readFolder(dir: string): PackageContents {
  const { files, symlinks, other } = listPackageFiles(dir);
  const problems = [
    ...symlinks.map((p) => `'${p}' is a symbolic link; it was not followed (a path escape)`),
    ...other.map((p) => `'${p}' is not a regular file`),
  ];
  return {
    files: files.map((p) => ({ path: p, ...hashFile(path.join(dir, ...p.split('/'))) })),
    problems,
    outside: [],
    localPath: (rel) => (files.includes(rel) ? path.join(dir, ...rel.split('/')) : null),
  };
}

function compare(pkg: PackageContents): VerifyResult {
  const problems = [...pkg.problems];
  const added = pkg.outside.map((p) => `${p} (outside the package folder)`);
  const changed: string[] = [];
  const missing: string[] = [];

  const manifestPath = pkg.localPath(MANIFEST_FILE);
  const manifestBytes = manifestPath ? fs.readFileSync(manifestPath) : null;
  let manifest: Manifest | null = null;
  if (!manifestBytes) {
    problems.push(`${MANIFEST_FILE} is missing: this is not an evidence package, or it was stripped`);
  } else {
    try {
      const parsed = Manifest.safeParse(JSON.parse(manifestBytes.toString('utf8')));
      if (parsed.success) manifest = parsed.data;
      else
        problems.push(`${MANIFEST_FILE} is not a valid package manifest: ${parsed.error.issues[0]?.message}`);
    } catch (err) {
      problems.push(`${MANIFEST_FILE} cannot be parsed: ${(err as Error).message}`);
    }
  }

  // Signature first: it says whether the manifest itself can be trusted.
  const sigPath = pkg.localPath(SIGNATURE_FILE);
  const keyPath = pkg.localPath(PUBLIC_KEY_IN_PACKAGE);
  let signature: VerifyResult['signature'] = 'missing';
  let signingKeyFingerprint: string | null = null;
  const publicKeyPem = keyPath ? fs.readFileSync(keyPath, 'utf8') : null;
  if (publicKeyPem) {
    try {
      signingKeyFingerprint = fingerprintOfPublicKeyPem(publicKeyPem);
    } catch {
      problems.push(`${PUBLIC_KEY_IN_PACKAGE} is not a readable public key`);
    }
  } else {
    problems.push(`${PUBLIC_KEY_IN_PACKAGE} is missing, so the signature cannot be checked`);
  }
  if (!sigPath) {
    problems.push(`${SIGNATURE_FILE} is missing: the package is not signed`);
  } else if (manifestBytes && publicKeyPem) {
    const ok = verifyManifestSignature(manifestBytes, fs.readFileSync(sigPath, 'utf8'), publicKeyPem);
    signature = ok ? 'valid' : 'invalid';
    if (!ok)
      problems.push(
        `${SIGNATURE_FILE} does not match ${MANIFEST_FILE}: the manifest or the signature was changed`,
      );
  } else {
    signature = 'invalid';
  }
  if (manifest && signingKeyFingerprint && manifest.signingKeyFingerprint !== signingKeyFingerprint) {
    problems.push(
      `${MANIFEST_FILE} names signing key ${manifest.signingKeyFingerprint} but the package holds key ${signingKeyFingerprint}`,
    );
  }

  const actual = new Map(pkg.files.map((f) => [f.path, f]));
  let checkedFiles = 0;
  if (manifest) {
    const listed = new Set<string>();
    for (const entry of manifest.files) {
      const unsafe = unsafePackagePath(entry.path);
      if (unsafe) {
        problems.push(`${MANIFEST_FILE} lists '${entry.path}', which ${unsafe}; it was not read`);
        continue;
      }
      listed.add(entry.path);
      checkedFiles++;
      const found = actual.get(entry.path);
      if (!found) missing.push(entry.path);
      else if (found.sha256 !== entry.sha256 || found.bytes !== entry.bytes) changed.push(entry.path);
    }
    for (const f of pkg.files) {
      if (!listed.has(f.path) && f.path !== MANIFEST_FILE && f.path !== SIGNATURE_FILE) added.push(f.path);
    }
    checkSnapshot(pkg, manifest, problems);
  }

  return {
    ok:
      manifest !== null &&
      signature === 'valid' &&
      changed.length === 0 &&
      missing.length === 0 &&
      added.length === 0 &&
      problems.length === 0,
    checkedFiles,
    changed,
    missing,
    added,
    signature,
    signingKeyFingerprint,
    problems,
  };
}

/** The shipped snapshot must still hash to the content hash the manifest (and the report) state. */
function checkSnapshot(pkg: PackageContents, manifest: Manifest, problems: string[]): void {
  const file = pkg.localPath(SNAPSHOT_FILE);
  if (!file) return; // reported as missing when the manifest lists it
  let db: Database.Database | null = null;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const row = db.prepare('SELECT content_sha256 FROM snapshots WHERE id = ?').get(manifest.snapshot.id) as
      { content_sha256: string | null } | undefined;
    if (!row) {
      problems.push(`${SNAPSHOT_FILE} does not hold snapshot ${manifest.snapshot.id}`);
      return;
    }
    const recomputed = computeContentHash(db, manifest.snapshot.id);
    if (
      recomputed !== manifest.snapshot.contentSha256 ||
      row.content_sha256 !== manifest.snapshot.contentSha256
    ) {
      problems.push(
        `${SNAPSHOT_FILE} content hash is ${recomputed}, but the manifest states ${manifest.snapshot.contentSha256}`,
      );
    }
  } catch (err) {
    problems.push(`${SNAPSHOT_FILE} cannot be read as a snapshot database: ${(err as Error).message}`);
  } finally {
    db?.close();
  }
}
