// Threat: two processes on one workspace (the CLI while the app runs). Opening the workspace used to mark
// EVERY 'running' snapshot failed, so the second process silently destroyed the first one's live collection;
// and a snapshot whose process died stayed 'running' forever or was failed with no record of who or why.
// Proves, with real separate processes: a snapshot being collected by another live process is left alone
// and both processes' snapshots complete (their writes interleave through WAL + busy waits); a process
// killed with SIGKILL mid-run leaves a 'running' snapshot that the next open fails with a 'snapshot.abandoned'
// audit entry naming the dead pid; owner records of dead processes are cleaned; a reused pid (Linux start
// time) and another machine's record (staleness bound) are judged correctly.
import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { openWorkspace } from '../../main/core/workspace';
import { appendAudit } from '../../main/evidence/audit-log';
import {
  SEAL_BUSY_TIMEOUT_MS,
  WorkspaceBusyError,
  openDatabase,
  writeTransaction,
} from '../../main/store/db';
import { OTHER_HOST_STALE_MS, RUNS_FOLDER, processIdentity, type RunOwner } from '../../main/store/run-lock';
import { createRunningSnapshot, getSnapshot } from '../../main/store/snapshots-repo';

const root = path.resolve(__dirname, '..', '..');
const home = fs.mkdtempSync(path.join(os.tmpdir(), 'ed-procs-home-'));
const dirs: string[] = [];
const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});
afterAll(() => fs.rmSync(home, { recursive: true, force: true }));

function workspaceDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'ed-procs-'));
  dirs.push(d);
  return path.join(d, 'ws');
}

/**
 * Slows every demo API answer (main/demo/demo-target.ts) so a snapshot is still collecting while the test
 * acts; about 25 calls run one after another, so a run lasts ~10 s more than usual.
 */
const SLOW_DEMO = { EVIDENCE_DESK_DEMO_LATENCY_MS: '400' };

type Proc = {
  child: ChildProcess;
  out: () => string;
  err: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Resolves once stderr matches. */
  waitForStderr(re: RegExp): Promise<void>;
};

