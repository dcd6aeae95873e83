// How the header names Azure collections: an Azure run by its Entra ID tenant (the running-snapshots strip), a
// subscription snapshot by its name before its id (the snapshot picker). Pure, so they are tested without a DOM.
import type { RunningSnapshot, SnapshotSummary } from '../../../shared/domain';
import { formatTimestamp, plural } from '../lib/format';
import { snapshotRegions, snapshotScopeLabel } from '../lib/snapshot-choice';

/** A collection run's cloud and, for Azure, its tenant (null until the run has recorded it). */
export type RunCloud = { provider: 'aws' | 'azure'; tenant: string | null };

/** "Snapshot", "Organisation run", "Azure run (<tenant>)"; "Collection run" while the cloud is not known yet. */
export function runNoun(run: Pick<RunningSnapshot, 'kind'>, cloud: RunCloud | null): string {
  if (run.kind !== 'organization') return 'Snapshot';
  if (!cloud) return 'Collection run';
  if (cloud.provider === 'azure') return `Azure run${cloud.tenant ? ` (${cloud.tenant})` : ''}`;
  return 'Organisation run';
}

/**
 * The subscription's name: the run's record of it, else the snapshot's identity (`<tenant id>/<subscription
 * name>`, main/collect/azure-run.ts); null when neither says.
 */
export function subscriptionName(s: Pick<SnapshotSummary, 'accountName' | 'identity'>): string | null {
  if (s.accountName) return s.accountName;
  const slash = s.identity?.indexOf('/') ?? -1;
  return slash >= 0 && s.identity ? s.identity.slice(slash + 1) || null : null;
}

/** The picker's line: for Azure "<when> · Azure subscription <name> (<id>) · <regions> · <gaps>". */
export function pickerLabel(s: SnapshotSummary): string {
  if (s.provider !== 'azure') return snapshotScopeLabel(s);
  const name = subscriptionName(s);
  const id = s.account ?? s.connection;
  return [
    formatTimestamp(s.startedAt),
    `Azure subscription ${name && name !== id ? `${name} (${id})` : id}`,
    snapshotRegions(s),
    plural(s.errorCount, 'gap'),
  ].join(' · ');
}
