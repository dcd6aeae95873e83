// Loads one API call's result for a view and re-loads when its request changes. Failures go to the app's error
// banner (the core's message is already actionable), and the view keeps showing its last good data.
import { useCallback, useEffect, useState } from 'react';
import type { CallName, CallRequest, CallResponse } from '../../../shared/api';
import { call } from './api';
import { useReportError } from './errors';

export type Loaded<T> = { data: T | undefined; loading: boolean; failed: boolean; reload: () => void };

/** `request` null = not ready yet (e.g. no snapshot selected): nothing is called. */
export function useCall<K extends CallName>(
  name: K,
  request: CallRequest<K> | null,
): Loaded<CallResponse<K>> {
  const reportError = useReportError();
  const key = request === null ? null : JSON.stringify(request);
  const [state, setState] = useState<{ key: string | null; data?: CallResponse<K>; failed: boolean }>({
    key: null,
    failed: false,
  });
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    if (key === null) return;
    let current = true;
    call(name, JSON.parse(key) as CallRequest<K>).then(
      (data) => {
        if (current) setState({ key, data, failed: false });
      },
      (err: unknown) => {
        if (!current) return;
        setState((s) => ({ ...s, key, failed: true }));
        reportError(err, name);
      },
    );
    // A newer request (or unmount) makes this answer stale; dropping it avoids showing snapshot A's rows
    // under snapshot B's heading.
    return () => {
      current = false;
    };
  }, [name, key, generation, reportError]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  const fresh = state.key === key;
  return {
    data: key === null ? undefined : state.data,
    loading: key !== null && (!fresh || (state.data === undefined && !state.failed)),
    failed: fresh && state.failed,
    reload,
  };
}
