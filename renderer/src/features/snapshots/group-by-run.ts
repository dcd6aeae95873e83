// Orders the snapshot list so the account snapshots of one whole-organisation run sit together under the
// run, in the place of the run's newest snapshot; single-account snapshots keep their own place.
import type { CollectionRunSummary, SnapshotSummary } from '../../../../shared/domain';
import { isPickableSnapshot } from '../../lib/snapshot-choice';

export type SnapshotListEntry =
  | { kind: 'run'; runId: string; run: CollectionRunSummary | undefined; count: number }
  | { kind: 'snapshot'; snapshot: SnapshotSummary; inRun: boolean };

export function groupByRun(
  snapshots: readonly SnapshotSummary[],
  runs: readonly CollectionRunSummary[],
): SnapshotListEntry[] {
  const byRun = new Map<string, SnapshotSummary[]>();
  for (const s of snapshots) {
    if (!s.runId) continue;
    const list = byRun.get(s.runId) ?? [];
    list.push(s);
    byRun.set(s.runId, list);
  }
  const out: SnapshotListEntry[] = [];
  const placed = new Set<string>();
  for (const s of snapshots) {
    if (!s.runId) {
      out.push({ kind: 'snapshot', snapshot: s, inRun: false });
      continue;
    }
    if (placed.has(s.runId)) continue;
    placed.add(s.runId);
    const members = byRun.get(s.runId) ?? [];
    out.push({ kind: 'run', runId: s.runId, run: runs.find((r) => r.id === s.runId), count: members.length });
    for (const m of members) out.push({ kind: 'snapshot', snapshot: m, inRun: true });
  }
  return out;
}

/** Only a complete snapshot holds evidence: failed, cancelled and running ones cannot be the current one. */
export function canBeCurrent(s: SnapshotSummary): boolean {
  return isPickableSnapshot(s);
}
