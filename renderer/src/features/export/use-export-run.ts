// One export from this window: started with a requestId the UI chooses, so its export.progress events can be
// told apart from another window's and so export.cancel can name it. The export runs on a worker in the core;
// this only follows it.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ExportProgress, ExportResult, FrameworkId } from '../../../../shared/domain';
import { ApiCallError, api, call } from '../../lib/api';
import type { ReportError } from '../../lib/errors';

export type ExportRun = {
  running: boolean;
  cancelling: boolean;
  /** Latest progress of the running export; null before its first event. */
  progress: ExportProgress | null;
  result: ExportResult | null;
  /** The last export ended because the analyst cancelled it. */
  cancelled: boolean;
  start: (request: { snapshotId: string; framework: FrameworkId; outputDir?: string }) => Promise<void>;
  cancel: () => Promise<void>;
};

export function useExportRun(reportError: ReportError): ExportRun {
  const [running, setRunning] = useState(false);
  const [cancelling, setCancelling] = useState(false);
  const [progress, setProgress] = useState<ExportProgress | null>(null);
  const [result, setResult] = useState<ExportResult | null>(null);
  const [cancelled, setCancelled] = useState(false);
  // Read only in callbacks: which request this window is following.
  const requestRef = useRef<string | null>(null);

  useEffect(
    () =>
      api.on('export.progress', (p) => {
        if (p.requestId === requestRef.current) setProgress(p);
      }),
    [],
  );

  const start = useCallback<ExportRun['start']>(
    async (request) => {
      const requestId = globalThis.crypto.randomUUID();
      requestRef.current = requestId;
      setRunning(true);
      setCancelling(false);
      setCancelled(false);
      setProgress(null);
      setResult(null);
      try {
        setResult(await call('export.create', { ...request, requestId }));
      } catch (err) {
        // A cancel the analyst asked for is an outcome, not an error for the banner.
        if (err instanceof ApiCallError && err.code === 'cancelled') setCancelled(true);
        else reportError(err, 'export.create');
      } finally {
        requestRef.current = null;
        setRunning(false);
        setCancelling(false);
      }
    },
    [reportError],
  );

  const cancel = useCallback(async () => {
    const requestId = requestRef.current;
    if (!requestId) return;
    setCancelling(true);
    try {
      const { cancelled: accepted } = await call('export.cancel', { requestId });
      // false: it finished (or failed) just before the cancel arrived; start() reports that outcome.
      if (!accepted) setCancelling(false);
    } catch (err) {
      setCancelling(false);
      reportError(err, 'export.cancel');
    }
  }, [reportError]);

  return useMemo(
    () => ({ running, cancelling, progress, result, cancelled, start, cancel }),
    [running, cancelling, progress, result, cancelled, start, cancel],
  );
}
