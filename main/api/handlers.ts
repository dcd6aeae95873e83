// The implementation of every call in shared/api.ts. Requests arrive already validated (dispatch.ts); a
// handler only calls the core. Adding a call to the contract without a handler is a type error here.
import crypto from 'node:crypto';
import type { CallName, CallRequest, CallResponse } from '../../shared/api';
import { catalogInfo, loadCheckCatalog } from '../checks/workspace-catalog';
import { listFindings } from '../checks/engine';
import { addCustomEndpoint, removeCustomEndpoint } from '../collect/custom-endpoints';
import { discoverConnections, isAzureConnection } from '../collect/targets';
import { cancelSnapshot, startAzureRun, startOrganizationRun, startSnapshot } from '../collect/run-snapshot';
import { listRuns, runLinks } from '../store/collection-runs-repo';
import { NotFoundError, RefusedError } from '../core/errors';
import type { Workspace } from '../core/workspace';
import { verifyAuditLog } from '../evidence/audit-log';
import { loadOrCreateSigningKey } from '../evidence/signing-key';
import {
  listTrustedSigners,
  trustSigner,
  trustedSignerNames,
  withdrawTrust,
} from '../evidence/trusted-signers';
import { checkOutputDir } from '../export/output-dir';
import { assertEvidencePackage } from '../export/package-path';
import { loadFrameworks } from '../frameworks/catalog';
import { runJob } from '../jobs/run-job';
import { appVersion } from '../paths';
import { enabledRegionsSeen, getSetting, setSetting, settingStamp } from '../store/settings-repo';
import { getSnapshot, listCollectionErrors, listSnapshots } from '../store/snapshots-repo';
import { assessmentApi } from '../assessments/api-handlers';
import { trackRunningSnapshots } from './running-snapshots';
import { seedDemoAssessment } from '../assessments/demo-seed';
import { leastPrivilegePolicy, leastPrivilegePolicyNotes } from '../collect/registry';
import { azureCustomRoleDefinition } from '../collect/azure/registry';
import { setAzureCloud, withAzureCloudSettings } from '../collect/azure/connections';

/** An audit.list entry as stored: details still JSON text. */
type AuditRowText = Omit<CallResponse<'audit.list'>['entries'][number], 'details'> & { details: string };

export type Platform = {
  mode: 'electron' | 'browser';
  chooseFolder?: (title: string) => Promise<string | null>;
};

export type Handlers = {
  [K in CallName]: (request: CallRequest<K>) => Promise<CallResponse<K>> | CallResponse<K>;
};

