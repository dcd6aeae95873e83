// Verifying what only an assessment package (format 3) holds, after the file list and the manifest signature
// (main/export/verify.ts): every shipped snapshot's content, findings and schema hashes recomputed from
// snapshot.sqlite; every manual evidence file against the hash it is named by; every control's conclusion
// re-derived from the shipped evidence and compared with the digest exported; every sign-off's signature
// against the person's public key in the package. A sign-off over an older digest is stale: reported, not a
// problem, because the package faithfully shows a sign-off that the evidence has since moved past.
import fs from 'node:fs';
import Database from 'better-sqlite3';
import type { VerifyResult } from '../../shared/domain';
import { getAssessmentRecord } from '../assessments/assessments-repo';
import { evaluateAssessment } from '../assessments/control-status';
import { DIGEST_VERSION, digestOf } from '../assessments/evidence-digest';
import { listSignoffs } from '../assessments/signoffs';
import { auditTrailProblems } from '../evidence/audit-trail';
import { isDemoSnapshot } from '../evidence/demo-snapshot';
import { isDemoKeyFingerprint } from '../evidence/signing-key';
import { normaliseFingerprint } from '../evidence/trusted-signers';
import type { Framework } from '../frameworks/catalog';
import type { Db } from '../store/db';
import { checkSnapshotContent, computeEvaluationHash, computeSchemaHash } from '../store/content-hash';
import { sha256 } from '../util/hash';
import { ATTACHMENTS_DIR, AssessmentFile, type AssessmentManifest } from './assessment-manifest';
import { MAX_MANIFEST_BYTES, type FileHash } from './manifest';
import { SNAPSHOT_FILE } from './snapshot-db';

export type AssessmentPackageContents = {
  files: FileHash[];
  localPath(rel: string): string | null;
};

/** Which package files the verifier reads (and, from a zip, extracts) beyond the fixed ones. */
export function neededByAssessmentVerify(rel: string): boolean {
  return (rel.startsWith('audit/') && rel.endsWith('.json')) || rel === 'assessment/assessment.json';
}

const MAX_LISTED = 20;

export function checkAssessmentPackage(
  pkg: AssessmentPackageContents,
  manifest: AssessmentManifest,
  signer: string | null,
  problems: string[],
): { demo: boolean; assessment?: VerifyResult['assessment'] } {
  checkAuditTrails(pkg, manifest, signer, problems);
  const attachments = checkAttachmentFiles(pkg, manifest, problems);
  const file = pkg.localPath(SNAPSHOT_FILE);
  const signedByDemoKey = isDemoKeyFingerprint(signer);
  if (!file) return { demo: manifest.demo || signedByDemoKey };
  let db: Database.Database | null = null;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const demo = checkSnapshots(db, manifest, problems);
    if (demo !== null && demo !== manifest.demo)
      problems.push(
        `manifest.json says demo: ${manifest.demo}, but the shipped snapshots are ${demo ? '' : 'not '}the demo: ` +
          'the package was relabelled',
      );
    const isDemo = manifest.demo || demo === true;
    if (signedByDemoKey && !isDemo)
      problems.push(
        'the package is signed with the published DEMO key but does not say it is the demo: anyone can sign with ' +
          'that key, so this signature proves nothing',
      );
    checkAttachmentRows(db, attachments, problems);
    const signoffs = checkConclusionsAndSignoffs(pkg, db as unknown as Db, manifest, problems);
    return {
      demo: isDemo || signedByDemoKey,
      assessment: {
        id: manifest.assessment.id,
        name: manifest.assessment.name,
        snapshots: manifest.snapshots.length,
        attachments: manifest.attachments.length,
        signoffs,
      },
    };
  } catch (err) {
    problems.push(`${SNAPSHOT_FILE} cannot be read as an assessment database: ${(err as Error).message}`);
    return { demo: manifest.demo || signedByDemoKey };
  } finally {
    db?.close();
  }
}

