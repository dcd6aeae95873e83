// A whole-organisation collection run, on the snapshot job's worker: read the organisation from the
// connection's (management or delegated administrator) identity, then collect every ACTIVE account (the
// connection's own account with its own credentials, each member through an assumed role) a few accounts at
// a time. Each account is an ordinary snapshot, collected and sealed by the same code as a single-account
// snapshot, and linked to the run (migration 0006). An account that cannot be reached (its role cannot be
// assumed, it is suspended) is a gap of the run, recorded in the run, the audit log and the progress, and
// the run goes on. Cancel stops the whole run: accounts not started are skipped, running ones end cancelled.
import crypto from 'node:crypto';
import path from 'node:path';
import pLimit from 'p-limit';
import { appendAudit } from '../evidence/audit-log';
import type { JobHooks, Jobs, SnapshotOutcome } from '../jobs/protocol';
import { collectAndSeal } from '../jobs/snapshot-job';
import { appVersion } from '../paths';
import { addRunGap, addRunSnapshot, endRun, setRunOrganization } from '../store/collection-runs-repo';
import { writeTransaction, type Db } from '../store/db';
import { acquireRunLock, releaseRunLock, RUNS_FOLDER } from '../store/run-lock';
import { createRunningSnapshot } from '../store/snapshots-repo';
import { loadCheckCatalog } from '../checks/workspace-catalog';
import { assumedRoleCredentials, AssumeRoleError, memberRoleArn } from './aws/assume-role';
import type { AwsTarget } from './aws/index';
import { readOrganization, type OrgAccount } from './org-listing';
import { resolveTarget } from './targets';

type Params = Jobs['snapshot']['params'];
type Progress = Jobs['snapshot']['progress'];

export const RUN_CANCELLED_MESSAGE =
  'Organisation run cancelled by the analyst; accounts already sealed are kept, the others were not collected.';

