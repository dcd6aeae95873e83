// The implementation of every call in shared/api.ts. Requests arrive already validated (dispatch.ts); a
// handler only calls the core. Adding a call to the contract without a handler is a type error here.
import path from 'node:path';
import type { CallName, CallRequest, CallResponse } from '../../shared/api';
import { allChecks } from '../checks/catalog';
import { listFindings } from '../checks/engine';
import { discoverAwsConnections } from '../collect/aws/credentials';
import { cancelSnapshot, startSnapshot } from '../collect/run-snapshot';
import { NotFoundError, RefusedError } from '../core/errors';
import type { Workspace } from '../core/workspace';
import { verifyAuditLog } from '../evidence/audit-log';
import { evaluateControls } from '../evidence/controls';
import { exportPackage } from '../export/package';
import { verifyPackage } from '../export/verify';
import { getFramework, loadFrameworks } from '../frameworks/catalog';
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
    'checks.list': () => [...allChecks],
    'findings.list': ({ snapshotId }) => {
      completeSnapshot(snapshotId);
      return listFindings(ws.db, snapshotId, allChecks);
    },
    'frameworks.list': () =>
      loadFrameworks().map((f) => ({
        id: f.id,
        name: f.name,
        version: f.version,
        controlCount: f.controls.length,
      })),
    'controls.list': ({ snapshotId, framework }) => {
      completeSnapshot(snapshotId);
      return evaluateControls(ws.db, snapshotId, getFramework(framework), allChecks);
    },
    'export.create': async ({ snapshotId, framework, outputDir }) => {
      // exportPackage refuses a missing or unfinished snapshot itself (not-found / refused).
      const dir = path.resolve(outputDir ?? ws.defaultExportDir);
      const result = await exportPackage(ws.db, { snapshotId, framework, outputDir: dir, keyDir: ws.keyDir });
      ws.audit('export.create', `snapshot:${snapshotId}`, {
        framework,
        packageDir: result.packageDir,
        zipPath: result.zipPath,
        files: result.files.length,
        signingKeyFingerprint: result.signingKeyFingerprint,
      });
      return result;
    },
    'export.verify': async ({ path: target }) => {
      const result = await verifyPackage(path.resolve(target));
      ws.audit('export.verify', `package:${path.resolve(target)}`, {
        ok: result.ok,
        signature: result.signature,
      });
      return result;
    },
    'dialog.chooseFolder': async ({ title }) => ({
      path: platform.chooseFolder ? await platform.chooseFolder(title) : null,
    }),
    'audit.verify': () => verifyAuditLog(ws.db),
  };
}
