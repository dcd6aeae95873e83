// Tracks one snapshot run from start to finish. Progress events can arrive before snapshots.start answers
// with the id, so events are kept per snapshot id and the view reads the entry for the run it started.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { SnapshotFinished, SnapshotProgress } from '../../../../shared/domain';
import type { AzureChoice, OrganizationChoice } from './RunPanel';
import { api, call } from '../../lib/api';
import type { ReportError } from '../../lib/errors';

export type SnapshotRun = {
  /** Id of the run this window started, once snapshots.start answered. */
  snapshotId: string | null;
  connectionId: string | null;
  starting: boolean;
  cancelling: boolean;
  progress: SnapshotProgress | null;
  finished: SnapshotFinished | null;
  /** The run is a whole-organisation or Azure run: snapshotId is the run's id, not a snapshot's. */
  organization: boolean;
  /** The run is an Azure run (one snapshot per subscription). */
  azure: boolean;
  /** An organisation or Azure run: the latest progress of each account (subscription), in order first seen. */
  accounts: SnapshotProgress[];
  start: (
    connectionId: string,
    regions: string[],
    organization?: OrganizationChoice,
    azure?: AzureChoice,
  ) => Promise<void>;
  cancel: () => Promise<void>;
};

export function useSnapshotRun(opts: {
  reportError: ReportError;
  /** Every finished snapshot (the list changes); `ownRun` when it is the run started here (select it). */
  onFinished: (finished: SnapshotFinished, ownRun: boolean) => void;
}): SnapshotRun {
  const { reportError, onFinished } = opts;
  const [snapshotId, setSnapshotId] = useState<string | null>(null);
  const [connectionId, setConnectionId] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);
  const [cancelling, setCancelling] = useState(false);
  const [organization, setOrganization] = useState(false);
  const [azure, setAzure] = useState(false);
  const [progressById, setProgressById] = useState<Record<string, SnapshotProgress>>({});
  // Per run id, per account: the latest progress about that account (subscription), for the per-account list.
  const [accountsById, setAccountsById] = useState<Record<string, Record<string, SnapshotProgress>>>({});
  const [finishedById, setFinishedById] = useState<Record<string, SnapshotFinished>>({});
  // Event handlers need the latest values without re-subscribing; refs are only touched in callbacks.
  const ownRunRef = useRef<string | null>(null);
  const finishedRef = useRef<Record<string, SnapshotFinished>>({});
  // An organisation run's id is not a snapshot's: its end must not select it as the current snapshot.
  const ownRunIsOrgRef = useRef(false);

  useEffect(() => {
    const offProgress = api.on('snapshot.progress', (p) => {
      setProgressById((m) => ({ ...m, [p.snapshotId]: p }));
      const account = p.account;
      if (p.runId && account)
        setAccountsById((m) => ({ ...m, [p.snapshotId]: { ...m[p.snapshotId], [account]: p } }));
    });
    const offFinished = api.on('snapshot.finished', (f) => {
      finishedRef.current[f.snapshotId] = f;
      setFinishedById((m) => ({ ...m, [f.snapshotId]: f }));
      onFinished(f, f.snapshotId === ownRunRef.current && !ownRunIsOrgRef.current);
    });
    return () => {
      offProgress();
      offFinished();
    };
  }, [onFinished]);

  const start = useCallback(
    async (conn: string, regions: string[], org?: OrganizationChoice, az?: AzureChoice) => {
      // An Azure connection always runs as a run over its subscriptions, like an organisation run.
      const isRun = org?.enabled === true || az !== undefined;
      setStarting(true);
      setConnectionId(conn);
      setOrganization(isRun);
      setAzure(az !== undefined);
      ownRunIsOrgRef.current = isRun;
      setSnapshotId(null);
      ownRunRef.current = null;
      try {
        const { snapshotId: id } = await call('snapshots.start', {
          connectionId: conn,
          ...(regions.length > 0 ? { regions } : {}),
          ...(org?.enabled ? { organization: { roleName: org.roleName } } : {}),
          ...(az && !az.all && az.subscriptions.length > 0 ? { subscriptions: az.subscriptions } : {}),
        });
        ownRunRef.current = id;
        setSnapshotId(id);
        // A small snapshot can finish before the start call even answers.
        const early = finishedRef.current[id];
        if (early) onFinished(early, !ownRunIsOrgRef.current);
      } catch (err) {
        reportError(err, 'snapshots.start');
      } finally {
        setStarting(false);
      }
    },
    [reportError, onFinished],
  );

  const cancel = useCallback(async () => {
    if (!snapshotId) return;
    setCancelling(true);
    try {
      await call('snapshots.cancel', { snapshotId });
    } catch (err) {
      reportError(err, 'snapshots.cancel');
    } finally {
      setCancelling(false);
    }
  }, [snapshotId, reportError]);

  const progress = snapshotId ? (progressById[snapshotId] ?? null) : null;
  const finished = snapshotId ? (finishedById[snapshotId] ?? null) : null;
  const accountMap = snapshotId ? accountsById[snapshotId] : undefined;
  const accounts = useMemo(() => Object.values(accountMap ?? {}), [accountMap]);
  // Stable identity unless something changed, so the workspace context does not re-render every view.
  return useMemo(
    () => ({
      snapshotId,
      connectionId,
      starting,
      cancelling,
      progress,
      finished,
      organization,
      azure,
      accounts,
      start,
      cancel,
    }),
    [
      snapshotId,
      connectionId,
      starting,
      cancelling,
      progress,
      finished,
      organization,
      azure,
      accounts,
      start,
      cancel,
    ],
  );
}
