// Produce the auditor's package for the current snapshot and framework, then prove it is intact. Verify runs
// the same offline check the auditor will run, so the analyst sees what the auditor will see. The export runs
// on a worker in the core: the page shows its progress and can cancel it.
import { useState } from 'react';
import type { FrameworkId } from '../../../../shared/domain';
import { EmptyState } from '../../components/EmptyState';
import { call } from '../../lib/api';
import { useReportError } from '../../lib/errors';
import { useWorkspace } from '../../lib/workspace';
import { FrameworkSelect } from '../controls/FrameworkSelect';
import { ExportProgressPanel } from './ExportProgressPanel';
import { ExportResultPanel } from './ExportResultPanel';
import { useExportRun } from './use-export-run';
import { VerifyPanel } from './VerifyPanel';

export function ExportView() {
  const ws = useWorkspace();
  const reportError = useReportError();
  const [framework, setFramework] = useState<FrameworkId>('soc2-2017');
  // null = not edited: follow the default export folder from app.info until the analyst types or picks one.
  const [folder, setFolder] = useState<string | null>(null);
  const [pickerReturnedNull, setPickerReturnedNull] = useState(false);
  const run = useExportRun(reportError);
  const { result } = run;
  const snapshotId = ws.selectedSnapshotId;
  const outputDir = folder ?? ws.info?.defaultExportDir ?? '';
  // Browser mode has no native picker; the path is typed instead (it is a path on the machine running the core).
  const pickerUnavailable = pickerReturnedNull || ws.info?.mode === 'browser';

  async function chooseFolder() {
    try {
      const { path } = await call('dialog.chooseFolder', {
        title: 'Choose where to save the evidence package',
      });
      if (path === null) setPickerReturnedNull(true);
      else setFolder(path);
    } catch (err) {
      reportError(err, 'dialog.chooseFolder');
    }
  }

  async function runExport() {
    if (!snapshotId) return;
    const trimmed = outputDir.trim();
    await run.start({ snapshotId, framework, ...(trimmed ? { outputDir: trimmed } : {}) });
  }

  return (
    <section className="view" aria-labelledby="export-heading">
      <header className="view__header">
        <h1 id="export-heading">Export</h1>
      </header>

      {!snapshotId ? (
        <EmptyState title="No snapshot selected">
          Choose a snapshot in the header to export its evidence.
        </EmptyState>
      ) : (
        <form
          className="panel form-grid"
          aria-label="Export an evidence package"
          onSubmit={(e) => {
            e.preventDefault();
            void runExport();
          }}
        >
          <FrameworkSelect value={framework} onChange={setFramework} testId="export-framework" />
          <div className="inline-field">
            <span id="export-folder-label">Save to</span>
            <div className="row-gap">
              <input
                type="text"
                className="grow"
                aria-labelledby="export-folder-label"
                data-testid="export-folder"
                value={outputDir}
                readOnly={!pickerUnavailable}
                placeholder="Folder on this computer, e.g. /home/me/evidence"
                onChange={(e) => setFolder(e.target.value)}
              />
              <button
                type="button"
                className="btn"
                data-testid="choose-folder"
                onClick={() => void chooseFolder()}
              >
                Choose folder…
              </button>
            </div>
            {pickerUnavailable ? (
              <span className="field__help">
                No folder picker in browser mode: type the folder path on the machine running Evidence Desk.
              </span>
            ) : null}
          </div>
          <div>
            <button
              type="submit"
              className="btn btn--primary"
              data-testid="export-button"
              disabled={run.running}
            >
              {run.running ? 'Exporting…' : 'Export package'}
            </button>
          </div>
        </form>
      )}

      <ExportProgressPanel run={run} />
      {result ? <ExportResultPanel result={result} /> : null}
      <VerifyPanel initialPath={result?.packageDir ?? ''} key={result?.packageDir ?? 'none'} />
    </section>
  );
}