/** Every snapshot and evaluation the manifest names, and nothing else; returns whether they are the demo. */
function checkSnapshots(
  db: Database.Database,
  manifest: AssessmentManifest,
  problems: string[],
): boolean | null {
  const rows = db.prepare('SELECT id, content_sha256, connection FROM snapshots').all() as {
    id: string;
    content_sha256: string | null;
    connection: string;
  }[];
  const listed = new Set(manifest.snapshots.map((s) => s.id));
  for (const r of rows)
    if (!listed.has(r.id)) problems.push(`${SNAPSHOT_FILE} holds snapshot ${r.id}, which was never signed`);
  const schema = computeSchemaHash(db);
  if (schema !== manifest.schemaSha256)
    problems.push(
      `${SNAPSHOT_FILE} schema (tables, views, triggers) differs from the one signed: a changed view or trigger ` +
        'would make the shipped checks answer differently',
    );
  const evaluations = new Set(manifest.snapshots.map((s) => s.evaluation.id));
  for (const e of db.prepare('SELECT id, snapshot_id FROM evaluations').all() as {
    id: string;
    snapshot_id: string;
  }[])
    if (!evaluations.has(e.id))
      problems.push(
        `${SNAPSHOT_FILE} holds evaluation ${e.id} of snapshot ${e.snapshot_id}, which was never signed`,
      );
  const ids = [...evaluations];
  const orphans = (
    db
      .prepare(
        `SELECT count(*) AS n FROM findings WHERE evaluation_id NOT IN (${ids.map(() => '?').join(', ')})`,
      )
      .get(...ids) as { n: number }
  ).n;
  if (orphans > 0) problems.push(`${SNAPSHOT_FILE} holds ${orphans} findings outside the signed evaluations`);

  const demo = new Set<boolean>();
  for (const s of manifest.snapshots) {
    const row = rows.find((r) => r.id === s.id);
    const label = `snapshot ${s.id} (${s.provider} ${s.account ?? 'unknown'})`;
    if (!row) {
      problems.push(`${SNAPSHOT_FILE} does not hold ${label}`);
      continue;
    }
    demo.add(isDemoSnapshot(row));
    const content = checkSnapshotContent(db, s.id);
    for (const what of content.altered.slice(0, MAX_LISTED))
      problems.push(`${SNAPSHOT_FILE}: ${what} of ${label} was changed after the snapshot was sealed`);
    if (content.contentSha256 !== s.contentSha256 || row.content_sha256 !== s.contentSha256)
      problems.push(
        `${SNAPSHOT_FILE}: ${label} hashes to ${content.contentSha256}, but the manifest states ${s.contentSha256}` +
          (content.alteredCount === 0 ? ' (rows were added, removed or re-hashed)' : ''),
      );
    const findings = computeEvaluationHash(db, s.evaluation.id);
    if (findings !== s.evaluation.findingsSha256)
      problems.push(
        `${SNAPSHOT_FILE}: the findings of ${label} hash to ${findings}, but the manifest states ` +
          `${s.evaluation.findingsSha256}: findings were added, removed or changed`,
      );
  }
  if (demo.size > 1) problems.push(`${SNAPSHOT_FILE} mixes demo and real snapshots, which is never exported`);
  return demo.size === 1 ? [...demo][0] : null;
}

/** Each manual evidence file must hash to the name it is stored under, and be the one the manifest lists. */
function checkAttachmentFiles(
  pkg: AssessmentPackageContents,
  manifest: AssessmentManifest,
  problems: string[],
): Set<string> {
  const actual = new Map(pkg.files.map((f) => [f.path, f]));
  const shas = new Set<string>();
  for (const a of manifest.attachments) {
    const expected = `${ATTACHMENTS_DIR}/${a.sha256}`;
    if (a.path !== expected) {
      problems.push(`manifest.json lists attachment ${a.sha256} at ${a.path}, not at ${expected}`);
      continue;
    }
    shas.add(a.sha256);
    const found = actual.get(a.path);
    if (found && found.sha256 !== a.sha256)
      problems.push(
        `${a.path} no longer hashes to its name (it hashes to ${found.sha256}): the manual evidence file was changed`,
      );
  }
  for (const f of pkg.files)
    if (f.path.startsWith(`${ATTACHMENTS_DIR}/`) && !shas.has(f.path.slice(ATTACHMENTS_DIR.length + 1)))
      problems.push(`${f.path} is not a manual evidence file the manifest lists`);
  return shas;
}

function checkAttachmentRows(db: Database.Database, shipped: ReadonlySet<string>, problems: string[]): void {
  const rows = db.prepare('SELECT request_id, revision, sha256, original_name FROM attachments').all() as {
    request_id: string;
    revision: number;
    sha256: string;
    original_name: string;
  }[];
  const named = new Set(rows.map((r) => r.sha256));
  for (const r of rows)
    if (!shipped.has(r.sha256))
      problems.push(
        `${r.original_name} (${r.request_id} revision ${r.revision}, ${r.sha256}) is recorded in ${SNAPSHOT_FILE} ` +
          `but not shipped under ${ATTACHMENTS_DIR}/`,
      );
  for (const sha of shipped)
    if (!named.has(sha))
      problems.push(`${ATTACHMENTS_DIR}/${sha} is shipped but no attachment record names it`);
}

