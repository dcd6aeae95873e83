// Builds the evidence model for one snapshot and framework from the workspace database and the catalogs.
import type { FrameworkId } from '../../shared/domain';
import { CATALOG_VERSION, allChecks } from '../checks/catalog';
import { listFindings } from '../checks/engine';
import { NotFoundError } from '../core/errors';
import { evaluateControls } from '../evidence/controls';
import { getFramework } from '../frameworks/catalog';
import { appVersion } from '../paths';
import type { Db } from '../store/db';
import { getSnapshot, listCollectionErrors, listResources } from '../store/snapshots-repo';
import { assembleEvidenceModel, NotExportableError, type EvidenceModel } from './evidence-model';
import { loadTemplates } from './templates';

export type { EvidenceModel } from './evidence-model';

export const TOOL_NAME = 'Evidence Desk';

export function buildEvidenceModel(db: Db, snapshotId: string, framework: FrameworkId): EvidenceModel {
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
  const fw = getFramework(framework);
  return assembleEvidenceModel({
    snapshot,
    framework: { id: fw.id, name: fw.name, version: fw.version },
    controls: evaluateControls(db, snapshotId, fw, allChecks),
    checks: allChecks,
    findings: listFindings(db, snapshotId, allChecks),
    inventory: listResources(db, snapshotId).map((r) => ({
      uid: r.uid,
      type: r.type,
      service: r.service,
      region: r.region,
      name: r.name,
      sha256: r.sha256,
    })),
    gaps: listCollectionErrors(db, snapshotId),
    templates: loadTemplates(framework),
    tool: { name: TOOL_NAME, version: appVersion(), catalogVersion: CATALOG_VERSION },
    generatedAt: new Date().toISOString(),
  });
}
