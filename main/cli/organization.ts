// The CLI's whole-organisation commands: `snapshot --organization`, `runs`, and the organisation parts of
// `policy`. Kept beside index.ts so the command table there stays a list of one-liners.
import { InvalidArgumentError } from 'commander';
import {
  DEFAULT_MEMBER_ROLE,
  MAX_ACCOUNTS_IN_PARALLEL,
  MemberRoleName,
  type CollectionRunSummary,
  type SnapshotProgress,
} from '../../shared/domain';
import {
  memberRoleTrustPolicy,
  organizationRunNotes,
  organizationRunPolicy,
} from '../collect/aws/org-policy';
import { leastPrivilegePolicy, leastPrivilegePolicyNotes } from '../collect/registry';
import { startOrganizationRun } from '../collect/run-snapshot';
import type { Workspace } from '../core/workspace';
import { getRun } from '../store/collection-runs-repo';
import { formatTable } from './format';

export function parseRoleName(v: string): string {
  const r = MemberRoleName.safeParse(v);
  if (!r.success) throw new InvalidArgumentError(r.error.issues[0]?.message ?? 'not an IAM role name');
  return r.data;
}

export function parseAccountsInParallel(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > MAX_ACCOUNTS_IN_PARALLEL)
    throw new InvalidArgumentError(`a whole number from 1 to ${MAX_ACCOUNTS_IN_PARALLEL}`);
  return n;
}

/** Runs a whole-organisation collection, printing progress by account; returns the run. */
export async function runOrganizationSnapshot(
  ws: Workspace,
  o: { connection: string; regions?: string[]; roleName?: string; maxAccountsInParallel?: number },
): Promise<CollectionRunSummary> {
  const { runId, done } = startOrganizationRun(ws, {
    connectionId: o.connection,
    regions: o.regions,
    roleName: o.roleName,
    maxAccountsInParallel: o.maxAccountsInParallel,
  });
  const unsubscribe = ws.events.subscribe((event, payload) => {
    if (event !== 'snapshot.progress') return;
    const p = payload as SnapshotProgress;
    if (p.snapshotId !== runId) return;
    process.stderr.write(`  ${p.account ? `[${p.account}] ` : ''}${p.message}\n`);
  });
  const outcome = await done;
  unsubscribe();
  const run = getRun(ws.db, runId);
  if (!run) throw new Error(`The organisation run ${runId} left no record.`);
  process.stdout.write(`${outcome.message}\nrun ${runId}\n${formatRun(run)}`);
  if (outcome.status !== 'complete')
    throw new Error(`Organisation run ${outcome.status}: ${outcome.message}`);
  return run;
}

/** One run: its account snapshots, then the accounts it could not collect and why. */
export function formatRun(run: CollectionRunSummary): string {
  const rows = [
    ...run.accounts.map((a) => [a.accountId, a.accountName ?? '', a.status, a.snapshotId]),
    ...run.gaps.map((g) => [g.accountId, g.accountName ?? '', `not collected (${g.code})`, g.message]),
  ];
  return formatTable(['account', 'name', 'status', 'snapshot / reason'], rows, 120);
}

export function formatRuns(runs: CollectionRunSummary[]): string {
  return formatTable(
    ['run', 'status', 'organisation', 'role', 'started', 'accounts', 'not collected'],
    runs.map((r) => [
      r.id,
      r.status,
      r.organizationId ?? '',
      r.roleName,
      r.startedAt,
      String(r.accounts.length),
      r.gaps.map((g) => `${g.accountId} (${g.code})`).join(', '),
    ]),
  );
}

/**
 * `policy`: the read-only policy; with --organization the management identity's policy (plus AssumeRole on
 * the member role) and, in the notes, the member role's trust policy; with --member-trust-policy only that
 * trust policy. stdout is always exactly one pasteable document; notes go to stderr.
 */
export function printPolicy(o: {
  organization?: boolean;
  roleName?: string;
  memberTrustPolicy?: boolean;
  managementAccount?: string;
}): void {
  const roleName = o.roleName ?? DEFAULT_MEMBER_ROLE;
  if (o.memberTrustPolicy) {
    process.stdout.write(`${JSON.stringify(memberRoleTrustPolicy(o.managementAccount), null, 2)}\n`);
    process.stderr.write(
      `# Trust policy of the role ${roleName} in every member account. Attach the read-only policy ` +
        '(`evidence-desk policy`) to the same role.\n',
    );
    return;
  }
  const doc = o.organization ? organizationRunPolicy(roleName) : leastPrivilegePolicy();
  process.stdout.write(`${JSON.stringify(doc, null, 2)}\n`);
  // With --organization the detailed notes replace the registry's one-line pointer to them.
  const notes = o.organization
    ? [
        ...leastPrivilegePolicyNotes().filter((n) => !n.startsWith('Whole-organisation runs')),
        ...organizationRunNotes(roleName),
      ]
    : leastPrivilegePolicyNotes();
  const trust = o.organization
    ? [
        'Member role trust policy:',
        ...JSON.stringify(memberRoleTrustPolicy(o.managementAccount), null, 2).split('\n'),
      ]
    : [];
  process.stderr.write([...notes, ...trust].map((n) => `# ${n}\n`).join(''));
}
