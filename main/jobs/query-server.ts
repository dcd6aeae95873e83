// The read-only query server: runs inside a long-lived worker thread (main/jobs/query-worker.ts starts it)
// with its own read-only connection, so paging, sorting, filtering and searching 1.5M findings, and counting
// them per control, never run on the thread that answers the UI. It lives as long as the workspace:
// queryFindings keeps per-connection counts and seek markers of sealed evaluations, which only a long-lived
// connection can reuse. An assessment's controls and sign-offs are answered here too: they re-derive every
// control's evidence digest from the findings of every snapshot in scope, which is the same kind of work.
import type { MessagePort } from 'node:worker_threads';
import type { Assessment, AssessmentControl, ControlResult, FrameworkId, SignOff } from '../../shared/domain';
import {
  assessmentControls,
  assessmentSignoffs,
  getAssessment,
  listAssessments,
} from '../assessments/service';
import { queryFindings, type FindingsQuery } from '../checks/findings-query';
import { loadCheckCatalog } from '../checks/workspace-catalog';
import { evaluateControls } from '../evidence/controls';
import { getFramework } from '../frameworks/catalog';
import { openDatabase } from '../store/db';
import { describeJobError, type JobErrorCode } from './protocol';

export type QueryCall =
  | { call: 'findings'; snapshotId: string; query: FindingsQuery }
  | { call: 'controls'; snapshotId: string; framework: FrameworkId }
  | { call: 'assessmentControls'; assessmentId: string; framework: FrameworkId }
  | { call: 'assessmentSignoffs'; assessmentId: string; framework?: FrameworkId }
  // An assessment's status needs its sign-offs' digests once every framework has an approval.
  | { call: 'assessments' }
  | { call: 'assessment'; assessmentId: string };
export type QueryRequest = { type: 'query'; id: number } & QueryCall;
export type QueryAnswer = {
  findings: ReturnType<typeof queryFindings>;
  controls: ControlResult[];
  assessmentControls: AssessmentControl[];
  assessmentSignoffs: SignOff[];
  assessments: Assessment[];
  assessment: Assessment;
};
export type QueryReply =
  | { type: 'query-result'; id: number; value: QueryAnswer[QueryCall['call']] }
  | { type: 'query-error'; id: number; code: JobErrorCode; message: string };

export function serveQueries(port: MessagePort, ctx: { dbFile: string; dataDir: string }): void {
  const db = openDatabase(ctx.dbFile, { readonly: true, alreadyChecked: true });
  const never = new AbortController().signal;
  const answer = (q: QueryCall): QueryAnswer[QueryCall['call']] => {
    // The catalog is re-read per query, as the handlers do: a custom check dropped in shows up at once.
    const catalog = loadCheckCatalog(ctx.dataDir);
    // Reading only: no key is opened and nothing is written, so the context has no key folder or actor.
    const assessment = { db, dataDir: ctx.dataDir, keyDir: '', actor: 'query-worker' };
    switch (q.call) {
      case 'findings':
        return queryFindings(db, q.snapshotId, catalog.checks, q.query);
      case 'controls':
        return evaluateControls(db, q.snapshotId, getFramework(q.framework, catalog), catalog.checks);
      case 'assessmentControls':
        return assessmentControls(assessment, catalog, q.assessmentId, q.framework);
      case 'assessmentSignoffs':
        return assessmentSignoffs(assessment, catalog, q.assessmentId, q.framework);
      case 'assessments':
        return listAssessments(assessment, catalog);
      case 'assessment':
        return getAssessment(assessment, catalog, q.assessmentId);
    }
  };
  port.on('message', (m: QueryRequest) => {
    if (m?.type !== 'query') return;
    let reply: QueryReply;
    try {
      reply = { type: 'query-result', id: m.id, value: answer(m) };
    } catch (err) {
      reply = { type: 'query-error', id: m.id, ...describeJobError(err, never) };
    }
    port.postMessage(reply);
  });
}
