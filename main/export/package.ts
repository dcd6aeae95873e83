// Exporting a snapshot as a signed evidence package for one framework: judge the destination, build the
// model, write the package. Runs on a job worker (main/jobs/export-job.ts), so it reports progress and stops
// at the next step when its signal is aborted.
import type { ExportProgress, ExportResult, FrameworkId } from '../../shared/domain';
import type { Db } from '../store/db';
import { buildEvidenceModel } from './model';
import { checkOutputDir } from './output-dir';
import { WRITE_STEPS, writePackage } from './package-writer';

export type ExportStep = Omit<ExportProgress, 'requestId'>;

export type ExportOptions = {
  snapshotId: string;
  framework: FrameworkId;
  outputDir: string;
  keyDir: string;
  actor?: string;
  signal?: AbortSignal;
  onProgress?: (step: ExportStep) => void;
  /** Called with each file or folder the export creates, before it is written. */
  onCreated?: (path: string) => void;
};

export async function exportPackage(db: Db, opts: ExportOptions): Promise<ExportResult> {
  // An impossible destination (/proc, a file as parent, no permission) is refused before any work.
  checkOutputDir(opts.outputDir);
  // Reading the model, then writePackage's steps; the last event says done.
  const total = WRITE_STEPS + 1;
  opts.onProgress?.({ phase: 'preparing', done: 0, total, message: 'Reading the snapshot and its findings' });
  const model = buildEvidenceModel(db, opts.snapshotId, opts.framework);
  opts.signal?.throwIfAborted();
  let done = 1;
  const result = await writePackage(db, model, {
    outputDir: opts.outputDir,
    keyDir: opts.keyDir,
    actor: opts.actor,
    signal: opts.signal,
    onCreated: opts.onCreated,
    onStep: (phase, message) => opts.onProgress?.({ phase, done: done++, total, message }),
    // Within a step: the same count, a new message (e.g. "Workbook sheet Findings 2: 1,048,575 rows").
    onDetail: (message) => opts.onProgress?.({ phase: 'writing', done: done - 1, total, message }),
  });
  opts.onProgress?.({ phase: 'done', done: total, total, message: `Package written: ${result.packageDir}` });
  return result;
}
