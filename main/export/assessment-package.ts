// One evidence package per assessment: every current snapshot in its scope (AWS accounts and Azure
// subscriptions together), all its frameworks, and its own records (people, exceptions, manual evidence files,
// sign-offs), signed once (docs/package-format.md, format 3). Built like the single-snapshot package: under a
// hidden staging name, renamed into place only when complete and signed; runs on the export job worker with
// progress and cancel between steps.
import fs from 'node:fs';
import path from 'node:path';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { ExportProgress, ExportResult } from '../../shared/domain';
import { attachmentPath } from '../assessments/attachments';
import type { AssessmentContext } from '../assessments/context';
import { DIGEST_VERSION, digestOf } from '../assessments/evidence-digest';
import { WHOLE_FRAMEWORK } from '../assessments/service';
import { PACK_LISTING_FILE } from '../checks/pack-hash';
import type { CheckCatalog } from '../checks/types';
import { catalogForDatabase } from '../checks/workspace-catalog';
import { RefusedError } from '../core/errors';
import { recordCheckpoint } from '../evidence/audit-checkpoints';
import { appendAudit } from '../evidence/audit-log';
import { buildAuditTrail, type AuditTrail } from '../evidence/audit-trail';
import {
  demoSigningKey,
  isDemoKeyFingerprint,
  loadOrCreateSigningKey,
  type SigningKey,
} from '../evidence/signing-key';
import { CONTENT_HASH_RECIPE } from '../store/content-hash';
import { addAuditTrails, writeAssessmentDatabase } from './assessment-db';
import {
  ASSESSMENT_FILE,
  ASSESSMENT_MANIFEST_FORMAT,
  ATTACHMENTS_DIR,
  type AssessmentFile,
  type AssessmentManifest,
} from './assessment-manifest';
import { buildAssessmentModel, type AssessmentPackageModel } from './assessment-model';
import { buildAssessmentReport } from './assessment-report';
import { assessmentVerifyInstructions } from './assessment-verify-instructions';
import { writeAssessmentWorkbook } from './assessment-workbook';
import {
  MANIFEST_FILE,
  PUBLIC_KEY_IN_PACKAGE,
  SHA256SUMS_FILE,
  SIGNATURE_FILE,
  hashFile,
  hashPackageFiles,
  sha256sums,
  signManifest,
  type FileHash,
} from './manifest';
import { checkOutputDir, ensureOutputDir } from './output-dir';
import {
  REPORT_FILE,
  WORKBOOK_FILE,
  demoPackageCheckpoint,
  freePackageName,
  writeSnapshotEvidence,
} from './package-writer';
import { SNAPSHOT_FILE } from './snapshot-db';
import { removeAbandonedStagingFolders, stagingFolderName } from './staging-folders';
import { VERIFY_FILE } from './verify-instructions';
import { VERIFY_SCRIPT_FILE, verifySnapshotScript } from './verify-script';
import { zipFolder } from './zip';

export type AssessmentExportOptions = {
  assessmentId: string;
  outputDir: string;
  keyDir: string;
  /** The workspace folder: manual evidence files live under <dataDir>/attachments. */
  dataDir: string;
  actor?: string;
  signal?: AbortSignal;
  onProgress?: (step: Omit<ExportProgress, 'requestId'>) => void;
  onCreated?: (path: string) => void;
  catalog?: CheckCatalog;
};

/** Reading the model, the writing steps, then done. */
const STEPS = [
  'Writing the raw evidence of every snapshot',
  'Copying the snapshots and the assessment records',
  'Copying the manual evidence files',
  'Signing the audit trail',
  'Writing the report',
  'Writing the workbook',
  'Hashing and signing the manifest',
  'Zipping the package',
];

const safe = (v: string) => v.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[-.]+|-+$/g, '') || 'unknown';
const json = (v: unknown) => `${JSON.stringify(v, null, 2)}\n`;

