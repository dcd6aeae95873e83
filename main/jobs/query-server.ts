// The findings query server: runs inside a long-lived worker thread (main/jobs/query-worker.ts starts it) with
// its own read-only connection, so paging, sorting, filtering and searching 1.5M findings never run on the
// thread that answers the UI. It lives as long as the workspace: queryFindings keeps per-connection counts
// and seek markers of sealed evaluations, which only a long-lived connection can reuse.
import type { MessagePort } from 'node:worker_threads';
import { queryFindings, type FindingsQuery } from '../checks/findings-query';
import { loadCheckCatalog } from '../checks/workspace-catalog';
import { openDatabase } from '../store/db';
import { describeJobError, type JobErrorCode } from './protocol';

export type QueryRequest = { type: 'query'; id: number; snapshotId: string; query: FindingsQuery };
export type QueryReply =
  | { type: 'query-result'; id: number; value: ReturnType<typeof queryFindings> }
  | { type: 'query-error'; id: number; code: JobErrorCode; message: string };

export function serveQueries(port: MessagePort, ctx: { dbFile: string; dataDir: string }): void {
  const db = openDatabase(ctx.dbFile, { readonly: true, alreadyChecked: true });
  const never = new AbortController().signal;
  port.on('message', (m: QueryRequest) => {
    if (m?.type !== 'query') return;
    let reply: QueryReply;
    try {
      // The catalog is re-read per query, as the handlers do: a custom check dropped in shows up at once.
      const checks = loadCheckCatalog(ctx.dataDir).checks;
      reply = { type: 'query-result', id: m.id, value: queryFindings(db, m.snapshotId, checks, m.query) };
    } catch (err) {
      reply = { type: 'query-error', id: m.id, ...describeJobError(err, never) };
    }
    port.postMessage(reply);
  });
}
