// The implementation of every call in shared/api.ts. Requests arrive already validated (dispatch.ts); a
// handler only calls the core. Adding a call to the contract without a handler is a type error here.
import crypto from 'node:crypto';
import type { CallName, CallRequest, CallResponse } from '../../shared/api';
import { catalogInfo, loadCheckCatalog } from '../checks/workspace-catalog';
import { listFindings } from '../checks/engine';
import { discoverAwsConnections } from '../collect/aws/credentials';
import { cancelSnapshot, startSnapshot } from '../collect/run-snapshot';
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
import { getSnapshot, listCollectionErrors, listSnapshots } from '../store/snapshots-repo';

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

  return {
    'app.info': () => ({
      version: appVersion(),
      mode: platform.mode,
      dataDir: ws.dataDir,
      defaultExportDir: ws.defaultExportDir,
    }),
    'connections.list': () => discoverAwsConnections(),
    'snapshots.list': () => listSnapshots(ws.db),
    'snapshots.get': ({ snapshotId }) => {
      const snapshot = getSnapshot(ws.db, snapshotId);
      if (!snapshot) throw new NotFoundError(`No snapshot ${snapshotId} in this workspace.`);
      return { snapshot, errors: listCollectionErrors(ws.db, snapshotId) };
    },
    'snapshots.start': ({ connectionId, regions }) => {
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
    'controls.list': ({ snapshotId, framework }) => {
      completeSnapshot(snapshotId);
      return ws.queries.controls(snapshotId, framework);
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
  };
}
