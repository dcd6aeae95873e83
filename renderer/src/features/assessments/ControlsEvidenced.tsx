// "Evidences": the framework controls a finding's check is mapped to (by the framework catalogs in force,
// workspace mappings included), shown in the finding detail. The control lists are asked once per snapshot
// and framework and kept for the session: opening finding after finding must not re-evaluate them.
import { useEffect, useState } from 'react';
import type { ControlResult, FrameworkInfo } from '../../../../shared/domain';
import { call } from '../../lib/api';
import { useReportError } from '../../lib/errors';
import { useCall } from '../../lib/use-call';

const cache = new Map<string, Promise<ControlResult[]>>();

function controlsOf(snapshotId: string, framework: FrameworkInfo['id']): Promise<ControlResult[]> {
  const key = `${snapshotId}/${framework}`;
  let p = cache.get(key);
  if (!p) {
    p = call('controls.list', { snapshotId, framework });
    // A failure is not kept: the next finding asks again.
    p.catch(() => cache.delete(key));
    cache.set(key, p);
  }
  return p;
}

export function ControlsEvidenced({ snapshotId, checkId }: { snapshotId: string | null; checkId: string }) {
  const reportError = useReportError();
  const frameworks = useCall('frameworks.list', {});
  const [found, setFound] = useState<{ key: string; rows: { framework: string; c: ControlResult }[] } | null>(
    null,
  );
  const key = `${snapshotId ?? ''}/${checkId}`;

  useEffect(() => {
    if (!snapshotId || !frameworks.data) return;
    let current = true;
    Promise.all(
      frameworks.data.map(async (f) =>
        (await controlsOf(snapshotId, f.id))
          .filter((c) => c.checkIds.includes(checkId))
          .map((c) => ({ framework: f.name, c })),
      ),
    ).then(
      (lists) => {
        if (current) setFound({ key, rows: lists.flat() });
      },
      (err: unknown) => reportError(err, 'controls.list'),
    );
    return () => {
      current = false;
    };
  }, [snapshotId, checkId, frameworks.data, key, reportError]);

  const rows = found?.key === key ? found.rows : null;
  return (
    <>
      <h3>Evidences controls</h3>
      {rows === null ? <p className="muted small">Looking up the frameworks…</p> : null}
      {rows && rows.length === 0 ? (
        <p className="muted small">No framework control maps this check.</p>
      ) : null}
      {rows && rows.length > 0 ? (
        <ul className="plain-list" data-testid="finding-controls">
          {rows.map(({ framework, c }) => (
            <li key={`${c.framework}/${c.controlId}`}>
              {framework} <span className="mono">{c.controlId}</span> — {c.title}
            </li>
          ))}
        </ul>
      ) : null}
    </>
  );
}
