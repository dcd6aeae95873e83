// Writes an evidence package (folder + zip) from an evidence model. The folder is built under a hidden
// staging name and renamed into place only when complete and signed, so a failed export never leaves a
// half package that looks real; existing packages are never overwritten.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { ExportResult } from '../../shared/domain';
import { RefusedError } from '../core/errors';
import { loadOrCreateSigningKey } from '../evidence/signing-key';
import type { Db } from '../store/db';
import { listResources } from '../store/snapshots-repo';
import type { EvidenceModel, ModelCheck } from './evidence-model';
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
import { SNAPSHOT_FILE, writeStandaloneSnapshot } from './snapshot-db';
import { VERIFY_FILE, verifyInstructions } from './verify-instructions';
import { buildWorkbook } from './workbook';
import { zipFolder } from './zip';

export const WORKBOOK_FILE = 'workbook.xlsx';
export const REPORT_FILE = 'report.docx';

export type WritePackageOptions = { outputDir: string; keyDir: string };

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
  const outputDir = path.resolve(opts.outputDir);
  try {
    fs.mkdirSync(outputDir, { recursive: true });
  } catch (err) {
    throw new RefusedError(`Cannot create the output folder ${outputDir}: ${(err as Error).message}`);
  }
  const key = loadOrCreateSigningKey(opts.keyDir);
  const name = freePackageName(outputDir, packageBaseName(model));
  const staging = path.join(outputDir, `.${name}.partial-${crypto.randomBytes(4).toString('hex')}`);
  fs.mkdirSync(staging);
  const write = (rel: string, data: string | Buffer) => {
    const file = path.join(staging, ...rel.split('/'));
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, data, { flag: 'wx' });
  };

  // The workbook, SHA256SUMS and the manifest each list the files; hash each file once for all three.
  const hashes = new Map<string, FileHash>();
  try {
    writeEvidence(db, model, write);
    writeStandaloneSnapshot(db, model.snapshot.id, path.join(staging, SNAPSHOT_FILE));
    for (const check of model.checks) write(check.sqlFile, checkSqlText(model, check));
    write(REPORT_FILE, await buildReport(model));
    write(PUBLIC_KEY_IN_PACKAGE, key.publicKeyPem);
    write(VERIFY_FILE, verifyInstructions(model, key.fingerprint));
    // The workbook's Hashes sheet lists every file written so far; the workbook cannot list itself.
    write(WORKBOOK_FILE, await buildWorkbook(model, hashPackageFiles(staging, new Set(), hashes)));
    write(SHA256SUMS_FILE, sha256sums(hashPackageFiles(staging, new Set([SHA256SUMS_FILE]), hashes)));

    const manifest: Manifest = {
      format: MANIFEST_FORMAT,
      generatedAt: model.generatedAt,
      tool: { name: model.tool.name, version: model.tool.version },
      snapshot: { id: model.snapshot.id, contentSha256: model.snapshot.contentSha256 },
      framework: model.framework,
      signingKeyFingerprint: key.fingerprint,
      files: hashPackageFiles(staging, new Set([MANIFEST_FILE, SIGNATURE_FILE]), hashes),
    };
    const manifestBytes = serializeManifest(manifest);
    write(MANIFEST_FILE, manifestBytes);
    write(SIGNATURE_FILE, signManifest(manifestBytes, key.privateKey));

    const packageDir = path.join(outputDir, name);
    if (fs.existsSync(packageDir))
      throw new RefusedError(`${packageDir} appeared during the export; it was left untouched.`);
    fs.renameSync(staging, packageDir);
    const zipPath = `${packageDir}.zip`;
    await zipFolder(packageDir, zipPath, name, new Date(model.generatedAt));
    return { packageDir, zipPath, files: manifest.files, signingKeyFingerprint: key.fingerprint };
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

type Write = (rel: string, data: string | Buffer) => void;

const json = (v: unknown) => `${JSON.stringify(v, null, 2)}\n`;
const segment = (v: string) => v.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^\.+/, '_') || '_';

function writeEvidence(db: Db, model: EvidenceModel, write: Write): void {
  const provider = segment(model.snapshot.provider);
  // One file per service and region, read group by group so a large snapshot is never all in memory.
  const groups = db
    .prepare(
      'SELECT DISTINCT service, region FROM raw_responses WHERE snapshot_id = ? ORDER BY service, region',
    )
    .all(model.snapshot.id) as { service: string; region: string }[];
  const rowsOf = db.prepare(
    'SELECT seq, operation, params, response, sha256 FROM raw_responses WHERE snapshot_id = ? AND service = ? AND region = ? ORDER BY seq',
  );
  const used = new Set<string>();
  for (const g of groups) {
    let rel = `evidence/${provider}/${segment(g.service)}/${segment(g.region)}.json`;
    // Two names that sanitise to the same path must not overwrite each other's evidence.
    for (let n = 2; used.has(rel); n++)
      rel = `evidence/${provider}/${segment(g.service)}/${segment(g.region)}-${n}.json`;
    used.add(rel);
    const rows = rowsOf.all(model.snapshot.id, g.service, g.region) as {
      seq: number;
      operation: string;
      params: string;
      response: string;
      sha256: string;
    }[];
    write(
      rel,
      json({
        snapshotId: model.snapshot.id,
        service: g.service,
        region: g.region,
        responses: rows.map((r) => ({
          seq: r.seq,
          operation: r.operation,
          params: JSON.parse(r.params) as unknown,
          response: JSON.parse(r.response) as unknown,
          sha256: r.sha256,
        })),
      }),
    );
  }
  write(
    'evidence/resources.json',
    json(
      listResources(db, model.snapshot.id).map((r) => ({
        ...r,
        tags: JSON.parse(r.tags) as unknown,
        config: JSON.parse(r.config) as unknown,
      })),
    ),
  );
  write('evidence/collection-errors.json', json(model.gaps));
  write('evidence/findings.json', json(model.findings));
}

function checkSqlText(model: EvidenceModel, check: ModelCheck): string {
  const comment = (text: string) =>
    text
      .split('\n')
      .map((l) => `-- ${l}`.trimEnd())
      .join('\n');
  return [
    comment(`${check.title}`),
    comment(`Check ${check.id} (${model.tool.name} catalog ${model.tool.catalogVersion})`),
    comment(`Severity: ${check.severity}. Resource type: ${check.resourceType}. Service: ${check.service}.`),
    comment(`Why: ${check.rationale}`),
    '--',
    comment('Parameters (see VERIFY.txt for a sqlite3 command line that sets them):'),
    comment(`  @snapshot_id = '${model.snapshot.id}'`),
    comment(`  @as_of       = '${model.snapshot.startedAt}'   (the snapshot start: "now" for age rules)`),
    comment(
      'Returns one row per resource: resource_uid, status (pass|fail|error|n/a), reason, evidence (JSON).',
    ),
    '',
    check.sql.trim(),
    '',
  ].join('\n');
}
