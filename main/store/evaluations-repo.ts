// Evaluations are written unsealed, filled with findings and sealed in the same transaction (the schema
// refuses findings for a sealed evaluation and any change to one). Sealing records the findings hash.
import { computeEvaluationHash } from './content-hash';
import type { Db } from './db';

export function sealEvaluation(db: Db, evaluationId: string): string {
  const findingsSha256 = computeEvaluationHash(db, evaluationId);
  db.prepare('UPDATE evaluations SET sealed_at = ?, findings_sha256 = ? WHERE id = ?').run(
    new Date().toISOString(),
    findingsSha256,
    evaluationId,
  );
  return findingsSha256;
}

export type EvaluationRecord = {
  id: string;
  snapshotId: string;
  catalogVersion: string;
  evaluatedAt: string;
  sealedAt: string | null;
  findingsSha256: string | null;
};

/**
 * The snapshot's sealed evaluation by the given check catalog version (a package must ship the findings of
 * the very checks it ships), or with no version the latest sealed one, which the UI shows.
 */
export function latestEvaluation(
  db: Db,
  snapshotId: string,
  catalogVersion?: string,
): EvaluationRecord | null {
  const row = db
    .prepare(
      `SELECT id, snapshot_id, catalog_version, evaluated_at, sealed_at, findings_sha256 FROM evaluations
       WHERE snapshot_id = @snapshotId AND sealed_at IS NOT NULL
         AND (@catalogVersion IS NULL OR catalog_version = @catalogVersion)
       ORDER BY evaluated_at DESC, sealed_at DESC LIMIT 1`,
    )
    .get({ snapshotId, catalogVersion: catalogVersion ?? null }) as
    | {
        id: string;
        snapshot_id: string;
        catalog_version: string;
        evaluated_at: string;
        sealed_at: string | null;
        findings_sha256: string | null;
      }
    | undefined;
  return row
    ? {
        id: row.id,
        snapshotId: row.snapshot_id,
        catalogVersion: row.catalog_version,
        evaluatedAt: row.evaluated_at,
        sealedAt: row.sealed_at,
        findingsSha256: row.findings_sha256,
      }
    : null;
}
