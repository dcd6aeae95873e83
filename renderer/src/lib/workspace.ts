// App-wide state every view needs: app info, the snapshot list, which snapshot is "current", and the running
// collection (it must survive navigating away from the Connections view).
import { createContext, useContext } from 'react';
import type { AppInfo } from '../../../shared/api';
import type { SnapshotSummary } from '../../../shared/domain';
import type { SnapshotRun } from '../features/connections/use-snapshot-run';

export type Workspace = {
  info: AppInfo | null;
  snapshots: SnapshotSummary[];
  snapshotsLoaded: boolean;
  selectedSnapshotId: string | null;
  selectSnapshot: (id: string | null) => void;
  refreshSnapshots: () => Promise<void>;
  run: SnapshotRun;
};

export const WorkspaceContext = createContext<Workspace | null>(null);

export function useWorkspace(): Workspace {
  const ws = useContext(WorkspaceContext);
  if (!ws) throw new Error('useWorkspace must be used inside <App>');
  return ws;
}

export function selectedSnapshot(ws: Workspace): SnapshotSummary | null {
  return ws.snapshots.find((s) => s.id === ws.selectedSnapshotId) ?? null;
}
