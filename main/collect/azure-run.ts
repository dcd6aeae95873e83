// An Azure collection run, on the snapshot job's worker: resolve the connection's identity, decide which
// subscriptions it covers (the analyst's picks, or every subscription Subscriptions_List answers in each of the
// identity's tenants), then collect each subscription as its own snapshot, a few at a time, grouped in one
// collection run (migration 0006, the same tables as an AWS organisation run: the "accounts" are subscriptions
// and the "management account" is the tenant). Each subscription is reached first with Subscriptions_Get:
// one that cannot be read at all (403, not found, a token refused) is a gap of the run, recorded in the run,
// the audit log and the progress, and the run goes on. That answer is also the snapshot's recorded
// Subscriptions_Get, so each subscription is asked for once. A service the identity may not read inside a readable
// subscription is an ordinary gap of that subscription's snapshot. Cancel stops the whole run.
import crypto from 'node:crypto';
import path from 'node:path';
import pLimit from 'p-limit';
import { appendAudit } from '../evidence/audit-log';
import type { JobHooks, Jobs, SnapshotOutcome } from '../jobs/protocol';
import { stageAndSeal } from '../jobs/snapshot-job';
import { appVersion } from '../paths';
import { addRunGap, addRunSnapshot, endRun, setRunOrganization } from '../store/collection-runs-repo';
import { writeTransaction, type Db } from '../store/db';
import { acquireRunLock, releaseRunLock, RUNS_FOLDER } from '../store/run-lock';
import { getSetting } from '../store/settings-repo';
import { createRunningSnapshot } from '../store/snapshots-repo';
import { loadCheckCatalog } from '../checks/workspace-catalog';
import { withConfiguredCloud } from './azure/connections';
import type { AzureSubscriptionInfo } from './azure/credentials';
import { classifyAzureError } from './azure/errors';
import {
  collectAzureSubscription,
  fetchSubscription,
  listSubscriptions,
  SUBSCRIPTIONS_GET,
  type AzureTarget,
} from './azure/index';
import type { AzurePrefetchedGet } from './azure/recorded-call';
import { azureCallNamed, type AzureArmCall } from './azure/registry';
import type { AzureResolvedTarget } from './connection-registry';
import { resolveAzureTarget } from './targets';
import type { CollectionSink } from './types';

type Params = Jobs['snapshot']['params'];
type Progress = Jobs['snapshot']['progress'];

export const AZURE_RUN_CANCELLED_MESSAGE =
  'Azure run cancelled by the analyst; subscriptions already sealed are kept, the others were not collected.';

/**
 * Subscriptions collected at once. Each runs its own bounded collection against ARM's per-subscription read
 * budget, but they share the identity's token cache and the machine's connections.
 */
export const SUBSCRIPTIONS_IN_PARALLEL = 2;

type RunGap = { accountId: string; accountName: string | null; code: string; message: string };

const SUBSCRIPTIONS_LIST = azureCallNamed('Subscriptions_List') as AzureArmCall;

/**
 * Which subscriptions the run covers. Picks are taken as given (each is then reached, or is a gap); without
 * picks, every subscription each tenant lists, plus any the connection already knew of (the Azure CLI's cache)
 * in a tenant whose listing failed, which is also a gap: the population is then not confirmed.
 */
export async function planSubscriptions(
  resolved: AzureResolvedTarget,
  picked: readonly string[],
  signal: AbortSignal,
): Promise<{ subscriptions: AzureSubscriptionInfo[]; gaps: RunGap[] }> {
  const known = new Map(resolved.subscriptions.map((s) => [s.id.toLowerCase(), s]));
  if (picked.length > 0) {
    const unique = [...new Set(picked.map((id) => id.toLowerCase()))];
    return {
      subscriptions: unique.map(
        (id) => known.get(id) ?? { id, name: id, state: 'Unknown', tenantId: resolved.tenants[0] ?? null },
      ),
      gaps: [],
    };
  }
  const listed = new Map<string, AzureSubscriptionInfo>();
  const gaps: RunGap[] = [];
  const failedTenants = new Set<string | null>();
  const tenants: (string | undefined)[] = resolved.tenants.length > 0 ? resolved.tenants : [undefined];
  for (const tenant of tenants) {
    try {
      const subs = await listSubscriptions(resolved.credential(tenant), resolved.cloud, {
        httpClient: resolved.httpClient,
        signal,
      });
      for (const s of subs) listed.set(s.id.toLowerCase(), { ...s, tenantId: s.tenantId ?? tenant ?? null });
    } catch (err) {
      if (signal.aborted) throw err;
      failedTenants.add(tenant ?? null);
      const why = classifyAzureError(err, SUBSCRIPTIONS_LIST, null);
      gaps.push({
        accountId: tenant ?? 'home tenant',
        accountName: null,
        code: why.code,
        message: `The subscriptions of tenant ${tenant ?? '(home tenant)'} could not be listed, so the run may not cover all of them: ${why.message}`,
      });
    }
  }
  for (const [id, s] of known)
    if (!listed.has(id) && (failedTenants.has(s.tenantId) || failedTenants.has(null))) listed.set(id, s);
  return { subscriptions: [...listed.values()], gaps };
}

