// The app shell: navigation, the current-snapshot picker, the mode badge and the error banner. Views are
// plain components switched by state (a desktop app has no URLs worth routing; the hash carries the bridge
// token in browser mode).
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { AppInfo } from '../../shared/api';
import type { SnapshotFinished, SnapshotSummary } from '../../shared/domain';
import { DemoBanner } from './components/DemoBanner';
import { ErrorBanner } from './components/ErrorBanner';
import { isPickableSnapshot, pickableSnapshots } from './lib/snapshot-choice';
import { SnapshotPicker } from './components/SnapshotPicker';
import { AssessmentsView } from './features/assessments/AssessmentsView';
import { NavigateContext } from './features/assessments/navigation';
import { ConnectionsView } from './features/connections/ConnectionsView';
import { useSnapshotRun } from './features/connections/use-snapshot-run';
import { ControlsView } from './features/controls/ControlsView';
import { ExportView } from './features/export/ExportView';
import { FindingsView } from './features/findings/FindingsView';
import { SettingsView } from './features/settings/SettingsView';
import { SnapshotsView } from './features/snapshots/SnapshotsView';
import { call } from './lib/api';
import { describeError, ReportErrorContext, type ReportedError } from './lib/errors';
import { WorkspaceContext, type Workspace } from './lib/workspace';

// Assessments first: it is where the analyst works; the other views feed it (and stay reachable).
const VIEWS = [
  { id: 'assessments', label: 'Assessments', component: AssessmentsView },
  { id: 'connections', label: 'Connections', component: ConnectionsView },
  { id: 'snapshots', label: 'Snapshots', component: SnapshotsView },
  { id: 'findings', label: 'Findings', component: FindingsView },
  { id: 'controls', label: 'Controls', component: ControlsView },
  { id: 'export', label: 'Export', component: ExportView },
  { id: 'settings', label: 'Settings', component: SettingsView },
] as const;
type ViewId = (typeof VIEWS)[number]['id'];

/** Most recent first; the newest pickable (complete) snapshot is the sensible default "current" one. */
function newestComplete(snapshots: SnapshotSummary[]): string | null {
  return pickableSnapshots(snapshots)[0]?.id ?? null;
}

export function App() {
  const [view, setView] = useState<ViewId>('assessments');
  const [errors, setErrors] = useState<ReportedError[]>([]);
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [snapshots, setSnapshots] = useState<SnapshotSummary[]>([]);
  const [snapshotsLoaded, setSnapshotsLoaded] = useState(false);
  const [selectedSnapshotId, setSelectedSnapshotId] = useState<string | null>(null);

  const reportError = useCallback((err: unknown, action?: string) => {
    const e = describeError(err, action);
    // Keep the banner short: the same failure repeated (e.g. a refresh loop) shows once, newest on top.
    setErrors((prev) => [e, ...prev.filter((p) => p.message !== e.message)].slice(0, 3));
  }, []);

  const applySnapshots = useCallback((list: SnapshotSummary[]) => {
    const sorted = [...list].sort((a, b) => b.startedAt.localeCompare(a.startedAt));
    setSnapshots(sorted);
    setSnapshotsLoaded(true);
    // Keep the analyst's choice while it exists; otherwise fall back to the newest complete snapshot.
    setSelectedSnapshotId((current) =>
      current && sorted.some((s) => s.id === current && isPickableSnapshot(s))
        ? current
        : newestComplete(sorted),
    );
  }, []);

  const refreshSnapshots = useCallback(
    () =>
      call('snapshots.list', {}).then(applySnapshots, (err: unknown) => reportError(err, 'snapshots.list')),
    [applySnapshots, reportError],
  );

  useEffect(() => {
    call('app.info', {}).then(setInfo, (err: unknown) => reportError(err, 'app.info'));
    call('snapshots.list', {}).then(applySnapshots, (err: unknown) => reportError(err, 'snapshots.list'));
  }, [applySnapshots, reportError]);

  const onFinished = useCallback(
    (finished: SnapshotFinished, ownRun: boolean) => {
      void refreshSnapshots().then(() => {
        if (ownRun && finished.status === 'complete') setSelectedSnapshotId(finished.snapshotId);
      });
    },
    [refreshSnapshots],
  );
  const run = useSnapshotRun({ reportError, onFinished });

  const workspace = useMemo<Workspace>(
    () => ({
      info,
      snapshots,
      snapshotsLoaded,
      selectedSnapshotId,
      selectSnapshot: setSelectedSnapshotId,
      refreshSnapshots,
      run,
    }),
    [info, snapshots, snapshotsLoaded, selectedSnapshotId, refreshSnapshots, run],
  );

  const Current = VIEWS.find((v) => v.id === view)?.component ?? AssessmentsView;
  const running = run.snapshotId !== null && run.finished === null;

  return (
    <ReportErrorContext.Provider value={reportError}>
      <WorkspaceContext.Provider value={workspace}>
        <NavigateContext.Provider value={setView}>
          <div className="shell">
            <nav className="nav" aria-label="Main">
              <div className="nav__brand">
                <span className="nav__logo" aria-hidden="true">
                  ED
                </span>
                <span>Evidence Desk</span>
              </div>
              <ul className="nav__list">
                {VIEWS.map((v) => (
                  <li key={v.id}>
                    <button
                      type="button"
                      className={`nav__item${v.id === view ? ' is-active' : ''}`}
                      aria-current={v.id === view ? 'page' : undefined}
                      data-testid={`nav-${v.id}`}
                      onClick={() => setView(v.id)}
                    >
                      {v.label}
                      {v.id === 'connections' && running ? (
                        <span className="nav__badge" aria-label="snapshot running">
                          ●
                        </span>
                      ) : null}
                    </button>
                  </li>
                ))}
              </ul>
              <div className="nav__footer muted small">{info ? `v${info.version}` : ''}</div>
            </nav>
            <div className="main">
              <header className="topbar">
                <SnapshotPicker
                  snapshots={snapshots}
                  value={selectedSnapshotId}
                  onChange={setSelectedSnapshotId}
                />
                <div className="topbar__spacer" />
                {info ? (
                  <span
                    className={`mode-badge mode-badge--${info.mode}`}
                    data-testid="mode-badge"
                    title={`Workspace: ${info.dataDir}`}
                  >
                    {info.mode === 'browser' ? 'Browser mode · 127.0.0.1' : 'Desktop'}
                  </span>
                ) : null}
              </header>
              <ErrorBanner
                errors={errors}
                onDismiss={(id) => setErrors((prev) => prev.filter((e) => e.id !== id))}
              />
              <main className="content" id="content">
                {view === 'findings' || view === 'controls' || view === 'export' ? (
                  <DemoBanner snapshot={snapshots.find((s) => s.id === selectedSnapshotId)} />
                ) : null}
                <Current />
              </main>
            </div>
          </div>
        </NavigateContext.Provider>
      </WorkspaceContext.Provider>
    </ReportErrorContext.Provider>
  );
}