function checkAuditTrails(
  pkg: AssessmentPackageContents,
  manifest: AssessmentManifest,
  signer: string | null,
  problems: string[],
): void {
  const expected = signer ? normaliseFingerprint(signer) : null;
  for (const t of manifest.auditTrails) {
    if (!manifest.files.some((f) => f.path === t.file)) {
      problems.push(`manifest.json does not list the audit trail ${t.file}`);
      continue;
    }
    const file = pkg.localPath(t.file);
    if (!file) continue; // reported as missing
    try {
      if (fs.statSync(file).size > MAX_MANIFEST_BYTES) {
        problems.push(`${t.file} is larger than an audit trail can be; it was not read`);
        continue;
      }
      const trail = JSON.parse(fs.readFileSync(file, 'utf8')) as { entity?: unknown };
      if (trail.entity !== t.entity)
        problems.push(`${t.file} is about ${String(trail.entity)}, not ${t.entity}`);
      problems.push(...auditTrailProblems(trail, expected).map((p) => `${t.file}: ${p}`));
    } catch (err) {
      problems.push(`${t.file} cannot be read: ${(err as Error).message}`);
    }
  }
}

/**
 * Re-derives every control's conclusion and digest from snapshot.sqlite with the frameworks as exported, and
 * checks every sign-off: its signature with the signer's public key in the package, its digest against the
 * re-derived one (stale when they differ) and against the digest input stored beside it.
 */
function checkConclusionsAndSignoffs(
  pkg: AssessmentPackageContents,
  db: Db,
  manifest: AssessmentManifest,
  problems: string[],
): NonNullable<VerifyResult['assessment']>['signoffs'] {
  const rel = manifest.assessment.file;
  const file = pkg.localPath(rel);
  if (!file) {
    problems.push(`${rel} is missing, so the conclusions cannot be re-derived`);
    return [];
  }
  let exported: AssessmentFile;
  try {
    if (fs.statSync(file).size > MAX_MANIFEST_BYTES) throw new Error('it is larger than it can be');
    exported = AssessmentFile.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
  } catch (err) {
    problems.push(`${rel} cannot be read: ${(err as Error).message}`);
    return [];
  }
  const id = manifest.assessment.id;
  const record = getAssessmentRecord(db, id);
  const digests = new Map<string, string>();
  let differing = 0;
  for (const raw of exported.frameworks) {
    const framework = raw as Framework;
    const controls = evaluateAssessment(
      db,
      record,
      framework,
      exported.checkServices,
      manifest.assessment.asOf,
    );
    for (const c of controls) {
      digests.set(`${framework.id}\u0000${c.control.controlId}`, c.control.digest);
      const stated = exported.controls.find(
        (x) => x.framework === framework.id && x.controlId === c.control.controlId,
      );
      if (!stated || stated.digest !== c.control.digest) {
        if (differing++ < MAX_LISTED)
          problems.push(
            `the conclusion of ${framework.id} ${c.control.controlId} in ${rel} does not follow from the shipped ` +
              'evidence (its digest differs when re-derived from snapshot.sqlite)',
          );
      }
    }
    digests.set(
      `${framework.id}\u0000*`,
      digestOf({
        v: DIGEST_VERSION,
        assessmentId: id,
        framework: framework.id,
        controlId: '*',
        controls: controls.map((c) => ({ controlId: c.control.controlId, digest: c.control.digest })),
      }).digest,
    );
  }
  if (differing > MAX_LISTED) problems.push(`${differing - MAX_LISTED} more conclusions differ`);

  const stored = new Map(
    (
      db.prepare('SELECT id, digest, digest_input FROM signoffs').all() as {
        id: number;
        digest: string;
        digest_input: string;
      }[]
    ).map((r) => [r.id, r]),
  );
  const signoffs = listSignoffs(db, id, (f, c) => digests.get(`${f}\u0000${c}`) ?? null);
  for (const s of signoffs) {
    const what = `sign-off ${s.id} (${s.role} ${s.personName}, ${s.framework} ${s.controlId === '*' ? 'whole framework' : s.controlId}, ${s.signedAt})`;
    if (!s.signatureValid)
      problems.push(
        `${what}: its signature does not verify with ${s.personName}'s public key in the package`,
      );
    const row = stored.get(s.id);
    if (row && sha256(row.digest_input) !== row.digest)
      problems.push(`${what}: its digest is not the SHA-256 of the digest input stored beside it`);
  }
  return signoffs.map((s) => ({
    id: s.id,
    framework: s.framework,
    controlId: s.controlId,
    role: s.role,
    personName: s.personName,
    signedAt: s.signedAt,
    signatureValid: s.signatureValid,
    stale: s.stale,
  }));
}
