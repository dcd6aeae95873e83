// The collection sink the snapshot runner uses: redaction and counting as every sink (RedactingSink), then one
// staging row per item (main/store/staging.ts). It lives in collect, not in the store, so the store never
// depends on the collectors: the store is given rows that are already redacted, by this class.
import type { SnapshotProgress } from '../../shared/domain';
import type { Db } from '../store/db';
import { STAGING_BATCH_ROWS, StagingRows, type StagedCollection } from '../store/staging';
import { RedactingSink, type CollectedResource, type CollectionGap, type RawResponse } from './types';

export class SnapshotStaging extends RedactingSink implements StagedCollection {
  private readonly rows: StagingRows;

  constructor(
    db: Db,
    readonly snapshotId: string,
    signal: AbortSignal,
    onProgress?: (p: Omit<SnapshotProgress, 'snapshotId'>) => void,
    batchRows = STAGING_BATCH_ROWS,
  ) {
    super(signal, onProgress);
    this.rows = new StagingRows(db, snapshotId, batchRows);
  }

  /** Resources collected so far (before de-duplication of the same uid reported twice). */
  get resourceCount(): number {
    return this.rows.resourceCount;
  }

  protected keepResource(r: CollectedResource): void {
    this.rows.keepResource(r);
  }
  protected keepRaw(r: RawResponse): void {
    this.rows.keepRaw(r);
  }
  protected keepGap(e: CollectionGap): void {
    this.rows.keepGap(e);
  }

  /**
   * Stages items another sink already redacted and counted (a CollectionBuffer): not redacted or counted
   * again, so the redaction log says exactly what the original sink withheld.
   */
  stageCollected(collected: Parameters<StagingRows['stageCollected']>[0]): void {
    this.rows.stageCollected({ ...collected, redactions: [] });
    for (const r of collected.redactions ?? []) this.redactions.push(r);
  }

  /** Writes the pending batch to the staging tables. */
  flush(): void {
    this.rows.flush();
  }
  moveInto(db: Db): void {
    this.rows.moveInto(db);
  }
  discard(): void {
    this.rows.discard();
  }
}
