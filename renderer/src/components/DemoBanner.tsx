import type { SnapshotSummary } from '../../../shared/domain';

/**
 * The label of the embedded demo's fictional estate, shown above the findings, controls and export views of a
 * demo snapshot (SnapshotSummary.demo, set by the core from the snapshot's connection), so a screenshot of the
 * demo is never mistaken for evidence. The words match the package's labels (main/evidence/demo-snapshot.ts,
 * which the renderer cannot import). Styled inline: it must stand out even where no stylesheet rule exists
 * for it, and React sets these through the DOM's style object, which the CSP allows.
 */
export const DEMO_BANNER_LABEL = 'DEMO - fictional estate';

const style = {
  background: '#c00000',
  color: '#ffffff',
  fontWeight: 700,
  padding: '8px 12px',
  borderRadius: 4,
  margin: '0 0 12px 0',
} as const;

export function DemoBanner(props: { snapshot: Pick<SnapshotSummary, 'demo'> | null | undefined }) {
  if (!props.snapshot?.demo) return null;
  return (
    <div className="demo-banner" role="note" data-testid="demo-banner" style={style}>
      <strong>{DEMO_BANNER_LABEL}</strong>
      <span>
        {' '}
        - Northwind Health is the embedded demo&apos;s fictional organisation. Nothing here is evidence about
        a real account; its packages are signed with the published demo key and never verify as trusted.
      </span>
    </div>
  );
}
