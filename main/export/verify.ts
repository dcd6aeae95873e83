// Verifying an evidence package (folder or zip) offline: every file against the signed manifest, the
// signature against the package's public key, the shipped snapshot's rows, findings and schema against the
// hashes the manifest states (recomputed from the data), and the audit trail against its signed checkpoint.
// Then WHO signed: a valid signature by a key nobody trusts is "intact but signer unknown", never "verified".
// The result lists everything wrong, not just the first problem, so an auditor can say exactly what changed.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { VerifyResult } from '../../shared/domain';
import { NotFoundError, RefusedError } from '../core/errors';
import { AUDIT_TRAIL_FILE, auditTrailProblems } from '../evidence/audit-trail';
import { isDemoSnapshot } from '../evidence/demo-snapshot';
import { fingerprintOfPublicKeyPem, groupFingerprint, isDemoKeyFingerprint } from '../evidence/signing-key';
import { DEMO_KEY_REFUSAL, normaliseFingerprint, parseKeyReference } from '../evidence/trusted-signers';
import { checkSnapshotContent, computeEvaluationHash, computeSchemaHash } from '../store/content-hash';
import {
  MANIFEST_FILE,
  MAX_MANIFEST_BYTES,
  Manifest,
  PUBLIC_KEY_IN_PACKAGE,
  SIGNATURE_FILE,
  hashFile,
  listPackageFiles,
  unsafePackagePath,
  verifyManifestSignature,
  type FileHash,
} from './manifest';
import { AssessmentManifest, ASSESSMENT_MANIFEST_FORMAT } from './assessment-manifest';
import { checkAssessmentPackage, neededByAssessmentVerify } from './assessment-verify';
import { SNAPSHOT_FILE } from './snapshot-db';
import { extractedName, readZipPackage } from './zip';
import { ZipLimitError } from './zip-limits';

/** What a verifier found in a package, before comparing it with the manifest. */
type PackageContents = {
  files: FileHash[];
  problems: string[];
  outside: string[];
  /** Reads a package file the verifier needs (manifest, signature, key, snapshot); null if absent. */
  localPath(rel: string): string | null;
};

const NEEDED_FILES = new Set([
  MANIFEST_FILE,
  SIGNATURE_FILE,
  PUBLIC_KEY_IN_PACKAGE,
  SNAPSHOT_FILE,
  AUDIT_TRAIL_FILE,
]);
/** What is extracted from a zip for reading: the fixed files, and an assessment package's trails and record. */
const NEEDED = { has: (rel: string) => NEEDED_FILES.has(rel) || neededByAssessmentVerify(rel) };

export type VerifyOptions = {
  /** Trusted signers of this workspace: hex fingerprint -> name. */
  trusted?: ReadonlyMap<string, string>;
  /** Pin one signer (a fingerprint, PEM text or PEM file): anything else is not verified. */
  expectKey?: string;
};

