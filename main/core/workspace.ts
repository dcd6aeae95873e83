// A workspace = the analyst's data folder: the evidence database, the signing key, default export folder.
// One per process; everything the API does goes through it.
import os from 'node:os';
import path from 'node:path';
import { recordCheckpoint } from '../evidence/audit-checkpoints';
import { appendAudit } from '../evidence/audit-log';
import { loadOrCreateSigningKey } from '../evidence/signing-key';
import { ensureOwnKeyTrusted } from '../evidence/trusted-signers';
import { removeAbandonedStagingFolders } from '../export/staging-folders';
import { registerDemoConnection } from '../demo/demo-target';
import { registerDemoAzureConnection } from '../demo/azure/demo-azure';
import { registerAzureConnections } from '../collect/azure/connections';
import { openDatabase, type Db } from '../store/db';
import { RUNS_FOLDER, failAbandonedRuns } from '../store/run-lock';
import { QueryWorker } from '../jobs/query-worker';
import { EventHub } from './events';
import { createPrivateFolder, openFolderWarning } from './workspace-folder';

export type Workspace = {
  dataDir: string;
  mode: 'electron' | 'browser' | 'cli';
  db: Db;
  events: EventHub;
  /** Snapshots being collected by this process, for cancel. */
  running: Map<string, AbortController>;
  /** Exports running on job workers, by the requestId given to export.create, for export.cancel. */
  exports: Map<string, AbortController>;
  /** The findings query server: a long-lived worker, so a 1.5M-row query never blocks this thread. */
  queries: QueryWorker;
  /** Who is acting, for the audit log: the OS account running the app. */
  actor: string;
  keyDir: string;
  defaultExportDir: string;
  /** Owner records of running snapshots (main/store/run-lock.ts). */
  runsDir: string;
  audit(action: string, entity: string, details?: Record<string, unknown>): void;
  close(): void;
};

export const DATABASE_FILE = 'workspace.sqlite';

export function openWorkspace(opts: { dataDir: string; mode: Workspace['mode'] }): Workspace {
  // Every process that opens a workspace (app, browser mode, CLI) can snapshot the demo: it plugs itself into
  // the connection registry here, so main/collect never imports main/demo.
  registerDemoConnection();
  // The machine's Azure identities (Azure CLI, environment service principal, azd) and the demo Azure tenant.
  registerAzureConnections();
  registerDemoAzureConnection();
  const dataDir = path.resolve(opts.dataDir);
  createPrivateFolder(dataDir);
  const folderWarning = openFolderWarning(dataDir);
  if (folderWarning) process.stderr.write(`evidence-desk: warning: ${folderWarning}\n`);
  const db = openDatabase(path.join(dataDir, DATABASE_FILE));
  const running = new Map<string, AbortController>();
  const actor = safeUsername();
  const runsDir = path.join(dataDir, RUNS_FOLDER);
  // Another process (the CLI while the app runs) may be collecting right now: fail only runs whose owner
  // is gone, and say who noticed and why.
  failAbandonedRuns(db, runsDir, (snapshotId, reason) =>
    appendAudit(db, {
      actor,
      action: 'snapshot.abandoned',
      entity: `snapshot:${snapshotId}`,
      details: { reason, detectedBy: { pid: process.pid, host: os.hostname(), mode: opts.mode } },
    }),
  );
  // Exports killed mid-write leave hidden staging folders behind (main/export/staging-folders.ts).
  removeAbandonedStagingFolders(path.join(dataDir, 'exports'));
  // Trust starts with the workspace's own key, and every open signs the audit log's head, so a chain that is
  // later recomputed or cut short no longer matches a signed checkpoint (main/evidence/audit-checkpoints.ts).
  const signingKey = loadOrCreateSigningKey(path.join(dataDir, 'keys'));
  if (ensureOwnKeyTrusted(db, signingKey, actor)) {
    appendAudit(db, {
      actor,
      action: 'keys.trust',
      entity: `key:${signingKey.fingerprint}`,
      details: { name: 'This workspace', how: 'workspace key' },
    });
  }
  recordCheckpoint(db, signingKey, 'open');
  const ws: Workspace = {
    dataDir,
    mode: opts.mode,
    db,
    events: new EventHub(),
    running,
    exports: new Map(),
    queries: new QueryWorker(path.join(dataDir, DATABASE_FILE)),
    actor,
    keyDir: path.join(dataDir, 'keys'),
    defaultExportDir: path.join(dataDir, 'exports'),
    runsDir,
    audit(action, entity, details) {
      appendAudit(db, { actor, action, entity, details });
    },
    close() {
      for (const c of running.values()) c.abort();
      for (const c of ws.exports.values()) c.abort();
      void ws.queries.close();
      db.close();
    },
  };
  return ws;
}

function safeUsername(): string {
  try {
    return os.userInfo().username || 'analyst';
  } catch {
    return 'analyst';
  }
}
