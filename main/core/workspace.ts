// A workspace = the analyst's data folder: the evidence database, the signing key, default export folder.
// One per process; everything the API does goes through it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { appendAudit } from '../evidence/audit-log';
import { openDatabase, type Db } from '../store/db';
import { failAbandonedSnapshots } from '../store/snapshots-repo';
import { EventHub } from './events';

export type Workspace = {
  dataDir: string;
  mode: 'electron' | 'browser' | 'cli';
  db: Db;
  events: EventHub;
  /** Snapshots being collected by this process, for cancel. */
  running: Map<string, AbortController>;
  /** Who is acting, for the audit log: the OS account running the app. */
  actor: string;
  keyDir: string;
  defaultExportDir: string;
  audit(action: string, entity: string, details?: Record<string, unknown>): void;
  close(): void;
};

export const DATABASE_FILE = 'workspace.sqlite';

export function openWorkspace(opts: { dataDir: string; mode: Workspace['mode'] }): Workspace {
  const dataDir = path.resolve(opts.dataDir);
  fs.mkdirSync(dataDir, { recursive: true });
  const db = openDatabase(path.join(dataDir, DATABASE_FILE));
  const running = new Map<string, AbortController>();
  // Another process may own a 'running' snapshot only if it shares this folder, which we do not support:
  // anything still running at open time was interrupted.
  failAbandonedSnapshots(db, new Set());
  const actor = safeUsername();
  const ws: Workspace = {
    dataDir,
    mode: opts.mode,
    db,
    events: new EventHub(),
    running,
    actor,
    keyDir: path.join(dataDir, 'keys'),
    defaultExportDir: path.join(dataDir, 'exports'),
    audit(action, entity, details) {
      appendAudit(db, { actor, action, entity, details });
    },
    close() {
      for (const c of running.values()) c.abort();
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
