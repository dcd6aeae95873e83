// Writes an evidence package (folder + zip) from an evidence model. The folder is built under a hidden
// staging name and renamed into place only when complete and signed, so a failed export never leaves a
// half package that looks real; existing packages are never overwritten.
import fs from 'node:fs';
import path from 'node:path';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { CollectionError, ExportResult, Finding } from '../../shared/domain';
import { PACK_LISTING_FILE } from '../checks/pack-hash';
import { RefusedError } from '../core/errors';
import { auditHead, recordCheckpoint, signCheckpoint } from '../evidence/audit-checkpoints';
import { appendAudit } from '../evidence/audit-log';
import { AUDIT_TRAIL_FILE, buildAuditTrail } from '../evidence/audit-trail';
import { demoAccountProblem, isDemoSnapshot } from '../evidence/demo-snapshot';
import {
  demoSigningKey,
  isDemoKeyFingerprint,
  loadOrCreateSigningKey,
  type SigningKey,
} from '../evidence/signing-key';
import { CONTENT_HASH_RECIPE } from '../store/content-hash';
import type { Db } from '../store/db';
import type { EvidenceModel } from './evidence-model';
import {
  MANIFEST_FILE,
  MANIFEST_FORMAT,
  PUBLIC_KEY_IN_PACKAGE,
  SHA256SUMS_FILE,
  SIGNATURE_FILE,
  hashPackageFiles,
  serializeManifest,
  sha256sums,
  signManifest,
  type FileHash,
  type Manifest,
} from './manifest';
import { buildReport } from './report';
import { SNAPSHOT_FILE, addAuditTrail, writeStandaloneSnapshot } from './snapshot-db';
import { removeAbandonedStagingFolders, stagingFolderName } from './staging-folders';
import { VERIFY_FILE, verifyInstructions } from './verify-instructions';
import { VERIFY_SCRIPT_FILE, verifySnapshotScript } from './verify-script';
import { writeJsonArrayFile } from './json-stream';
import { writeWorkbook } from './workbook';
import { ensureOutputDir } from './output-dir';
import { zipFolder } from './zip';

export const WORKBOOK_FILE = 'workbook.xlsx';
export const REPORT_FILE = 'report.docx';

export type WritePackageOptions = {
  outputDir: string;
  keyDir: string;
  /** Who exports, for the audit entry the package's signed checkpoint covers. */
  actor?: string;
  /** Checked between steps: an aborted export stops at the next one and keeps nothing. */
  signal?: AbortSignal;
  /** Called as each of the WRITE_STEPS steps starts. */
  onStep?: (phase: 'writing' | 'zipping', message: string) => void;
  /** Called with each folder or file about to be created, so a killed export can be cleaned up after. */
  onCreated?: (path: string) => void;
  /** Called as each large file or sheet is done, with its row count: a long step still shows movement. */
  onDetail?: (message: string) => void;
  /** Rows per workbook sheet (header included) before a table continues on a numbered sheet; Excel's limit by default. */
  maxRowsPerSheet?: number;
};

/** How many times writePackage calls onStep. */
export const WRITE_STEPS = 7;

/** evidence-<framework>-<account>-<yyyy-mm-dd>-<snapshot id first 8>, in characters safe on every OS. */
export function packageBaseName(model: EvidenceModel): string {
  const safe = (v: string) => v.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[-.]+|-+$/g, '') || 'unknown';
  const s = model.snapshot;
  return [
    'evidence',
    safe(model.framework.id),
    safe(s.account ?? 'unknown-account'),
    s.startedAt.slice(0, 10),
    safe(s.id.slice(0, 8)),
  ].join('-');
}

/** The base name, or base-2, base-3...: the first for which neither the folder nor the zip exists. */
export function freePackageName(outputDir: string, base: string): string {
  for (let n = 1; n < 1000; n++) {
    const name = n === 1 ? base : `${base}-${n}`;
    if (!fs.existsSync(path.join(outputDir, name)) && !fs.existsSync(path.join(outputDir, `${name}.zip`)))
      return name;
  }
  throw new RefusedError(
    `${outputDir} already holds 999 packages named ${base}; choose another output folder.`,
  );
}

