// Exporting a snapshot as a signed evidence package for one framework: build the model, write the package.
import type { ExportResult, FrameworkId } from '../../shared/domain';
import type { Db } from '../store/db';
import { buildEvidenceModel } from './model';
import { writePackage } from './package-writer';

export async function exportPackage(
  db: Db,
  opts: { snapshotId: string; framework: FrameworkId; outputDir: string; keyDir: string },
): Promise<ExportResult> {
  const model = buildEvidenceModel(db, opts.snapshotId, opts.framework);
  return writePackage(db, model, { outputDir: opts.outputDir, keyDir: opts.keyDir });
}
