// Colour-coded status labels. The text is always shown too: colour alone is not accessible, and screenshots
// of the UI end up in audit workpapers printed in greyscale.
import type {
  ControlStatus,
  FindingStatus,
  Provider,
  Severity,
  SnapshotStatus,
} from '../../../shared/domain';

type Tone = 'good' | 'warn' | 'bad' | 'neutral' | 'info' | 'critical';

const FINDING_TONES: Record<FindingStatus, Tone> = {
  pass: 'good',
  fail: 'bad',
  error: 'warn',
  'n/a': 'neutral',
};
const SEVERITY_TONES: Record<Severity, Tone> = {
  critical: 'critical',
  high: 'bad',
  medium: 'warn',
  low: 'info',
  info: 'neutral',
};
const CONTROL_TONES: Record<ControlStatus, Tone> = {
  effective: 'good',
  'effective-with-exceptions': 'info',
  deficient: 'bad',
  incomplete: 'warn',
  'awaiting-evidence': 'warn',
  manual: 'neutral',
  'not-applicable': 'neutral',
};
const SNAPSHOT_TONES: Record<SnapshotStatus, Tone> = {
  running: 'info',
  complete: 'good',
  failed: 'bad',
  cancelled: 'neutral',
};

export const CONTROL_STATUS_LABELS: Record<ControlStatus, string> = {
  effective: 'Effective',
  'effective-with-exceptions': 'Effective with exceptions',
  deficient: 'Deficient',
  incomplete: 'Incomplete',
  'awaiting-evidence': 'Awaiting evidence',
  manual: 'Manual',
  'not-applicable': 'Not applicable',
};

function Chip(props: { tone: Tone; label: string; testId?: string; caps?: boolean }) {
  return (
    <span className={`chip chip--${props.tone}${props.caps ? ' chip--caps' : ''}`} data-testid={props.testId}>
      {props.label}
    </span>
  );
}

export function FindingStatusChip({ status }: { status: FindingStatus }) {
  return <Chip tone={FINDING_TONES[status]} label={status} testId="finding-status" caps />;
}

export function SeverityChip({ severity }: { severity: Severity }) {
  return <Chip tone={SEVERITY_TONES[severity]} label={severity} testId="severity" caps />;
}

export function ControlStatusChip({ status }: { status: ControlStatus }) {
  return <Chip tone={CONTROL_TONES[status]} label={CONTROL_STATUS_LABELS[status]} testId="control-status" />;
}

export function SnapshotStatusChip({ status }: { status: SnapshotStatus }) {
  return <Chip tone={SNAPSHOT_TONES[status]} label={status} testId="snapshot-status" caps />;
}

export const PROVIDER_LABELS: Record<Provider, string> = { aws: 'AWS', azure: 'Azure' };

/** The cloud a finding's resource lives in; the label is the text, the colour only a hint. */
export function ProviderChip({ provider }: { provider: Provider }) {
  return (
    <span
      className={`chip chip--provider chip--provider-${provider}`}
      data-testid="provider"
      data-provider={provider}
      title={provider === 'aws' ? 'Amazon Web Services' : 'Microsoft Azure'}
    >
      {PROVIDER_LABELS[provider]}
    </span>
  );
}