export async function runAzure(
  db: Db,
  actor: string,
  workspaceDir: string,
  params: Params,
  { signal, progress }: Pick<JobHooks<Progress>, 'signal' | 'progress'>,
): Promise<SnapshotOutcome> {
  const runId = params.snapshotId;
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
  try {
    say('Resolving the Azure connection');
    // The cloud the analyst set for a service principal / azd connection (the CLI's comes from az cloud show).
    const resolved = withConfiguredCloud(
      await resolveAzureTarget(params.connectionId),
      getSetting(db, 'azureClouds'),
    );
    close = resolved.close;
    say(
      params.azure?.subscriptions?.length
        ? `Collecting the ${params.azure.subscriptions.length} chosen subscription(s)`
        : 'Listing the subscriptions the identity can read (Subscriptions_List)',
    );
    const plan = await planSubscriptions(resolved, params.azure?.subscriptions ?? [], signal);
    // The tenants the run covers: every tenant it listed, or, for picked subscriptions, only theirs (an
    // identity that can reach another tenant does not bring it into a run of this tenant's subscriptions).
    const picked = (params.azure?.subscriptions?.length ?? 0) > 0;
    const tenants = [
      ...new Set([
        ...(picked ? [] : resolved.tenants),
        ...plan.subscriptions.flatMap((s) => (s.tenantId ? [s.tenantId] : [])),
      ]),
    ].sort();
    writeTransaction(db, 'Recording the tenant', () =>
      setRunOrganization(db, runId, {
        managementAccount: tenants.join(', ') || 'home tenant',
        organizationId: tenants.length > 0 ? tenants.join(', ') : null,
      }),
    );
    for (const g of plan.gaps) recordGap(g);
    if (plan.subscriptions.length === 0)
      throw new Error(
        plan.gaps.length > 0
          ? `No subscription could be listed: ${plan.gaps.map((g) => g.message).join(' ')}`
          : 'The identity can read no Azure subscription. Grant it Reader (or the Evidence Desk role: evidence-desk policy --azure) on the subscriptions to collect.',
      );

    const limit = pLimit(SUBSCRIPTIONS_IN_PARALLEL);
    const total = plan.subscriptions.length;
    let finished = 0;
    const results = await Promise.all(
      plan.subscriptions.map((s) =>
        limit(async () => {
          const r = await collectSubscription(resolved, s);
          finished++;
          say(`${finished} of ${total} subscriptions done (last: ${s.name})`, { done: finished, total });
          return r;
        }),
      ),
    );

    const collected = results.filter((r) => r === 'complete').length;
    const status = signal.aborted ? 'cancelled' : collected > 0 ? 'complete' : 'failed';
    const notCollected = total - collected;
    const message =
      status === 'cancelled'
        ? AZURE_RUN_CANCELLED_MESSAGE
        : `Azure run ${status}: ${collected} of ${total} subscriptions collected` +
          (notCollected > 0 ? `, ${notCollected} not collected (see the run's gaps)` : '');
    finishRun(status, message);
    say(message, { phase: 'done', done: total, total });
    return { snapshotId: runId, status, message };
  } catch (err) {
    const cancelled = signal.aborted || (err as Error).name === 'AbortError';
    const message = cancelled ? AZURE_RUN_CANCELLED_MESSAGE : (err as Error).message;
    finishRun(cancelled ? 'cancelled' : 'failed', message);
    return { snapshotId: runId, status: cancelled ? 'cancelled' : 'failed', message };
  } finally {
    await close();
  }

  function recordGap(g: RunGap) {
    writeTransaction(db, 'Recording a subscription the run could not collect', () => {
      addRunGap(db, { runId, ...g });
      audit('run.gap', `run:${runId}`, {
        subscription: g.accountId,
        name: g.accountName,
        code: g.code,
        message: g.message,
      });
    });
    say(`${g.accountName ?? g.accountId} not collected: ${g.message}`, {
      account: g.accountId,
      ...(g.accountName ? { accountName: g.accountName } : {}),
    });
  }

  function finishRun(status: 'complete' | 'failed' | 'cancelled', message: string) {
    writeTransaction(db, 'Ending the Azure run', () => {
      if (endRun(db, runId, status, message)) audit(`run.${status}`, `run:${runId}`, { message });
    });
  }

  /** One subscription: reach it (Subscriptions_Get), then collect and seal it as its own snapshot. */
  async function collectSubscription(
    resolved: AzureResolvedTarget,
    s: AzureSubscriptionInfo,
  ): Promise<'complete' | 'failed' | 'cancelled' | 'skipped'> {
    if (signal.aborted) return 'cancelled';
    const tenantId = s.tenantId ?? resolved.tenants[0] ?? undefined;
    const base: AzureTarget = {
      credential: resolved.credential(tenantId),
      cloud: resolved.cloud,
      subscriptionId: s.id,
      tenantId,
      ...(resolved.httpClient ? { httpClient: resolved.httpClient } : {}),
      ...resolved.tuning,
    };
    say(`Reaching subscription ${s.name} (Subscriptions_Get)`, { account: s.id, accountName: s.name });
    let name = s.name;
    let reached: AzurePrefetchedGet;
    try {
      reached = await fetchSubscription(base, signal);
      if (typeof reached.body.displayName === 'string' && reached.body.displayName)
        name = reached.body.displayName;
    } catch (err) {
      if (signal.aborted) return 'cancelled';
      const why = classifyAzureError(err, SUBSCRIPTIONS_GET, s.id);
      recordGap({
        accountId: s.id,
        accountName: s.name === s.id ? null : s.name,
        code: why.code,
        message: why.message,
      });
      return 'skipped';
    }
    if (signal.aborted) return 'cancelled';

    const snapshotId = crypto.randomUUID();
    // Recorded on the snapshot as the pack it was started with; the evaluation records the pack it ran.
    const catalog = loadCheckCatalog(workspaceDir);
    acquireRunLock(runsDir, snapshotId);
    try {
      writeTransaction(db, 'Starting a subscription snapshot', () => {
        createRunningSnapshot(db, {
          id: snapshotId,
          connection: params.connectionId,
          provider: 'azure',
          startedAt: new Date().toISOString(),
          toolVersion: appVersion(),
          catalogVersion: catalog.catalogVersion,
        });
        addRunSnapshot(db, { runId, snapshotId, accountId: s.id, accountName: name });
        audit('snapshot.start', `snapshot:${snapshotId}`, {
          connection: params.connectionId,
          run: runId,
          subscription: s.id,
          subscriptionName: name,
          tenant: tenantId ?? null,
          cloud: resolved.cloud.name,
          catalogVersion: catalog.catalogVersion,
          checkProblems: catalog.problems,
        });
      });
      const hooks = {
        signal,
        progress: (p: Progress) =>
          progress({
            ...p,
            // The subscription snapshots' own 'done' does not end the run.
            phase: p.phase === 'done' ? 'saving' : p.phase,
            message: `${name}: ${p.message}`,
            runId,
            account: s.id,
            accountName: name,
          }),
      };
      return (
        await stageAndSeal(db, actor, workspaceDir, snapshotId, hooks, async (sink) => {
          // Azure locations, not AWS regions: where the subscription's resources are, for the snapshot list.
          const locations = new Set<string>();
          const observed: CollectionSink = {
            signal: sink.signal,
            resource: (r) => {
              // Some APIs answer a location's display name ("East US"): keep ARM's canonical form (eastus).
              const location = r.region.toLowerCase().replace(/\s+/g, '');
              if (location && location !== 'global') locations.add(location);
              sink.resource(r);
            },
            raw: (r) => sink.raw(r),
            gap: (g) => sink.gap(g),
            progress: (p) => sink.progress(p),
          };
          // The probe's answer is recorded as the snapshot's Subscriptions_Get: ARM is not asked twice.
          const { identity } = await collectAzureSubscription(base, observed, { subscription: reached });
          return {
            account: identity.subscriptionId,
            identity: `${identity.tenantId ?? tenantId ?? 'unknown tenant'}/${identity.displayName ?? name}`,
            regions: [...locations].sort(),
          };
        })
      ).status;
    } finally {
      releaseRunLock(runsDir, snapshotId);
    }
  }
}