export async function verifyPackage(target: string, opts: VerifyOptions = {}): Promise<VerifyResult> {
  // A bad pin is the caller's mistake: say so before reading the package.
  const expected = opts.expectKey ? parseKeyReference(opts.expectKey).fingerprint : null;
  // Pinning the demo key would turn a signature anyone can make into "verified".
  if (isDemoKeyFingerprint(expected)) throw new RefusedError(DEMO_KEY_REFUSAL);
  const judge = (contents: PackageContents) => decide(compare(contents), opts.trusted, expected);
  const resolved = path.resolve(target);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(resolved);
  } catch {
    throw new NotFoundError(
      `There is no evidence package at ${resolved}. Give the package folder or its .zip.`,
    );
  }
  if (stat.isDirectory()) return judge(await readFolder(resolved));
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'evidence-desk-verify-'));
  try {
    let contents: PackageContents;
    try {
      const zip = await readZipPackage(resolved, NEEDED, tmp);
      contents = {
        ...zip,
        localPath: (rel) =>
          zip.files.some((f) => f.path === rel) ? path.join(tmp, extractedName(rel)) : null,
      };
    } catch (err) {
      return {
        outcome: 'not-verified',
        ok: false,
        signer: null,
        checkedFiles: 0,
        changed: [],
        missing: [],
        added: [],
        signature: 'missing',
        signingKeyFingerprint: null,
        demo: false,
        // A crossed limit is its own sentence ("... (a zip bomb?); verification stopped").
        problems: [
          err instanceof ZipLimitError
            ? `${resolved}: ${err.message}`
            : `${resolved} is not a readable zip file: ${(err as Error).message}`,
        ],
      };
    }
    return judge(contents);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

async function readFolder(dir: string): Promise<PackageContents> {
  const { files, symlinks, other } = listPackageFiles(dir);
  const problems = [
    ...symlinks.map((p) => `'${p}' is a symbolic link; it was not followed (a path escape)`),
    ...other.map((p) => `'${p}' is not a regular file`),
  ];
  return {
    files: await hashAll(dir, files),
    problems,
    outside: [],
    localPath: (rel) => (files.includes(rel) ? path.join(dir, ...rel.split('/')) : null),
  };
}

type Comparison = Omit<VerifyResult, 'outcome' | 'ok' | 'signer'> & { intact: boolean };

/** One file at a time: a package may hold thousands of files, and the chunk buffer is shared. */
async function hashAll(dir: string, files: string[]): Promise<FileHash[]> {
  const out: FileHash[] = [];
  for (const p of files) out.push({ path: p, ...(await hashFile(path.join(dir, ...p.split('/')))) });
  return out;
}

function compare(pkg: PackageContents): Comparison {
  const problems = [...pkg.problems];
  const added = pkg.outside.map((p) => `${p} (outside the package folder)`);
  const changed: string[] = [];
  const missing: string[] = [];

  const manifestPath = pkg.localPath(MANIFEST_FILE);
  const manifestSize = manifestPath ? fs.statSync(manifestPath).size : 0;
  const manifestBytes =
    manifestPath && manifestSize <= MAX_MANIFEST_BYTES ? fs.readFileSync(manifestPath) : null;
  let manifest: Manifest | null = null;
  let assessmentManifest: AssessmentManifest | null = null;
  if (manifestPath && !manifestBytes) {
    problems.push(`${MANIFEST_FILE} is ${manifestSize} bytes, more than a manifest can be; it was not read`);
  } else if (!manifestBytes) {
    problems.push(`${MANIFEST_FILE} is missing: this is not an evidence package, or it was stripped`);
  } else {
    try {
      const raw = JSON.parse(manifestBytes.toString('utf8')) as { format?: unknown };
      // Format 3 is an assessment package (many snapshots); format 2 one snapshot for one framework.
      const parsed =
        raw?.format === ASSESSMENT_MANIFEST_FORMAT
          ? AssessmentManifest.safeParse(raw)
          : Manifest.safeParse(raw);
      if (!parsed.success)
        problems.push(`${MANIFEST_FILE} is not a valid package manifest: ${parsed.error.issues[0]?.message}`);
      else if (parsed.data.format === ASSESSMENT_MANIFEST_FORMAT)
        assessmentManifest = parsed.data as AssessmentManifest;
      else manifest = parsed.data as Manifest;
    } catch (err) {
      problems.push(`${MANIFEST_FILE} cannot be parsed: ${(err as Error).message}`);
    }
  }

  // Signature first: it says whether the manifest itself can be trusted.
  const sigPath = pkg.localPath(SIGNATURE_FILE);
  const keyPath = pkg.localPath(PUBLIC_KEY_IN_PACKAGE);
  let signature: VerifyResult['signature'] = 'missing';
  let signingKeyFingerprint: string | null = null;
  const publicKeyPem = keyPath ? readSmall(keyPath, MAX_KEY_OR_SIGNATURE_BYTES, problems) : null;
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
    const ok = verifyManifestSignature(
      manifestBytes,
      readSmall(sigPath, MAX_KEY_OR_SIGNATURE_BYTES, problems) ?? '',
      publicKeyPem,
    );
    signature = ok ? 'valid' : 'invalid';
    if (!ok)
      problems.push(
        `${SIGNATURE_FILE} does not match ${MANIFEST_FILE}: the manifest or the signature was changed`,
      );
  } else {
    signature = 'invalid';
  }
  const signedList = manifest ?? assessmentManifest;
  if (signedList && signingKeyFingerprint && signedList.signingKeyFingerprint !== signingKeyFingerprint) {
    problems.push(
      `${MANIFEST_FILE} names signing key ${signedList.signingKeyFingerprint} but the package holds key ${signingKeyFingerprint}`,
    );
  }

  const actual = new Map(pkg.files.map((f) => [f.path, f]));
  let checkedFiles = 0;
  let shipped: ShippedSnapshot | null = null;
  if (signedList) {
    const listed = new Set<string>();
    for (const entry of signedList.files) {
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
    if (manifest) {
      shipped = checkSnapshot(pkg, manifest, problems);
      checkAuditTrail(pkg, manifest, signingKeyFingerprint, problems);
    }
  }

  let assessment: VerifyResult['assessment'];
  let demo: boolean;
  if (assessmentManifest) {
    const checked = checkAssessmentPackage(pkg, assessmentManifest, signingKeyFingerprint, problems);
    demo = checked.demo;
    assessment = checked.assessment;
  } else demo = demoProblems(manifest, shipped, signingKeyFingerprint, problems);

  return {
    demo,
    ...(assessment ? { assessment } : {}),
    intact:
      signedList !== null &&
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

/** The shipped snapshot's header fields that say whether it is the demo (hashed: part of the content hash). */
type ShippedSnapshot = { connection: string; account: string | null };

/**
 * Whether the package is a demo package, from every place that can say so: the signed manifest field, the
 * shipped snapshot's connection (main/evidence/demo-snapshot.ts) and the signing key. Any one of them makes it
 * demo (never verified); disagreement between them is a problem, so a relabelled package is not verified.
 */
function demoProblems(
  manifest: Manifest | null,
  shipped: ShippedSnapshot | null,
  signer: string | null,
  problems: string[],
): boolean {
  const dataDemo = shipped ? isDemoSnapshot(shipped) : null;
  const signedByDemoKey = isDemoKeyFingerprint(signer);
  const said = manifest?.demo;
  if (said !== undefined && dataDemo !== null && said !== dataDemo)
    problems.push(
      `${MANIFEST_FILE} says demo: ${said}, but the shipped snapshot is ${dataDemo ? '' : 'not '}the demo ` +
        `(connection ${shipped?.connection}): the package was relabelled`,
    );
  const demo =
    said === true || dataDemo === true || (said === undefined && dataDemo === null && signedByDemoKey);
  if (signedByDemoKey && !demo)
    problems.push(
      'the package is signed with the published DEMO key but does not say it is the demo: anyone can sign with ' +
        'that key, so this signature proves nothing',
    );
  return demo || signedByDemoKey;
}

/**
 * The shipped snapshot.sqlite must hold exactly the signed snapshot and evaluation: every row hash, the
 * content hash, the findings hash and the schema hash are recomputed from the file, read-only.
 */
function checkSnapshot(pkg: PackageContents, manifest: Manifest, problems: string[]): ShippedSnapshot | null {
  const file = pkg.localPath(SNAPSHOT_FILE);
  if (!file) return null; // reported as missing when the manifest lists it
  let db: Database.Database | null = null;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const { id } = manifest.snapshot;
    const snapshots = db.prepare('SELECT id, content_sha256, connection, account FROM snapshots').all() as {
      id: string;
      content_sha256: string | null;
      connection: string;
      account: string | null;
    }[];
    const row = snapshots.find((s) => s.id === id);
    if (!row) {
      problems.push(`${SNAPSHOT_FILE} does not hold snapshot ${id}`);
      return null;
    }
    if (snapshots.length > 1)
      problems.push(
        `${SNAPSHOT_FILE} holds ${snapshots.length - 1} snapshot(s) besides ${id}, which were never signed`,
      );
    const schema = computeSchemaHash(db);
    if (schema !== manifest.snapshot.schemaSha256)
      problems.push(
        `${SNAPSHOT_FILE} schema (tables, views, triggers) differs from the one signed: a changed view or ` +
          'trigger would make the shipped checks answer differently',
      );
    const content = checkSnapshotContent(db, id);
    for (const what of content.altered)
      problems.push(
        `${SNAPSHOT_FILE}: ${what} was changed after the snapshot was sealed (its data no longer matches its hash)`,
      );
    if (content.alteredCount > content.altered.length)
      problems.push(
        `${SNAPSHOT_FILE}: ${content.alteredCount - content.altered.length} more rows were changed`,
      );
    if (
      content.contentSha256 !== manifest.snapshot.contentSha256 ||
      row.content_sha256 !== manifest.snapshot.contentSha256
    )
      problems.push(
        `${SNAPSHOT_FILE} content hash is ${content.contentSha256}, but the manifest states ${manifest.snapshot.contentSha256}` +
          (content.alteredCount === 0 ? ' (rows were added, removed or re-hashed)' : ''),
      );
    const evaluations = db.prepare('SELECT id FROM evaluations').all() as { id: string }[];
    if (!evaluations.some((e) => e.id === manifest.evaluation.id)) {
      problems.push(`${SNAPSHOT_FILE} does not hold evaluation ${manifest.evaluation.id}`);
    } else {
      if (evaluations.length > 1)
        problems.push(
          `${SNAPSHOT_FILE} holds evaluations besides ${manifest.evaluation.id}, which were never signed`,
        );
      const orphans = (
        db
          .prepare('SELECT count(*) AS n FROM findings WHERE evaluation_id <> ?')
          .get(manifest.evaluation.id) as {
          n: number;
        }
      ).n;
      if (orphans > 0)
        problems.push(`${SNAPSHOT_FILE} holds ${orphans} findings outside the signed evaluation`);
      const findings = computeEvaluationHash(db, manifest.evaluation.id);
      if (findings !== manifest.evaluation.findingsSha256)
        problems.push(
          `${SNAPSHOT_FILE} findings hash to ${findings}, but the manifest states ${manifest.evaluation.findingsSha256}: ` +
            'findings were added, removed or changed',
        );
    }
    return { connection: row.connection, account: row.account };
  } catch (err) {
    problems.push(`${SNAPSHOT_FILE} cannot be read as a snapshot database: ${(err as Error).message}`);
    return null;
  } finally {
    db?.close();
  }
}

/** The audit entries about the snapshot must sit in a chain whose head the package signer signed. */
function checkAuditTrail(
  pkg: PackageContents,
  manifest: Manifest,
  signer: string | null,
  problems: string[],
): void {
  if (!manifest.files.some((f) => f.path === manifest.auditTrail.file)) {
    problems.push(`${MANIFEST_FILE} does not list the audit trail ${manifest.auditTrail.file}`);
    return;
  }
  const file = pkg.localPath(manifest.auditTrail.file);
  if (!file) return; // reported as missing
  try {
    const text = readSmall(file, MAX_MANIFEST_BYTES, problems);
    if (text === null) return;
    const trail = JSON.parse(text) as unknown;
    problems.push(...auditTrailProblems(trail, signer ? normaliseFingerprint(signer) : null));
  } catch (err) {
    problems.push(`${manifest.auditTrail.file} cannot be read: ${(err as Error).message}`);
  }
}

/** A key or a signature is a few hundred bytes; a folder package can hold anything under those names. */
const MAX_KEY_OR_SIGNATURE_BYTES = 4 * 1024;

/** Reads a file that must be small, or says why it was not read. */
function readSmall(file: string, cap: number, problems: string[]): string | null {
  const size = fs.statSync(file).size;
  if (size > cap) {
    problems.push(`${path.basename(file)} is ${size} bytes, more than it can be (${cap}); it was not read`);
    return null;
  }
  return fs.readFileSync(file, 'utf8');
}

/** Intact is not enough: who signed decides between verified and signer unknown. */
function decide(
  c: Comparison,
  trusted: ReadonlyMap<string, string> | undefined,
  expected: string | null,
): VerifyResult {
  const { intact, ...rest } = c;
  const hex = c.signingKeyFingerprint ? normaliseFingerprint(c.signingKeyFingerprint) : null;
  // The demo key is nobody: a trust row naming it (an older build, a hand edit) does not count.
  const name = hex && !isDemoKeyFingerprint(hex) ? (trusted?.get(hex) ?? null) : null;
  const signer = hex
    ? {
        fingerprint: groupFingerprint(hex),
        name,
        trusted: name !== null,
        pinned: expected !== null && hex === expected,
      }
    : null;
  const problems = [...rest.problems];
  let outcome: VerifyResult['outcome'];
  if (!intact) outcome = 'not-verified';
  // A demo package is at best intact: whoever signed or pinned it, it is not evidence of a real account.
  else if (c.demo && (expected === null || hex === expected)) outcome = 'unknown-signer';
  else if (expected !== null) {
    outcome = hex === expected ? 'verified' : 'not-verified';
    if (hex !== expected)
      problems.push(
        `the package is signed by key ${signer?.fingerprint ?? '(none)'}, not by the expected key ${groupFingerprint(expected)}`,
      );
  } else outcome = name !== null ? 'verified' : 'unknown-signer';
  return { ...rest, problems, outcome, ok: outcome === 'verified', signer };
}
