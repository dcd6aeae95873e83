// The conclusion per control, in the framework's own reporting language: what was tested, on which
// population (accounts, regions, counts), at what time, and what was found. Every conclusion is a
// point-in-time test of design and implementation drawn from configuration snapshots; it never claims
// operating effectiveness over a period, which configuration snapshots cannot show.
import type { ControlStatus } from '../../shared/domain';
import type { Framework } from '../frameworks/catalog';

export type ConclusionFacts = {
  framework: Framework;
  controlId: string;
  status: ControlStatus;
  statusReason: string;
  checkIds: string[];
  accounts: string[];
  regions: string[];
  snapshots: { snapshotId: string; account: string | null; startedAt: string }[];
  resources: number;
  excluded: number;
  requests: { id: string; answered: boolean }[];
  /** Approved exceptions covering failures: whether each carries a compensating control. */
  exceptionsInForce: { compensating: boolean }[];
};

/**
 * The framework's word for the status. PCI's "In Place with CCW" needs a compensating control: a failure
 * covered only by a plain risk acceptance is not in place in ROC terms, whatever the internal status says.
 */
export function frameworkLabel(
  f: Pick<ConclusionFacts, 'framework' | 'status' | 'exceptionsInForce'>,
): string {
  if (
    f.framework.id === 'pci-dss-4.0.1' &&
    f.status === 'effective-with-exceptions' &&
    f.exceptionsInForce.some((e) => !e.compensating)
  )
    return f.framework.vocabulary.deficient;
  return f.framework.vocabulary[f.status];
}

const list = (items: readonly string[], none: string) => (items.length === 0 ? none : items.join(', '));

export function conclusionText(f: ConclusionFacts): string {
  const label = frameworkLabel(f);
  const parts: string[] = [`${label}.`];
  if (f.checkIds.length > 0) {
    const when =
      f.snapshots.length === 0
        ? 'no snapshot in scope is attached'
        : f.snapshots.map((s) => `account ${s.account ?? '(unknown)'} as of ${s.startedAt}`).join('; ');
    parts.push(
      `Point-in-time design and implementation test (${when}): automated check(s) ${f.checkIds.join(', ')} ` +
        `over ${f.resources} resource result(s) in account(s) ${list(f.accounts, 'none')}, ` +
        `region(s) ${list(f.regions, 'all recorded')}` +
        (f.excluded > 0 ? `; ${f.excluded} result(s) left out of scope` : '') +
        '.',
    );
  }
  parts.push(f.statusReason);
  if (f.requests.length > 0) {
    const answered = f.requests.filter((r) => r.answered).length;
    parts.push(
      `Manual evidence: ${answered} of ${f.requests.length} request(s) answered` +
        (answered < f.requests.length
          ? ` (awaiting ${f.requests
              .filter((r) => !r.answered)
              .map((r) => r.id)
              .join(', ')})`
          : '; the reviewer judges the files') +
        '.',
    );
  }
  if (
    f.framework.id === 'pci-dss-4.0.1' &&
    f.status === 'effective-with-exceptions' &&
    label !== f.framework.vocabulary['effective-with-exceptions']
  )
    parts.push(
      'A failure is covered by a risk acceptance without a compensating control, which is not a CCW.',
    );
  if (f.framework.id === 'iso27001-2022' && f.status === 'not-applicable')
    parts.push('Justification for exclusion: no resource of the tested types exists in the assessed scope.');
  return parts.join(' ');
}
