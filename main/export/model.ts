// Builds the evidence model for one snapshot and framework from the workspace database and the catalogs.
import type { FrameworkId } from '../../shared/domain';
import { evaluateSnapshot } from '../checks/engine';
import type { CheckCatalog } from '../checks/types';
import { catalogForDatabase } from '../checks/workspace-catalog';
import { NotFoundError } from '../core/errors';
import { evaluateControls } from '../evidence/controls';
import { getFramework } from '../frameworks/catalog';
import { appVersion } from '../paths';
import type { Db } from '../store/db';
import { CONTENT_HASH_RECIPE } from '../store/content-hash';
import { latestEvaluation } from '../store/evaluations-repo';
import { getSnapshot, listCollectionErrors } from '../store/snapshots-repo';
import { assembleEvidenceModel, NotExportableError, type EvidenceModel } from './evidence-model';
import { findingsFromDb, inventoryFromDb } from './evidence-rows';
import { loadTemplates } from './templates';

export type { EvidenceModel } from './evidence-model';

export const TOOL_NAME = 'Evidence Desk';

/** `catalog`: the checks in force, by default those of the workspace the database belongs to. */
export function buildEvidenceModel(
  db: Db,
  snapshotId: string,
  framework: FrameworkId,
  catalog: CheckCatalog = catalogForDatabase(db),
): EvidenceModel {
  const snapshot = getSnapshot(db, snapshotId);
  if (!snapshot) throw new NotFoundError(`There is no snapshot ${snapshotId} in this workspace.`);
  // Checked before evaluating controls: evaluating an incomplete snapshot would describe evidence that
  // does not exist.
  if (snapshot.status !== 'complete') {
    throw new NotExportableError(
      `Snapshot ${snapshotId} is ${snapshot.status}; only a complete snapshot can be exported as evidence. ` +
        'Take a new snapshot and export it once it has completed.',
    );
  }
  const recipe = (
    db.prepare('SELECT content_hash_recipe AS r FROM snapshots WHERE id = ?').get(snapshotId) as { r: number }
  ).r;
  if (recipe !== CONTENT_HASH_RECIPE) {
    throw new NotExportableError(
      `Snapshot ${snapshotId} was sealed by an earlier Evidence Desk whose content hash did not bind the ` +
        'resource data itself, so its integrity cannot be proven to an auditor. Take a new snapshot and export that.',
    );
  }
  // The package ships the current checks, so it must ship the findings of exactly those checks: the
  // evaluation by this catalog version (one per version: the schema's UNIQUE constraint), made now if the
  // catalog changed since the snapshot was taken. Never "the latest", which a later row could claim to be.
  const { checks, catalogVersion } = catalog;
  let evaluation = latestEvaluation(db, snapshotId, catalogVersion);
  if (!evaluation) {
    evaluateSnapshot(db, snapshotId, checks, catalogVersion);
    evaluation = latestEvaluation(db, snapshotId, catalogVersion);
  }
  const fw = getFramework(framework, catalog);
  return assembleEvidenceModel({
    snapshot,
    evaluation,
    framework: { id: fw.id, name: fw.name, version: fw.version },
    controls: evaluateControls(db, snapshotId, fw, checks, [], undefined, evaluation?.id),
    checks,
    checkPack: { packFiles: catalog.packFiles, mappingsFile: catalog.mappingsFile },
    // Sources, not lists: aggregates are computed in SQL and rows are streamed by the files that ship them.
    findings: evaluation ? findingsFromDb(db, evaluation.id, checks) : [],
    inventory: inventoryFromDb(db, snapshotId),
    gaps: listCollectionErrors(db, snapshotId),
    templates: loadTemplates(framework),
    tool: { name: TOOL_NAME, version: appVersion(), catalogVersion },
    generatedAt: new Date().toISOString(),
  });
}