/** assessment-<name>-<period end>-<assessment id first 8>. */
export function assessmentPackageName(model: AssessmentPackageModel): string {
  const a = model.assessment;
  return ['assessment', safe(a.name).slice(0, 60), a.periodEnd.slice(0, 10), safe(a.id.slice(0, 8))].join(
    '-',
  );
}

export async function exportAssessmentPackage(
  db: AssessmentContext['db'],
  opts: AssessmentExportOptions,
): Promise<ExportResult> {
  checkOutputDir(opts.outputDir);
  const total = STEPS.length + 1;
  let done = 0;
  opts.onProgress?.({ phase: 'preparing', done, total, message: 'Reading the assessment and its snapshots' });
  const ctx: AssessmentContext = {
    db,
    dataDir: opts.dataDir,
    keyDir: opts.keyDir,
    actor: opts.actor ?? 'analyst',
  };
  const model = buildAssessmentModel(ctx, opts.catalog ?? catalogForDatabase(db), opts.assessmentId);
  opts.signal?.throwIfAborted();
  const step = async (phase: 'writing' | 'zipping') => {
    await yieldToEventLoop();
    opts.signal?.throwIfAborted();
    opts.onProgress?.({ phase, done: ++done, total, message: STEPS[done - 1] });
  };
  const detail = (message: string) => opts.onProgress?.({ phase: 'writing', done, total, message });

  const outputDir = ensureOutputDir(opts.outputDir);
  const key = signingKeyFor(model, opts.keyDir);
  const name = freePackageName(outputDir, assessmentPackageName(model));
  removeAbandonedStagingFolders(outputDir);
  const staging = path.join(outputDir, stagingFolderName(name));
  opts.onCreated?.(staging);
  fs.mkdirSync(staging, { mode: 0o700 });
  const place = (rel: string) => {
    const file = path.join(staging, ...rel.split('/'));
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    return file;
  };
  const write = (rel: string, data: string | Buffer) =>
    fs.writeFileSync(place(rel), data, { flag: 'wx', mode: 0o600 });
  const hashes = new Map<string, FileHash>();
  const signed: AssessmentPackageModel = { ...model, signer: { fingerprint: key.fingerprint } };
  const mappedIds = signed.checks.map((c) => c.id);

  try {
    await step('writing');
    for (const s of model.snapshots) {
      await writeSnapshotEvidence(
        db,
        {
          snapshotId: s.id,
          rawDir: s.evidenceDir,
          dir: s.evidenceDir,
          findings: s.findings.rows(mappedIds),
          gaps: s.gaps,
        },
        { place, write, signal: opts.signal, onDetail: detail },
      );
    }

    await step('writing');
    const shipped = writeAssessmentDatabase(db, model, path.join(staging, SNAPSHOT_FILE));
    fs.chmodSync(path.join(staging, SNAPSHOT_FILE), 0o600);
    write(ASSESSMENT_FILE, json(assessmentFile(model)));

    await step('writing');
    const attachments = await copyAttachments(model, opts.dataDir, place);

    await step('writing');
    appendAudit(db, {
      actor: opts.actor ?? 'analyst',
      action: 'assessment.export.sign',
      entity: `assessment:${model.assessment.id}`,
      details: { package: name, signer: key.fingerprint, snapshots: model.snapshots.map((s) => s.id) },
    });
    const checkpoint = model.demo
      ? demoPackageCheckpoint(db, opts.keyDir, key)
      : recordCheckpoint(db, key, 'export')!;
    const trails = auditEntities(model).map(({ entity, file }) => ({
      file,
      trail: buildAuditTrail(db, entity, checkpoint),
    }));
    for (const t of trails) write(t.file, json(t.trail));
    addAuditTrails(
      path.join(staging, SNAPSHOT_FILE),
      trails.map((t) => t.trail as AuditTrail),
    );
    for (const check of model.checks) write(check.sqlFile, Buffer.from(check.bytes));
    if (model.checkPack.mappingsFile)
      write(model.checkPack.mappingsFile.path, Buffer.from(model.checkPack.mappingsFile.bytes));
    write(PACK_LISTING_FILE, model.checkPack.listing);

    await step('writing');
    write(REPORT_FILE, await buildAssessmentReport(signed));
    write(PUBLIC_KEY_IN_PACKAGE, key.publicKeyPem);
    write(VERIFY_SCRIPT_FILE, verifySnapshotScript());
    write(VERIFY_FILE, assessmentVerifyInstructions(signed, key.fingerprint));

    await step('writing');
    await writeAssessmentWorkbook(
      signed,
      await hashPackageFiles(staging, new Set(), hashes),
      place(WORKBOOK_FILE),
      {
        signal: opts.signal,
        onSheet: (sheet, rows, finished) =>
          detail(`Workbook sheet ${sheet}: ${rows} rows${finished ? '' : ' so far'}`),
      },
    );
    write(SHA256SUMS_FILE, sha256sums(await hashPackageFiles(staging, new Set([SHA256SUMS_FILE]), hashes)));

    await step('writing');
    const manifest: AssessmentManifest = {
      format: ASSESSMENT_MANIFEST_FORMAT,
      generatedAt: model.generatedAt,
      tool: { name: model.tool.name, version: model.tool.version },
      assessment: {
        id: model.assessment.id,
        name: model.assessment.name,
        periodStart: model.assessment.periodStart,
        periodEnd: model.assessment.periodEnd,
        scope: model.assessment.scope,
        asOf: model.asOf,
        file: ASSESSMENT_FILE,
      },
      frameworks: model.frameworks.map((f) => f.info),
      snapshots: model.snapshots.map((s) => ({
        id: s.id,
        provider: s.provider,
        account: s.account,
        connection: s.connection,
        contentSha256: shipped.snapshots.get(s.id)!.contentSha256,
        contentHashRecipe: CONTENT_HASH_RECIPE,
        evidenceDir: s.evidenceDir,
        evaluation: {
          id: s.evaluation.id,
          catalogVersion: s.evaluation.catalogVersion,
          findingsSha256: shipped.snapshots.get(s.id)!.findingsSha256,
        },
      })),
      schemaSha256: shipped.schemaSha256,
      catalogVersion: model.tool.catalogVersion,
      attachments,
      demo: model.demo,
      signingKeyFingerprint: key.fingerprint,
      auditTrails: trails.map((t) => ({
        file: t.file,
        entity: t.trail.entity,
        entries: t.trail.entries.length,
      })),
      checkpointHeadSeq: checkpoint.headSeq,
      files: await hashPackageFiles(staging, new Set([MANIFEST_FILE, SIGNATURE_FILE]), hashes),
    };
    const manifestBytes = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8');
    write(MANIFEST_FILE, manifestBytes);
    write(SIGNATURE_FILE, signManifest(manifestBytes, key.privateKey));

    await step('zipping');
    const packageDir = path.join(outputDir, name);
    if (fs.existsSync(packageDir))
      throw new RefusedError(`${packageDir} appeared during the export; it was left untouched.`);
    const zipPath = `${packageDir}.zip`;
    opts.onCreated?.(packageDir);
    opts.onCreated?.(zipPath);
    fs.renameSync(staging, packageDir);
    await zipFolder(packageDir, zipPath, name, new Date(model.generatedAt));
    const result = {
      packageDir,
      zipPath,
      files: manifest.files,
      signingKeyFingerprint: key.fingerprint,
      demo: model.demo,
    };
    opts.onProgress?.({ phase: 'done', done: total, total, message: `Package written: ${packageDir}` });
    return result;
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

/** The demo key for a demo scope, the workspace key for a real one, never the other way round. */
function signingKeyFor(model: AssessmentPackageModel, keyDir: string): SigningKey {
  if (model.demo) return demoSigningKey();
  const key = loadOrCreateSigningKey(keyDir);
  if (isDemoKeyFingerprint(key.fingerprint))
    throw new RefusedError('The workspace key is the demo key; real evidence is never signed with it.');
  return key;
}

/** What verify re-derives from snapshot.sqlite: each control's conclusion and digest as exported. */
function assessmentFile(model: AssessmentPackageModel): AssessmentFile {
  return {
    format: 'evidence-desk-assessment/1',
    assessmentId: model.assessment.id,
    asOf: model.asOf,
    frameworks: model.frameworks.map((f) => f.framework),
    // provider + resourceType: an Azure gap is recorded under its ARM namespace (Microsoft.Graph...), so verify
    // needs them to find the same gaps the workspace found.
    checkServices: model.checks.map((c) => ({
      id: c.id,
      service: c.service,
      provider: c.provider,
      resourceType: c.resourceType,
    })),
    controls: model.frameworks.flatMap((f) =>
      f.controls.map((c) => ({
        framework: f.info.id,
        controlId: c.controlId,
        status: c.status,
        label: c.label,
        conclusion: c.conclusion,
        digest: c.digest,
      })),
    ),
    frameworkDigests: model.frameworks.map((f) => ({
      framework: f.info.id,
      digest: digestOf({
        v: DIGEST_VERSION,
        assessmentId: model.assessment.id,
        framework: f.info.id,
        controlId: WHOLE_FRAMEWORK,
        controls: f.controls.map((c) => ({ controlId: c.controlId, digest: c.digest })),
      }).digest,
    })),
  };
}

/**
 * Copies each manual evidence file (every revision) as attachments/<sha256>, re-hashing the copy: a stored
 * file that no longer matches its name is refused, never shipped as if it were the evidence uploaded.
 */
async function copyAttachments(
  model: AssessmentPackageModel,
  dataDir: string,
  place: (rel: string) => string,
): Promise<{ path: string; sha256: string; bytes: number }[]> {
  const out: { path: string; sha256: string; bytes: number }[] = [];
  for (const sha256 of [...new Set(model.attachments.map((a) => a.sha256))].sort()) {
    const rel = `${ATTACHMENTS_DIR}/${sha256}`;
    const target = place(rel);
    try {
      fs.copyFileSync(attachmentPath(dataDir, sha256), target, fs.constants.COPYFILE_EXCL);
    } catch (err) {
      const names = model.attachments.filter((a) => a.sha256 === sha256).map((a) => a.originalName);
      throw new RefusedError(
        `The manual evidence file ${names.join(', ')} (${sha256}) cannot be read from the workspace: ${(err as Error).message}`,
      );
    }
    fs.chmodSync(target, 0o600);
    const h = await hashFile(target);
    if (h.sha256 !== sha256)
      throw new RefusedError(
        `The stored manual evidence file ${sha256} now hashes to ${h.sha256}: it was changed after it was attached. ` +
          'Run an integrity check of the workspace before exporting.',
      );
    out.push({ path: rel, sha256, bytes: h.bytes });
  }
  return out;
}

/** One audit trail per entity the package is about: each snapshot, the assessment, each exception, each person. */
function auditEntities(model: AssessmentPackageModel): { entity: string; file: string }[] {
  const ids = (xs: string[]) => [...new Set(xs)].sort();
  return [
    { entity: `assessment:${model.assessment.id}`, file: 'audit/assessment.json' },
    ...model.snapshots.map((s) => ({
      entity: `snapshot:${s.id}`,
      file: `audit/snapshot-${safe(s.id)}.json`,
    })),
    ...ids(model.exceptions.map((e) => e.id)).map((id) => ({
      entity: `exception:${id}`,
      file: `audit/exception-${safe(id)}.json`,
    })),
    ...ids(model.people.map((p) => p.id)).map((id) => ({
      entity: `person:${id}`,
      file: `audit/person-${safe(id)}.json`,
    })),
  ];
}