export async function writePackage(
  db: Db,
  model: EvidenceModel,
  opts: WritePackageOptions,
): Promise<ExportResult> {
  // Never mkdir -p: on an impossible path (/proc/...) it spins on this thread (main/export/output-dir.ts).
  const outputDir = ensureOutputDir(opts.outputDir);
  const step = async (phase: 'writing' | 'zipping', message: string) => {
    // The steps are mostly synchronous: yield once so a cancel message can reach this thread and abort.
    await yieldToEventLoop();
    opts.signal?.throwIfAborted();
    opts.onStep?.(phase, message);
  };
  const demo = isDemoSnapshot(model.snapshot);
  const key = packageSigningKey(model, opts.keyDir);
  const name = freePackageName(outputDir, packageBaseName(model));
  // Staging names carry our pid: leftovers of killed exports are removed, live ones left alone.
  removeAbandonedStagingFolders(outputDir);
  const staging = path.join(outputDir, stagingFolderName(name));
  opts.onCreated?.(staging);
  fs.mkdirSync(staging, { mode: 0o700 });
  const place = (rel: string) => {
    const file = path.join(staging, ...rel.split('/'));
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    return file;
  };
  const write = (rel: string, data: string | Buffer) => {
    fs.writeFileSync(place(rel), data, { flag: 'wx', mode: 0o600 });
  };

  // The workbook, SHA256SUMS and the manifest each list the files; hash each file once for all three.
  const hashes = new Map<string, FileHash>();
  const signed: EvidenceModel = {
    ...model,
    snapshot: { ...model.snapshot, demo },
    signer: { fingerprint: key.fingerprint },
  };
  try {
    await step('writing', 'Writing the raw evidence');
    await writeEvidence(db, signed, { place, write, signal: opts.signal, onDetail: opts.onDetail });
    await step('writing', 'Copying the snapshot database');
    const shipped = writeStandaloneSnapshot(
      db,
      model.snapshot.id,
      model.evaluation.id,
      path.join(staging, SNAPSHOT_FILE),
    );
    fs.chmodSync(path.join(staging, SNAPSHOT_FILE), 0o600); // SQLite created it with the umask's default
    // The checkpoint signs the audit log's head as of this export; the package carries the snapshot's entries
    // with the chain that links them to it, so the log can be checked against an anchor outside the workspace.
    await step('writing', 'Signing the audit trail');
    appendAudit(db, {
      actor: opts.actor ?? 'analyst',
      action: 'export.sign',
      entity: `snapshot:${model.snapshot.id}`,
      details: { framework: model.framework.id, package: name, signer: key.fingerprint },
    });
    const checkpoint = demo
      ? demoPackageCheckpoint(db, opts.keyDir, key)
      : recordCheckpoint(db, key, 'export')!;
    const trail = buildAuditTrail(db, `snapshot:${model.snapshot.id}`, checkpoint);
    write(AUDIT_TRAIL_FILE, json(trail));
    addAuditTrail(path.join(staging, SNAPSHOT_FILE), trail);
    // The check files exactly as the app ran them (metadata and all), with the pack listing that ties them to
    // the evaluation's catalog version; how to run them is in VERIFY.txt.
    for (const check of model.checks) write(check.sqlFile, Buffer.from(check.bytes));
    const { mappingsFile } = model.checkPack;
    if (mappingsFile) write(mappingsFile.path, Buffer.from(mappingsFile.bytes));
    write(PACK_LISTING_FILE, model.checkPack.listing);
    await step('writing', 'Writing the report');
    write(REPORT_FILE, await buildReport(signed));
    write(PUBLIC_KEY_IN_PACKAGE, key.publicKeyPem);
    write(VERIFY_SCRIPT_FILE, verifySnapshotScript());
    write(VERIFY_FILE, verifyInstructions(signed, key.fingerprint));
    // The workbook's Hashes sheet lists every file written so far; the workbook cannot list itself.
    await step('writing', 'Writing the workbook');
    await writeWorkbook(signed, await hashPackageFiles(staging, new Set(), hashes), place(WORKBOOK_FILE), {
      maxRowsPerSheet: opts.maxRowsPerSheet,
      signal: opts.signal,
      onSheet: (sheet, rows, finished) =>
        opts.onDetail?.(`Workbook sheet ${sheet}: ${count(rows)} rows${finished ? '' : ' so far'}`),
    });
    write(SHA256SUMS_FILE, sha256sums(await hashPackageFiles(staging, new Set([SHA256SUMS_FILE]), hashes)));

    await step('writing', 'Hashing and signing the manifest');
    const manifest: Manifest = {
      format: MANIFEST_FORMAT,
      generatedAt: model.generatedAt,
      tool: { name: model.tool.name, version: model.tool.version },
      snapshot: {
        id: model.snapshot.id,
        contentSha256: shipped.contentSha256,
        contentHashRecipe: CONTENT_HASH_RECIPE,
        schemaSha256: shipped.schemaSha256,
      },
      evaluation: {
        id: model.evaluation.id,
        catalogVersion: model.evaluation.catalogVersion,
        findingsSha256: shipped.findingsSha256,
      },
      framework: model.framework,
      // Signed like every other field: relabelling a demo package as real breaks the signature.
      demo,
      signingKeyFingerprint: key.fingerprint,
      auditTrail: {
        file: AUDIT_TRAIL_FILE,
        entries: trail.entries.length,
        checkpointHeadSeq: trail.checkpoint.headSeq,
      },
      files: await hashPackageFiles(staging, new Set([MANIFEST_FILE, SIGNATURE_FILE]), hashes),
    };
    const manifestBytes = serializeManifest(manifest);
    write(MANIFEST_FILE, manifestBytes);
    write(SIGNATURE_FILE, signManifest(manifestBytes, key.privateKey));

    // The last point a cancel is honoured: past it the package is complete and only gets zipped.
    await step('zipping', 'Zipping the package');
    const packageDir = path.join(outputDir, name);
    if (fs.existsSync(packageDir))
      throw new RefusedError(`${packageDir} appeared during the export; it was left untouched.`);
    const zipPath = `${packageDir}.zip`;
    opts.onCreated?.(packageDir);
    opts.onCreated?.(zipPath);
    fs.renameSync(staging, packageDir);
    await zipFolder(packageDir, zipPath, name, new Date(model.generatedAt));
    return { packageDir, zipPath, files: manifest.files, signingKeyFingerprint: key.fingerprint, demo };
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

/**
 * The key that signs the package: the demo key for a demo snapshot, the workspace key for anything else, and
 * never the other way round (docs/package-format.md, "Demo packages").
 */
function packageSigningKey(model: EvidenceModel, keyDir: string): SigningKey {
  if (!isDemoSnapshot(model.snapshot)) {
    // loadOrCreateSigningKey refuses a workspace key file holding the demo key; checked again here because
    // a real package signed with a published key would be worthless and look like evidence.
    const key = loadOrCreateSigningKey(keyDir);
    if (isDemoKeyFingerprint(key.fingerprint))
      throw new RefusedError('The workspace key is the demo key; real evidence is never signed with it.');
    return key;
  }
  const problem = demoAccountProblem(model.snapshot);
  if (problem) throw new RefusedError(`Not exported: the ${problem}.`);
  return demoSigningKey();
}

/**
 * A demo package's audit checkpoint is signed with the demo key and kept only in the package; the workspace
 * still checkpoints its own log with its own key (that signs the workspace's history, not the demo's data),
 * so the workspace's audit verification keeps seeing checkpoints by a key it trusts.
 */
export function demoPackageCheckpoint(db: Db, keyDir: string, demoKey: SigningKey) {
  recordCheckpoint(db, loadOrCreateSigningKey(keyDir), 'export');
  const head = auditHead(db)!;
  return signCheckpoint(head, demoKey, 'export (demo)');
}

export type EvidenceSink = {
  /** The absolute path for a package-relative one, its folder created. */
  place: (rel: string) => string;
  write: (rel: string, data: string | Buffer) => void;
  signal?: AbortSignal;
  onDetail?: (message: string) => void;
};

const json = (v: unknown) => `${JSON.stringify(v, null, 2)}\n`;
export const segment = (v: string) => v.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^\.+/, '_') || '_';
const count = (n: number) => n.toLocaleString('en-US');

/** The single-snapshot package's evidence folder: evidence/<provider>/<service>/<region>.json and the rest. */
async function writeEvidence(db: Db, model: EvidenceModel, sink: EvidenceSink): Promise<void> {
  const provider = segment(model.snapshot.provider);
  await writeSnapshotEvidence(
    db,
    {
      snapshotId: model.snapshot.id,
      rawDir: `evidence/${provider}`,
      dir: 'evidence',
      findings: model.findings.rows(),
      gaps: model.gaps,
    },
    sink,
  );
}

/** Where one snapshot's evidence files go, and the findings and gaps it ships. */
export type SnapshotEvidence = {
  snapshotId: string;
  /** Folder of the per-service, per-region raw response files. */
  rawDir: string;
  /** Folder of resources.json, collection-errors.json and findings.json. */
  dir: string;
  findings: Iterable<Finding>;
  gaps: readonly CollectionError[];
};

/**
 * One snapshot's raw evidence as JSON files, each streamed row by row from the database
 * (docs/package-format.md): a JSON array with one element per line. Stored JSON columns (params, response,
 * tags, config) are spliced in as stored: they are valid JSON (the schema checks json_valid) and re-parsing a
 * million of them buys nothing.
 */
export async function writeSnapshotEvidence(db: Db, ev: SnapshotEvidence, sink: EvidenceSink): Promise<void> {
  const { snapshotId } = ev;
  const done = (rel: string, n: number) => sink.onDetail?.(`${rel}: ${count(n)} rows`);
  const soFar = (rel: string) => (n: number) => sink.onDetail?.(`${rel}: ${count(n)} rows so far`);
  // One file per service and region, read group by group so a large snapshot is never all in memory.
  const groups = db
    .prepare(
      'SELECT DISTINCT service, region FROM raw_responses WHERE snapshot_id = ? ORDER BY service, region',
    )
    .all(snapshotId) as { service: string; region: string }[];
  const rowsOf = db.prepare(
    'SELECT seq, operation, params, response, sha256 FROM raw_responses WHERE snapshot_id = ? AND service = ? AND region = ? ORDER BY seq',
  );
  const used = new Set<string>();
  for (const g of groups) {
    let rel = `${ev.rawDir}/${segment(g.service)}/${segment(g.region)}.json`;
    // Two names that sanitise to the same path must not overwrite each other's evidence.
    for (let n = 2; used.has(rel); n++)
      rel = `${ev.rawDir}/${segment(g.service)}/${segment(g.region)}-${n}.json`;
    used.add(rel);
    const rows = rowsOf.iterate(snapshotId, g.service, g.region) as IterableIterator<{
      seq: number;
      operation: string;
      params: string;
      response: string;
      sha256: string;
    }>;
    const head = JSON.stringify({ snapshotId, service: g.service, region: g.region });
    done(
      rel,
      await writeJsonArrayFile(sink.place(rel), {
        head: `${head.slice(0, -1)},"responses":`,
        tail: '}',
        elements: mapIter(
          rows,
          (r) =>
            `{"seq":${r.seq},"operation":${JSON.stringify(r.operation)},"params":${r.params},` +
            `"response":${r.response},"sha256":${JSON.stringify(r.sha256)}}`,
        ),
        signal: sink.signal,
        onProgress: soFar(rel),
      }),
    );
  }
  const resources = db
    .prepare(
      'SELECT uid, provider, service, type, region, name, tags, config, sha256 FROM resources WHERE snapshot_id = ? ORDER BY uid',
    )
    .iterate(snapshotId) as IterableIterator<Record<string, string>>;
  const resourcesFile = `${ev.dir}/resources.json`;
  done(
    resourcesFile,
    await writeJsonArrayFile(sink.place(resourcesFile), {
      elements: mapIter(resources, (r) => {
        const { tags, config, ...plain } = r;
        return `${JSON.stringify(plain).slice(0, -1)},"tags":${tags},"config":${config}}`;
      }),
      signal: sink.signal,
      onProgress: soFar(resourcesFile),
    }),
  );
  sink.write(`${ev.dir}/collection-errors.json`, json(ev.gaps));
  const findingsFile = `${ev.dir}/findings.json`;
  done(
    findingsFile,
    await writeJsonArrayFile(sink.place(findingsFile), {
      elements: mapIter(ev.findings, (f) => JSON.stringify(f)),
      signal: sink.signal,
      onProgress: soFar(findingsFile),
    }),
  );
}

function* mapIter<T>(rows: Iterable<T>, f: (row: T) => string): Iterable<string> {
  for (const r of rows) yield f(r);
}
