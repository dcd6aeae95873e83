// One button's call: busy while it runs, failures to the app's error banner, the value back on success.
import { useCallback, useState } from 'react';
import { useReportError } from '../../lib/errors';

export function useAction(): {
  busy: boolean;
  run: <T>(action: string, fn: () => Promise<T>) => Promise<T | undefined>;
} {
  const reportError = useReportError();
  const [busy, setBusy] = useState(false);
  const run = useCallback(
    async <T>(action: string, fn: () => Promise<T>): Promise<T | undefined> => {
      setBusy(true);
      try {
        return await fn();
      } catch (err) {
        reportError(err, action);
        return undefined;
      } finally {
        setBusy(false);
      }
    },
    [reportError],
  );
  return { busy, run };
}