export async function runOrganization(
  db: Db,
  actor: string,
  workspaceDir: string,
  params: Params,
  { signal, progress }: Pick<JobHooks<Progress>, 'signal' | 'progress'>,
): Promise<SnapshotOutcome> {
  const runId = params.snapshotId;
  const { roleName, maxAccountsInParallel } = params.organization ?? {
    roleName: 'OrganizationAccountAccessRole',
    maxAccountsInParallel: 3,
  };
  const runsDir = path.join(workspaceDir, RUNS_FOLDER);
  const audit = (action: string, entity: string, details: Record<string, unknown>) =>
    appendAudit(db, { actor, action, entity, details });
  const say = (message: string, extra: Partial<Progress> = {}) =>
    progress({
      phase: 'collecting',
      service: null,
      region: null,
      done: 0,
      total: 1,
      message,
      runId,
      ...extra,
    });

  let close: () => Promise<void> = async () => {};
  let base: AwsTarget | undefined;
  try {
    say('Resolving credentials');
    const resolved = await resolveTarget(params.connectionId, params.regions);
    close = resolved.close;
    base = resolved.target;
    say('Reading the organisation (DescribeOrganization, ListAccounts)');
    const org = await readOrganization(base, signal);
    writeTransaction(db, 'Recording the organisation', () =>
      setRunOrganization(db, runId, {
        managementAccount: org.identity.account,
        organizationId: org.organizationId,
      }),
    );
    if (org.listingGap) {
      recordGap(
        { id: org.identity.account, name: null, status: 'ACTIVE' },
        org.listingGap.code,
        org.listingGap.message,
      );
    }

    const accounts = org.accounts;
    const limit = pLimit(maxAccountsInParallel);
    let finished = 0;
    const total = accounts.length;
    const results = await Promise.all(
      accounts.map((a) =>
        limit(async () => {
          const r = await collectAccount(a);
          finished++;
          say(`${finished} of ${total} accounts done (last: ${a.name ?? a.id})`, { done: finished, total });
          return r;
        }),
      ),
    );

    const collected = results.filter((r) => r === 'complete').length;
    const status = signal.aborted ? 'cancelled' : collected > 0 ? 'complete' : 'failed';
    const notReached = accounts.length - collected;
    const message =
      status === 'cancelled'
        ? RUN_CANCELLED_MESSAGE
        : `Organisation run ${status}: ${collected} of ${accounts.length} accounts collected` +
          (notReached > 0 ? `, ${notReached} not collected (see the run's gaps)` : '');
    finishRun(status, message);
    say(message, { phase: 'done', done: total, total });
    return { snapshotId: runId, status, message };
  } catch (err) {
    const cancelled = signal.aborted || (err as Error).name === 'AbortError';
    const message = cancelled ? RUN_CANCELLED_MESSAGE : (err as Error).message;
    finishRun(cancelled ? 'cancelled' : 'failed', message);
    return { snapshotId: runId, status: cancelled ? 'cancelled' : 'failed', message };
  } finally {
    await close();
  }

  function recordGap(a: OrgAccount, code: string, message: string) {
    writeTransaction(db, 'Recording an account the run could not collect', () => {
      addRunGap(db, { runId, accountId: a.id, accountName: a.name, code, message });
      audit('run.gap', `run:${runId}`, { account: a.id, accountName: a.name, code, message });
    });
    say(`Account ${a.name ?? a.id} (${a.id}) not collected: ${message}`, {
      account: a.id,
      accountName: a.name ?? undefined,
    });
  }

  function finishRun(status: 'complete' | 'failed' | 'cancelled', message: string) {
    writeTransaction(db, 'Ending the organisation run', () => {
      if (endRun(db, runId, status, message)) audit(`run.${status}`, `run:${runId}`, { message });
    });
  }

  /** One account: reach it, then collect and seal it as its own snapshot. */
  async function collectAccount(
    a: OrgAccount & { own?: boolean },
  ): Promise<'complete' | 'failed' | 'cancelled' | 'skipped'> {
    if (signal.aborted) return 'cancelled';
    if (a.status !== 'ACTIVE') {
      recordGap(
        a,
        'AccountNotActive',
        `The account is ${a.status} in the organisation, so it was not collected.`,
      );
      return 'skipped';
    }
    // resolveTarget already narrowed it to the analyst's regions, if any.
    let target = base as AwsTarget;
    if (!a.own) {
      const role = memberRoleArn(a.id, roleName);
      say(`Assuming ${role}`, { account: a.id, accountName: a.name ?? undefined });
      const assumed = assumedRoleCredentials(target, role, sessionName(runId), signal);
      try {
        await assumed.first();
      } catch (err) {
        if (signal.aborted) return 'cancelled';
        const code = err instanceof AssumeRoleError ? err.code : 'AssumeRoleFailed';
        recordGap(a, code, (err as Error).message);
        return 'skipped';
      }
      target = { ...target, credentials: assumed.provider };
    }
    if (signal.aborted) return 'cancelled';
    const snapshotId = crypto.randomUUID();
    // Recorded on the snapshot as the pack it was started with; the evaluation records the pack it ran.
    const catalog = loadCheckCatalog(workspaceDir);
    acquireRunLock(runsDir, snapshotId);
    try {
      writeTransaction(db, 'Starting an account snapshot', () => {
        createRunningSnapshot(db, {
          id: snapshotId,
          connection: params.connectionId,
          provider: 'aws',
          startedAt: new Date().toISOString(),
          toolVersion: appVersion(),
          catalogVersion: catalog.catalogVersion,
        });
        addRunSnapshot(db, { runId, snapshotId, accountId: a.id, accountName: a.name });
        audit('snapshot.start', `snapshot:${snapshotId}`, {
          connection: params.connectionId,
          run: runId,
          account: a.id,
          accountName: a.name,
          via: a.own ? 'the connection itself' : memberRoleArn(a.id, roleName),
          regions: params.regions ?? 'all enabled',
          catalogVersion: catalog.catalogVersion,
          checkProblems: catalog.problems,
        });
      });
      const outcome = await collectAndSeal(
        db,
        actor,
        workspaceDir,
        { snapshotId, connectionId: params.connectionId, regions: params.regions },
        {
          signal,
          progress: (p) =>
            progress({
              ...p,
              // The account snapshots' own 'done' does not end the run.
              phase: p.phase === 'done' ? 'saving' : p.phase,
              message: `${a.name ?? a.id}: ${p.message}`,
              runId,
              account: a.id,
              ...(a.name ? { accountName: a.name } : {}),
            }),
        },
        { target },
      );
      return outcome.status;
    } finally {
      releaseRunLock(runsDir, snapshotId);
    }
  }
}

/** Names the session in the member account's CloudTrail: who collected, and which run. */
function sessionName(runId: string): string {
  return `evidence-desk-${runId.slice(0, 8)}`;
}
