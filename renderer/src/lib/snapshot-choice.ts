// Which snapshots can be the "current" one that findings, controls and export work on, and how a snapshot's
// scope reads in a picker. One rule for every place a snapshot is chosen (the header picker, the snapshots
// list, assessments), so a failed or cancelled snapshot is never offered in one place and refused in another.
import type { SnapshotSummary } from '../../../shared/domain';
import { formatTimestamp, plural } from './format';

/**
 * Only a complete snapshot holds sealed evidence and findings. Failed and cancelled ones kept nothing, and a
 * running one is not sealed yet: they stay visible in the snapshots list with their status, never current.
 */
export function isPickableSnapshot(s: Pick<SnapshotSummary, 'status'>): boolean {
  return s.status === 'complete';
}

export function pickableSnapshots(snapshots: readonly SnapshotSummary[]): SnapshotSummary[] {
  return snapshots.filter(isPickableSnapshot);
}

/** The selected id if that snapshot can be current, else null (a stale or unpickable choice shows nothing). */
export function pickableSelection(
  snapshots: readonly SnapshotSummary[],
  selectedId: string | null,
): string | null {
  const s = selectedId ? snapshots.find((x) => x.id === selectedId) : undefined;
  return s && isPickableSnapshot(s) ? s.id : null;
}

/** Regions shown by name before the rest are counted: a picker option is one line. */
const REGIONS_SHOWN = 2;

/** "AWS account 111122223333" / "Azure subscription <id>", with the name an organisation run knew. */
export function snapshotAccount(s: SnapshotSummary): string {
  const cloud = s.provider === 'azure' ? 'Azure subscription' : 'AWS account';
  const who = s.account ?? s.connection;
  return `${cloud} ${who}${s.accountName ? ` (${s.accountName})` : ''}`;
}

/** "us-east-1, eu-west-1 +3 more": the scope of a snapshot's collection, short enough for one line. */
export function snapshotRegions(s: SnapshotSummary): string {
  if (s.regions.length === 0) return 'no regions';
  const shown = s.regions.slice(0, REGIONS_SHOWN).join(', ');
  const rest = s.regions.length - REGIONS_SHOWN;
  return rest > 0 ? `${shown} +${rest} more` : shown;
}

/** One line: when, which account or subscription, which regions, how many gaps. */
export function snapshotScopeLabel(s: SnapshotSummary): string {
  return [
    formatTimestamp(s.startedAt),
    snapshotAccount(s),
    snapshotRegions(s),
    plural(s.errorCount, 'gap'),
  ].join(' · ');
}
