// An export on a job worker: the workspace database on the worker's own connection, the package written with
// progress per step, and every path it creates declared first so a killed worker leaves nothing behind. One
// snapshot for one framework (export.create), or one assessment with all its snapshots and frameworks
// (assessments.export).
import { exportAssessmentPackage } from '../export/assessment-package';
import { exportPackage } from '../export/package';
import { openDatabase } from '../store/db';
import type { ExportResult } from '../../shared/domain';
import type { JobContext, JobHooks, Jobs } from './protocol';

export async function runExportJob(
  ctx: JobContext,
  params: Jobs['export']['params'],
  hooks: JobHooks<Jobs['export']['progress']>,
): Promise<ExportResult> {
  const db = openDatabase(ctx.dbFile, { alreadyChecked: true });
  const common = {
    actor: ctx.actor,
    signal: hooks.signal,
    onProgress: hooks.progress,
    onCreated: hooks.owns,
  };
  try {
    if ('assessmentId' in params) return await exportAssessmentPackage(db, { ...params, ...common });
    return await exportPackage(db, { ...params, ...common });
  } finally {
    db.close();
  }
}
