// The UI thread's side of the findings (and assessment controls) query server (main/jobs/query-server.ts): one long-lived worker per
// workspace, started on the first query, answering requests by id. It is unref'd, so it never keeps a CLI
// process alive, and a crashed worker fails the queries in flight and is started afresh by the next one.
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { FrameworkId } from '../../shared/domain';
import type { FindingsQuery } from '../checks/findings-query';
import { jobError } from './protocol';
import type { QueryAnswer, QueryCall, QueryReply, QueryRequest } from './query-server';
import { workerEntry } from './run-job';

type Pending = { resolve(v: unknown): void; reject(e: Error): void };

export class QueryWorker {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  constructor(private readonly dbFile: string) {}

  /** Starts the worker ahead of the first query, so opening the findings view does not pay for it. */
  warm(): void {
    if (!this.worker) this.start();
  }

  findings(snapshotId: string, query: FindingsQuery): Promise<QueryAnswer['findings']> {
    return this.ask({ call: 'findings', snapshotId, query }) as Promise<QueryAnswer['findings']>;
  }

  controls(snapshotId: string, framework: FrameworkId): Promise<QueryAnswer['controls']> {
    return this.ask({ call: 'controls', snapshotId, framework }) as Promise<QueryAnswer['controls']>;
  }

  assessmentControls(
    assessmentId: string,
    framework: FrameworkId,
  ): Promise<QueryAnswer['assessmentControls']> {
    return this.ask({ call: 'assessmentControls', assessmentId, framework }) as Promise<
      QueryAnswer['assessmentControls']
    >;
  }

  assessmentSignoffs(
    assessmentId: string,
    framework?: FrameworkId,
  ): Promise<QueryAnswer['assessmentSignoffs']> {
    return this.ask({ call: 'assessmentSignoffs', assessmentId, framework }) as Promise<
      QueryAnswer['assessmentSignoffs']
    >;
  }

  assessments(): Promise<QueryAnswer['assessments']> {
    return this.ask({ call: 'assessments' }) as Promise<QueryAnswer['assessments']>;
  }

  assessment(assessmentId: string): Promise<QueryAnswer['assessment']> {
    return this.ask({ call: 'assessment', assessmentId }) as Promise<QueryAnswer['assessment']>;
  }

  private ask(q: QueryCall): Promise<unknown> {
    const worker = this.worker ?? this.start();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ type: 'query', id, ...q } satisfies QueryRequest);
    });
  }

  async close(): Promise<void> {
    const w = this.worker;
    this.worker = null;
    this.failAll(new Error('The workspace was closed.'));
    if (w) await w.terminate();
  }

  private start(): Worker {
    const entry = workerEntry();
    const w = new Worker(entry.url, {
      workerData: {
        kind: 'query-server',
        context: { dbFile: this.dbFile, dataDir: path.dirname(this.dbFile) },
        sourceEntry: entry.sourceEntry,
      },
    });
    w.unref();
    w.on('message', (m: QueryReply) => {
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if (m.type === 'query-result') p.resolve(m.value);
      else p.reject(jobError(m.code, m.message));
    });
    const lost = (why: string) => {
      if (this.worker === w) this.worker = null;
      this.failAll(new Error(`The findings query worker stopped (${why}); try again.`));
    };
    w.on('error', (err) => lost(err.message));
    w.on('exit', (code) => lost(`exit code ${code}`));
    this.worker = w;
    return w;
  }

  private failAll(err: Error): void {
    for (const p of this.pending.values()) p.reject(err);
    this.pending.clear();
  }
}