export function createHandlers(ws: Workspace, platform: Platform): Handlers {
  const completeSnapshot = (snapshotId: string) => {
    const s = getSnapshot(ws.db, snapshotId);
    if (!s) throw new NotFoundError(`No snapshot ${snapshotId} in this workspace.`);
    if (s.status !== 'complete') {
      throw new RefusedError(`Snapshot ${snapshotId} is ${s.status}; only complete snapshots have findings.`);
    }
    return s;
  };
  const runningSnapshots = trackRunningSnapshots(ws);

  return {
    'app.info': () => ({
      version: appVersion(),
      mode: platform.mode,
      dataDir: ws.dataDir,
      defaultExportDir: ws.defaultExportDir,
    }),
    // Asks every provider to look again: the Azure CLI's login state can change between two refreshes (its
    // answers are kept for a short time; refresh, the analyst's Refresh button, reads them afresh).
    'connections.list': async ({ refresh }) => {
      const list = await discoverConnections({
        customEndpoints: getSetting(ws.db, 'customEndpoints'),
        refresh,
      });
      // Azure connections show the cloud the workspace set for them (setting azureClouds).
      return {
        ...list,
        connections: withAzureCloudSettings(list.connections, getSetting(ws.db, 'azureClouds')),
      };
    },
    'connections.setAzureCloud': (input) => setAzureCloud(ws, input),
    'connections.addEndpoint': (input) => addCustomEndpoint(ws, input),
    'connections.removeEndpoint': ({ connectionId }) => ({
      removed: removeCustomEndpoint(ws, connectionId),
    }),
    'snapshots.list': () => {
      // Account snapshots of a whole-organisation run carry their run and account name, so lists can group them.
      const links = runLinks(ws.db);
      return listSnapshots(ws.db).map((s) => ({
        ...s,
        runId: links.get(s.id)?.runId ?? null,
        accountName: links.get(s.id)?.accountName ?? null,
      }));
    },
    'runs.list': () => {
      // A run's cloud is its snapshots' (an Azure run's accounts are subscriptions, its tenant the "organisation").
      const providers = new Map(listSnapshots(ws.db).map((s) => [s.id, s.provider]));
      return listRuns(ws.db).map((r) => {
        const provider = r.accounts.map((a) => providers.get(a.snapshotId)).find((p) => p !== undefined);
        return { ...r, provider: provider ?? (isAzureConnection(r.connection) ? 'azure' : 'aws') };
      });
    },
    'snapshots.running': () => runningSnapshots(),
    'snapshots.get': ({ snapshotId }) => {
      const snapshot = getSnapshot(ws.db, snapshotId);
      if (!snapshot) throw new NotFoundError(`No snapshot ${snapshotId} in this workspace.`);
      const link = runLinks(ws.db).get(snapshotId);
      return {
        snapshot: { ...snapshot, runId: link?.runId ?? null, accountName: link?.accountName ?? null },
        errors: listCollectionErrors(ws.db, snapshotId),
      };
    },
    'snapshots.start': async ({ connectionId, regions, organization, subscriptions }) => {
      if (isAzureConnection(connectionId)) {
        if (organization || regions?.length)
          throw new RefusedError(
            `${connectionId} is an Azure connection: choose subscriptions, not AWS regions or an organisation run.`,
          );
        // Always a run: one snapshot per subscription, grouped; progress, finish and cancel go by the run's id.
        const { runId } = await startAzureRun(ws, { connectionId, subscriptions });
        return { snapshotId: runId, runId };
      }
      if (subscriptions?.length)
        throw new RefusedError(
          `Subscriptions apply to Azure connections; ${connectionId} is an AWS connection.`,
        );
      if (organization) {
        // The whole organisation: progress, finish and cancel go by the run's id.
        const { runId } = startOrganizationRun(ws, { connectionId, regions, ...organization });
        return { snapshotId: runId, runId };
      }
      const { snapshotId } = startSnapshot(ws, { connectionId, regions });
      return { snapshotId };
    },
    'snapshots.cancel': ({ snapshotId }) => ({ cancelled: cancelSnapshot(ws, snapshotId) }),
    // The workspace's checks are re-read on each call: a custom check dropped into <workspace>/checks shows
    // up (or shows its problem) without a restart.
    'checks.list': () => catalogInfo(loadCheckCatalog(ws.dataDir)),
    'findings.list': ({ snapshotId }) => {
      completeSnapshot(snapshotId);
      return listFindings(ws.db, snapshotId, loadCheckCatalog(ws.dataDir).checks);
    },
    // Answered by the query worker: a cold count or a text search over 1.5M findings takes seconds there,
    // never on this thread.
    'findings.query': ({ snapshotId, offset, limit, sort, filters }) => {
      completeSnapshot(snapshotId);
      return ws.queries.findings(snapshotId, { offset, limit, sort, filters });
    },
    'frameworks.list': () =>
      loadFrameworks().map((f) => ({
        id: f.id,
        name: f.name,
        version: f.version,
        controlCount: f.controls.length,
      })),
    // On the query worker too: counting 1.5M findings per control takes ~150 ms, too long for this thread.
    'controls.list': async ({ snapshotId, framework }) => {
      const snapshot = completeSnapshot(snapshotId);
      const controls = await ws.queries.controls(snapshotId, framework);
      // One snapshot is one connection, so every finding it holds is from the snapshot's cloud: a control
      // with findings shows that cloud, one without shows none.
      return controls.map((c) => {
        const n = c.counts.pass + c.counts.fail + c.counts.error + c.counts.na + c.counts.excepted;
        return { ...c, providers: n > 0 ? [snapshot.provider] : [] };
      });
    },
    'export.create': async ({ snapshotId, framework, outputDir, requestId }) => {
      // An impossible destination is refused here, in a few stat calls, before a worker is even started.
      // The export itself (on a worker) refuses a missing or unfinished snapshot (not-found / refused).
      const dir = checkOutputDir(outputDir ?? ws.defaultExportDir).dir;
      const id = requestId ?? crypto.randomUUID();
      if (ws.exports.has(id)) throw new RefusedError(`An export with request id ${id} is already running.`);
      const controller = new AbortController();
      ws.exports.set(id, controller);
      let result: CallResponse<'export.create'>;
      try {
        result = await runJob(
          ws,
          'export',
          { snapshotId, framework, outputDir: dir, keyDir: ws.keyDir },
          {
            signal: controller.signal,
            onProgress: (p) => ws.events.emit('export.progress', { requestId: id, ...p }),
          },
        );
      } finally {
        ws.exports.delete(id);
      }
      ws.audit('export.create', `snapshot:${snapshotId}`, {
        framework,
        packageDir: result.packageDir,
        zipPath: result.zipPath,
        files: result.files.length,
        signingKeyFingerprint: result.signingKeyFingerprint,
      });
      return result;
    },
    // One package for a whole assessment, on the same export worker, with the same progress events and cancel.
    'assessments.export': async ({ assessmentId, outputDir, requestId }) => {
      const dir = checkOutputDir(outputDir ?? ws.defaultExportDir).dir;
      const id = requestId ?? crypto.randomUUID();
      if (ws.exports.has(id)) throw new RefusedError(`An export with request id ${id} is already running.`);
      const controller = new AbortController();
      ws.exports.set(id, controller);
      let result: CallResponse<'assessments.export'>;
      try {
        result = await runJob(
          ws,
          'export',
          { assessmentId, outputDir: dir, keyDir: ws.keyDir, dataDir: ws.dataDir },
          {
            signal: controller.signal,
            onProgress: (p) => ws.events.emit('export.progress', { requestId: id, ...p }),
          },
        );
      } finally {
        ws.exports.delete(id);
      }
      ws.audit('assessment.export', `assessment:${assessmentId}`, {
        packageDir: result.packageDir,
        zipPath: result.zipPath,
        files: result.files.length,
        signingKeyFingerprint: result.signingKeyFingerprint,
        demo: result.demo,
      });
      return result;
    },
    'export.cancel': ({ requestId }) => {
      const c = ws.exports.get(requestId);
      if (!c) return { cancelled: false };
      c.abort();
      ws.audit('export.cancel', `export:${requestId}`);
      return { cancelled: true };
    },
    'export.verify': async ({ path: target, expectKey }) => {
      // Only a package folder or .zip is ever read; anything else (/, /etc, a home folder) is refused unread.
      const pkg = assertEvidencePackage(target);
      const result = await runJob(ws, 'verify', {
        path: pkg.path,
        trusted: trustedSignerNames(ws.db),
        expectKey,
      });
      ws.audit('export.verify', `package:${pkg.path}`, {
        outcome: result.outcome,
        signature: result.signature,
        signer: result.signer?.fingerprint ?? null,
        pinned: expectKey !== undefined,
        demo: result.demo,
      });
      return result;
    },
    'keys.list': () => {
      const own = loadOrCreateSigningKey(ws.keyDir);
      return {
        own: { fingerprint: own.fingerprint, publicKeyPem: own.publicKeyPem },
        signers: listTrustedSigners(ws.db, { includeWithdrawn: true }),
      };
    },
    'keys.trust': ({ key, name }) => {
      const signer = trustSigner(ws.db, {
        key,
        name,
        addedBy: ws.actor,
        // Where the trust was given: the desktop app, browser mode or the CLI (all share this dispatcher).
        how: ws.mode === 'electron' ? 'app' : ws.mode,
      });
      ws.audit('keys.trust', `key:${signer.fingerprint}`, { name: signer.name, how: signer.addedHow });
      return signer;
    },
    'keys.withdraw': ({ fingerprint }) => {
      const signer = withdrawTrust(ws.db, fingerprint);
      ws.audit('keys.withdraw', `key:${signer.fingerprint}`, { name: signer.name });
      return signer;
    },
    'dialog.chooseFolder': async ({ title }) => ({
      path: platform.chooseFolder ? await platform.chooseFolder(title) : null,
    }),
    'audit.verify': () => verifyAuditLog(ws.db, { trusted: new Set(trustedSignerNames(ws.db).keys()) }),
    'settings.approvedRegions.get': () => ({
      approved: getSetting(ws.db, 'approvedRegions'),
      ...settingStamp(ws.db, 'approvedRegions'),
      enabledSeen: enabledRegionsSeen(ws.db),
    }),
    // Assessments: people, exceptions, manual evidence, control conclusions and sign-offs (main/assessments).
    ...assessmentApi(ws),
    'assessments.seedDemo': () => seedDemoAssessment(ws, loadCheckCatalog(ws.dataDir)),
    // A gap message ("grant it, see the least-privilege policy in Settings") points here.
    'policy.get': () => {
      const azure = azureCustomRoleDefinition();
      return {
        aws: { policy: leastPrivilegePolicy(), notes: leastPrivilegePolicyNotes() },
        azure: { role: azure.role, graphPermissions: azure.graphPermissions },
      };
    },
    'audit.list': ({ beforeSeq, limit = 100 }) => {
      const rows = ws.db
        .prepare(
          'SELECT seq, at, actor, action, entity, details, hash FROM audit_log WHERE seq < ? ORDER BY seq DESC LIMIT ?',
        )
        .all(beforeSeq ?? Number.MAX_SAFE_INTEGER, limit) as AuditRowText[];
      const { n } = ws.db.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number };
      return { entries: rows.map((r) => ({ ...r, details: JSON.parse(r.details) as unknown })), total: n };
    },
    'settings.approvedRegions.set': ({ aws }) => {
      const before = getSetting(ws.db, 'approvedRegions');
      const after = setSetting(ws.db, 'approvedRegions', { aws }, ws.actor);
      // The change decides findings of every later snapshot, so who changed what is kept.
      ws.audit('settings.approvedRegions', 'settings:approvedRegions', {
        before: before.aws,
        after: after.aws,
      });
      return after;
    },
  };
}
