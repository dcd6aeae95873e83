import type { SnapshotSummary } from '../../../shared/domain';
import { formatTimestamp } from '../lib/format';

function label(s: SnapshotSummary): string {
  const who = s.account ?? s.connection;
  return `${formatTimestamp(s.startedAt)} · ${who} · ${s.status}`;
}

/** The header's "current snapshot": findings, controls and export all work on the one chosen here. */
export function SnapshotPicker(props: {
  snapshots: SnapshotSummary[];
  value: string | null;
  onChange: (id: string | null) => void;
}) {
  return (
    <label className="snapshot-picker">
      <span className="snapshot-picker__label">Snapshot</span>
      <select
        data-testid="snapshot-picker"
        aria-label="Current snapshot"
        value={props.value ?? ''}
        onChange={(e) => props.onChange(e.target.value || null)}
        disabled={props.snapshots.length === 0}
      >
        {props.snapshots.length === 0 ? <option value="">No snapshots yet</option> : null}
        {props.value === null && props.snapshots.length > 0 ? (
          <option value="">Choose a snapshot…</option>
        ) : null}
        {props.snapshots.map((s) => (
          <option key={s.id} value={s.id}>
            {label(s)}
          </option>
        ))}
      </select>
    </label>
  );
}