function startCli(dataDir: string, args: string[], env: Record<string, string> = {}): Proc {
  const child = spawn(
    process.execPath,
    [path.join(root, 'bin', 'evidence-desk.js'), '--data-dir', dataDir, ...args],
    {
      cwd: root,
      env: {
        ...process.env,
        HOME: home,
        AWS_CONFIG_FILE: path.join(home, 'none'),
        AWS_SHARED_CREDENTIALS_FILE: path.join(home, 'none'),
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  children.push(child);
  let out = '';
  let err = '';
  const waiters: { re: RegExp; resolve: () => void }[] = [];
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => {
    err += d.toString();
    for (const w of [...waiters]) {
      if (!w.re.test(err)) continue;
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve();
    }
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return {
    child,
    out: () => out,
    err: () => err,
    exited,
    waitForStderr: (re) =>
      new Promise<void>((resolve, reject) => {
        if (re.test(err)) return resolve();
        waiters.push({ re, resolve });
        void exited.then(({ code }) =>
          reject(new Error(`process exited (${code}) before stderr matched ${re}:\n${err}`)),
        );
      }),
  };
}

async function runCli(dataDir: string, args: string[], env: Record<string, string> = {}) {
  const p = startCli(dataDir, args, env);
  const { code } = await p.exited;
  return { code, stdout: p.out(), stderr: p.err() };
}

/** Rows of the `snapshots` command: id -> status. */
function statuses(stdout: string): Map<string, string> {
  return new Map(
    [...stdout.matchAll(/^([0-9a-f-]{36})\s+(running|complete|failed|cancelled)\b/gm)].map((m) => [
      m[1],
      m[2],
    ]),
  );
}

function readDb<T>(dataDir: string, fn: (db: Database.Database) => T): T {
  const db = new Database(path.join(dataDir, 'workspace.sqlite'), { readonly: true });
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

type AuditRow = { actor: string; action: string; entity: string; details: string };
const auditOf = (dataDir: string, action: string) =>
  readDb(dataDir, (db) =>
    (
      db
        .prepare('SELECT actor, action, entity, details FROM audit_log WHERE action = ? ORDER BY seq')
        .all(action) as AuditRow[]
    ).map((r) => ({ ...r, details: JSON.parse(r.details) as Record<string, unknown> })),
  );

const lockFiles = (dataDir: string) => {
  try {
    return fs.readdirSync(path.join(dataDir, RUNS_FOLDER));
  } catch {
    return [];
  }
};

/** A pid that has just exited (and was reaped): no process owns it. */
async function deadPid(): Promise<number> {
  const c = spawn(process.execPath, ['-e', '']);
  await new Promise((r) => c.on('exit', r));
  return c.pid!;
}

/** A separate live process that records itself as the owner of `snapshotId` with the real run-lock code. */
async function startOwnerProcess(runsDir: string, snapshotId: string): Promise<ChildProcess> {
  const code = [
    `const { acquireRunLock } = await import(${JSON.stringify(path.join(root, 'main', 'store', 'run-lock.ts'))});`,
    'acquireRunLock(process.env.RUNS_DIR, process.env.SNAPSHOT_ID);',
    "process.stdout.write('owned\\n');",
    'setInterval(() => {}, 1000);',
  ].join('\n');
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], {
    cwd: root,
    env: { ...process.env, RUNS_DIR: runsDir, SNAPSHOT_ID: snapshotId },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => d.toString().includes('owned') && resolve());
    child.on('exit', (c) => reject(new Error(`owner process exited (${c}) before recording itself`)));
  });
  return child;
}

function insertRunning(dataDir: string, id: string): void {
  const db = openDatabase(path.join(dataDir, 'workspace.sqlite'));
  try {
    createRunningSnapshot(db, {
      id,
      connection: 'demo',
      provider: 'aws',
      startedAt: new Date().toISOString(),
      toolVersion: 'test',
      catalogVersion: 'test',
    });
  } finally {
    db.close();
  }
}

const statusOf = (dataDir: string, id: string) => readDb(dataDir, (db) => getSnapshot(db, id));

describe('two processes snapshotting the same workspace', () => {
  it("a second process opens the workspace during the first one's snapshot and runs its own: both complete", async () => {
    const ws = workspaceDir();
    const a = startCli(ws, ['snapshot', '--connection', 'demo'], SLOW_DEMO);
    await a.waitForStderr(/\[\d+\/\d+\] /); // A's row and owner record exist; it is collecting

    const seen = await runCli(ws, ['snapshots']);
    expect(seen.code, seen.stderr).toBe(0);
    const during = statuses(seen.stdout);
    expect([...during.values()]).toEqual(['running']);
    const aId = [...during.keys()][0];
    const aOwner = JSON.parse(fs.readFileSync(path.join(ws, RUNS_FOLDER, `${aId}.lock`), 'utf8')) as RunOwner;
    expect(aOwner.pid).toBe(a.child.pid);

    const b = await runCli(ws, ['snapshot', '--connection', 'demo']);
    expect(b.code, b.stderr).toBe(0);
    const bId = /snapshot ([0-9a-f-]{36})/.exec(b.stdout)![1];
    // Informational: whether A was still collecting when B finished (it usually is: ~10 s of added latency).
    console.info(`A still running when B completed: ${statusOf(ws, aId)?.status === 'running'}`);

    const aEnd = await a.exited;
    expect(aEnd.code, a.err()).toBe(0);
    expect(a.out()).toContain(`snapshot ${aId}`);
    expect(statusOf(ws, aId)).toMatchObject({ status: 'complete', failureReason: null });
    expect(statusOf(ws, bId)).toMatchObject({ status: 'complete', failureReason: null });
    expect(statusOf(ws, aId)!.resourceCount).toBeGreaterThan(0);
    expect(statusOf(ws, bId)!.resourceCount).toBe(statusOf(ws, aId)!.resourceCount);
    expect(auditOf(ws, 'snapshot.abandoned')).toEqual([]);
    expect(
      auditOf(ws, 'snapshot.complete')
        .map((r) => r.entity)
        .sort(),
    ).toEqual([`snapshot:${aId}`, `snapshot:${bId}`].sort());
    expect(lockFiles(ws)).toEqual([]);
    const chain = await runCli(ws, ['audit-verify']);
    expect(chain.code, chain.stdout + chain.stderr).toBe(0);
  }, 180_000);

  it('a process killed mid-snapshot leaves a run that the next open fails, with an audit entry naming it', async () => {
    const ws = workspaceDir();
    const a = startCli(ws, ['snapshot', '--connection', 'demo'], SLOW_DEMO);
    await a.waitForStderr(/\[\d+\/\d+\] /);
    const [lock] = lockFiles(ws);
    const id = lock.replace(/\.lock$/, '');
    expect((JSON.parse(fs.readFileSync(path.join(ws, RUNS_FOLDER, lock), 'utf8')) as RunOwner).pid).toBe(
      a.child.pid,
    );
    a.child.kill('SIGKILL');
    expect((await a.exited).signal).toBe('SIGKILL');
    expect(statusOf(ws, id)!.status).toBe('running'); // nothing ended it: the process had no chance

    const next = await runCli(ws, ['snapshots']);
    expect(next.code, next.stderr).toBe(0);
    expect(statuses(next.stdout).get(id)).toBe('failed');
    const reason = `process ${a.child.pid} on ${os.hostname()} is no longer running`;
    expect(statusOf(ws, id)!.failureReason).toBe(
      `Evidence Desk stopped before this snapshot finished: ${reason}`,
    );
    const [entry, ...more] = auditOf(ws, 'snapshot.abandoned');
    expect(more).toEqual([]);
    expect(entry).toMatchObject({
      actor: os.userInfo().username,
      entity: `snapshot:${id}`,
      details: { reason, detectedBy: { pid: expect.any(Number), host: os.hostname(), mode: 'cli' } },
    });
    expect(lockFiles(ws)).toEqual([]);

    // Judged once: a later open finds nothing left to fail.
    expect((await runCli(ws, ['snapshots'])).code).toBe(0);
    expect(auditOf(ws, 'snapshot.abandoned')).toHaveLength(1);
    expect((await runCli(ws, ['audit-verify'])).code).toBe(0);
  }, 120_000);
});

describe('owner records', () => {
  it("a live process's run is left running; once that process is killed, the next open fails it", async () => {
    const ws = workspaceDir();
    openWorkspace({ dataDir: ws, mode: 'cli' }).close();
    const id = crypto.randomUUID();
    const owner = await startOwnerProcess(path.join(ws, RUNS_FOLDER), id);
    insertRunning(ws, id);

    expect((await runCli(ws, ['snapshots'])).code).toBe(0);
    expect(statusOf(ws, id)!.status).toBe('running');
    expect(lockFiles(ws)).toEqual([`${id}.lock`]);

    owner.kill('SIGKILL');
    await new Promise((r) => owner.on('exit', r));
    expect((await runCli(ws, ['snapshots'])).code).toBe(0);
    expect(statusOf(ws, id)).toMatchObject({
      status: 'failed',
      failureReason: expect.stringContaining(`process ${owner.pid} on ${os.hostname()} is no longer running`),
    });
    expect(lockFiles(ws)).toEqual([]);
  }, 60_000);

  it("a stale owner record of a dead pid is removed; a live process's record without a row yet is kept", async () => {
    const ws = workspaceDir();
    openWorkspace({ dataDir: ws, mode: 'cli' }).close();
    const runs = path.join(ws, RUNS_FOLDER);
    fs.mkdirSync(runs);
    const stale = crypto.randomUUID();
    const record: RunOwner = {
      ...processIdentity(await deadPid()),
      createdAt: new Date().toISOString(),
    };
    fs.writeFileSync(path.join(runs, `${stale}.lock`), JSON.stringify(record), { mode: 0o600 });
    // A live owner between writing its record and inserting its row must not lose the record.
    const pending = crypto.randomUUID();
    await startOwnerProcess(runs, pending);

    expect((await runCli(ws, ['snapshots'])).code).toBe(0);
    expect(lockFiles(ws)).toEqual([`${pending}.lock`]);
    // No row was involved, so nothing was failed or audited.
    expect(auditOf(ws, 'snapshot.abandoned')).toEqual([]);
  }, 60_000);

  it.skipIf(!fs.existsSync('/proc/self/stat'))(
    'a record whose pid now belongs to another process (different start time) is treated as gone',
    async () => {
      const ws = workspaceDir();
      openWorkspace({ dataDir: ws, mode: 'cli' }).close();
      const id = crypto.randomUUID();
      const owner = await startOwnerProcess(path.join(ws, RUNS_FOLDER), id);
      insertRunning(ws, id);
      // Same live pid, but not the process that wrote the record: as after pid reuse.
      const file = path.join(ws, RUNS_FOLDER, `${id}.lock`);
      const record = JSON.parse(fs.readFileSync(file, 'utf8')) as RunOwner;
      expect(record.startTime).toMatch(/^\d+$/);
      fs.writeFileSync(file, JSON.stringify({ ...record, startTime: String(Number(record.startTime) - 1) }));

      openWorkspace({ dataDir: ws, mode: 'cli' }).close();
      expect(owner.exitCode).toBeNull(); // the pid is alive...
      expect(statusOf(ws, id)).toMatchObject({
        status: 'failed', // ...but it is not the owner
        failureReason: expect.stringContaining(
          `process ${owner.pid} on ${os.hostname()} is no longer running (the pid now belongs to another process)`,
        ),
      });
    },
    60_000,
  );

  it("another machine's run is left alone until its record is older than the staleness bound", () => {
    const ws = workspaceDir();
    openWorkspace({ dataDir: ws, mode: 'cli' }).close();
    const recent = crypto.randomUUID();
    const old = crypto.randomUUID();
    const elsewhere = (createdAt: number): RunOwner => ({
      pid: process.pid, // meaningless on another machine: must not be checked here
      hostname: `not-${os.hostname()}`,
      startTime: null,
      bootId: null,
      createdAt: new Date(createdAt).toISOString(),
    });
    fs.mkdirSync(path.join(ws, RUNS_FOLDER));
    for (const [id, at] of [
      [recent, Date.now() - 60_000],
      [old, Date.now() - OTHER_HOST_STALE_MS - 60_000],
    ] as const) {
      fs.writeFileSync(path.join(ws, RUNS_FOLDER, `${id}.lock`), JSON.stringify(elsewhere(at)));
      insertRunning(ws, id);
    }
    openWorkspace({ dataDir: ws, mode: 'cli' }).close();
    expect(statusOf(ws, recent)!.status).toBe('running');
    expect(statusOf(ws, old)).toMatchObject({
      status: 'failed',
      failureReason: expect.stringMatching(/\(another machine\) started it 24 h ago and never finished it$/),
    });
  });

  it('a running snapshot with no owner record at all (ended without finishing its row) is failed', () => {
    const ws = workspaceDir();
    openWorkspace({ dataDir: ws, mode: 'cli' }).close();
    const id = crypto.randomUUID();
    insertRunning(ws, id);
    openWorkspace({ dataDir: ws, mode: 'cli' }).close();
    expect(statusOf(ws, id)).toMatchObject({
      status: 'failed',
      failureReason: expect.stringContaining('no process owns it (no owner record)'),
    });
    expect(auditOf(ws, 'snapshot.abandoned')).toEqual([
      expect.objectContaining({
        entity: `snapshot:${id}`,
        details: expect.objectContaining({ reason: 'no process owns it (no owner record)' }),
      }),
    ]);
  });
});

describe('writes while another process holds the write lock', () => {
  it("a seal-length wait outlasts another process's long write; a short one gives up with a plain message", async () => {
    const ws = workspaceDir();
    openWorkspace({ dataDir: ws, mode: 'cli' }).close();
    const file = path.join(ws, 'workspace.sqlite');
    const db = openDatabase(file); // before the lock is taken: opening itself waits for writers
    const HOLD_MS = 3000;
    // Another process takes the write lock and keeps it, as a big snapshot's seal does.
    const holder = spawn(
      process.execPath,
      [
        '-e',
        `const db = new (require('better-sqlite3'))(process.env.DB_FILE);
         db.exec('BEGIN IMMEDIATE');
         process.stdout.write('locked\\n');
         setTimeout(() => { db.exec('COMMIT'); db.close(); }, ${HOLD_MS});`,
      ],
      { cwd: root, env: { ...process.env, DB_FILE: file }, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    children.push(holder);
    await new Promise<void>((resolve) => holder.stdout!.on('data', () => resolve()));

    try {
      const write = (waitMs: number) =>
        writeTransaction(
          db,
          'Saving the snapshot',
          () => appendAudit(db, { actor: 't', action: 'test.write', entity: 'x' }),
          waitMs,
        );
      const shortStart = Date.now();
      expect(() => write(200)).toThrow(WorkspaceBusyError);
      expect(() => write(200)).toThrow(
        /^Saving the snapshot waited 200 ms for another Evidence Desk process \(the app or the CLI\) to finish writing to this workspace and gave up; nothing was written\./,
      );
      expect(Date.now() - shortStart).toBeLessThan(HOLD_MS);

      write(SEAL_BUSY_TIMEOUT_MS);
      expect(Date.now() - shortStart).toBeGreaterThanOrEqual(HOLD_MS - 500);
      expect(db.prepare(`SELECT count(*) AS n FROM audit_log WHERE action = 'test.write'`).get()).toEqual({
        n: 1,
      });
    } finally {
      db.close();
    }
  }, 60_000);
});
