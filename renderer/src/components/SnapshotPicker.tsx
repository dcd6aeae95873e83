// The header's "current snapshot": findings, controls and export all work on the one chosen here. Only
// snapshots that can be current are offered (lib/snapshot-choice.ts: failed, cancelled and running ones stay
// in the Snapshots list with their status), each with its scope: account or subscription, regions, gaps. An
// Azure subscription is named first (a GUID alone does not say which one it is), then its id.
import type { SnapshotSummary } from '../../../shared/domain';
import { pickableSelection, pickableSnapshots } from '../lib/snapshot-choice';
import { pickerLabel } from './azure-labels';
import { RunningSnapshots } from './RunningSnapshots';

export function SnapshotPicker(props: {
  snapshots: SnapshotSummary[];
  value: string | null;
  onChange: (id: string | null) => void;
}) {
  const choices = pickableSnapshots(props.snapshots);
  const value = pickableSelection(props.snapshots, props.value);
  const selected = choices.find((s) => s.id === value);
  return (
    <>
      <label className="snapshot-picker">
        <span className="snapshot-picker__label">Snapshot</span>
        <select
          data-testid="snapshot-picker"
          aria-label="Current snapshot"
          value={value ?? ''}
          title={selected ? `${pickerLabel(selected)}\nRegions: ${selected.regions.join(', ')}` : undefined}
          onChange={(e) => props.onChange(e.target.value || null)}
          disabled={choices.length === 0}
        >
          {choices.length === 0 ? (
            <option value="">
              {props.snapshots.length === 0 ? 'No snapshots yet' : 'No complete snapshot yet'}
            </option>
          ) : null}
          {value === null && choices.length > 0 ? <option value="">Choose a snapshot…</option> : null}
          {choices.map((s) => (
            <option
              key={s.id}
              value={s.id}
              data-testid="snapshot-option"
              title={`Regions: ${s.regions.join(', ') || 'none'}`}
            >
              {pickerLabel(s)}
            </option>
          ))}
        </select>
      </label>
      {/* Mounted with the picker so every view's header shows collections in progress, after a reload too. */}
      <RunningSnapshots />
    </>
  );
}
