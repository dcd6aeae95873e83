// Status chips of the assessment objects. Same look as components/Chip.tsx (text always shown: colour alone
// is not accessible and workpapers get printed in greyscale).
import type { AssessmentRole, AssessmentStatus, ExceptionStatus } from '../../../../shared/domain';

type Tone = 'good' | 'warn' | 'bad' | 'neutral' | 'info' | 'critical';

function Chip(props: { tone: Tone; label: string; testId?: string; title?: string }) {
  return (
    <span className={`chip chip--${props.tone} chip--caps`} data-testid={props.testId} title={props.title}>
      {props.label}
    </span>
  );
}

const EXCEPTION_TONES: Record<ExceptionStatus, Tone> = {
  draft: 'neutral',
  pending: 'info',
  approved: 'good',
  rejected: 'bad',
  expired: 'warn',
  revoked: 'neutral',
};

export function ExceptionStatusChip({ status }: { status: ExceptionStatus }) {
  return <Chip tone={EXCEPTION_TONES[status]} label={status} testId="exception-status" />;
}

const ASSESSMENT_TONES: Record<AssessmentStatus, Tone> = {
  draft: 'neutral',
  'in-progress': 'info',
  'signed-off': 'good',
};

export function AssessmentStatusChip({ status }: { status: AssessmentStatus }) {
  return <Chip tone={ASSESSMENT_TONES[status]} label={status} testId="assessment-status" />;
}

export function RoleChip({ role }: { role: AssessmentRole }) {
  return <Chip tone="neutral" label={role} testId="role-chip" />;
}

/** A sign-off over evidence that has changed since (or whose signature no longer verifies). */
export function SignoffStateChip(props: { stale: boolean; signatureValid: boolean }) {
  if (!props.signatureValid)
    return <Chip tone="bad" label="signature invalid" testId="signoff-state" title="Does not verify" />;
  if (props.stale)
    return (
      <Chip
        tone="warn"
        label="stale"
        testId="signoff-state"
        title="The evidence changed since this sign-off: the chain starts again from the preparer"
      />
    );
  return <Chip tone="good" label="holds" testId="signoff-state" />;
}

export function DemoChip() {
  return <Chip tone="info" label="demo" testId="demo-chip" title="Demo data: nothing here is real" />;
}
