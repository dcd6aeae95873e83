// Who owns a 'running' snapshot. Several processes may use one workspace at once (the CLI while the app
// runs), so "running at open time" does not mean "abandoned". Each run keeps an owner record,
// <dataDir>/runs/<snapshotId>.lock, created BEFORE its snapshot row and removed only AFTER the row has left
// 'running' (complete, failed or cancelled). So while a row is 'running' its record exists unless the run is
// over, and opening a workspace fails only the runs whose owner is gone, with an audit entry saying why.
//
// When an owner counts as gone:
// - no owner record: the run ended without finishing its row (or predates owner records);
// - same host: its pid is not running. On Linux the record also holds the process start time
//   (/proc/<pid>/stat field 22) and the boot id, so a pid reused by an unrelated process, or one from before
//   a reboot, is not mistaken for the owner. Elsewhere (macOS, Windows) only pid liveness is checked: a reused
//   pid keeps a dead run 'running' until that process exits, never the other way round.
// - another host (a workspace on a shared folder): its pids mean nothing here, so its run counts as abandoned
//   only once the record is older than OTHER_HOST_STALE_MS. A snapshot takes minutes; a day leaves a wide
//   margin for slow accounts and clock skew while still clearing a crashed machine's runs the next day.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeTransaction, OPEN_BUSY_TIMEOUT_MS, type Db } from './db';
import { failAbandonedSnapshots } from './snapshots-repo';

export const RUNS_FOLDER = 'runs';
export const OTHER_HOST_STALE_MS = 24 * 60 * 60 * 1000;
/** A record that cannot be parsed may be one being written right now ('wx' then write): leave it this long. */
const UNREADABLE_GRACE_MS = 60 * 1000;

export type RunOwner = {
  pid: number;
  hostname: string;
  /** Linux: clock ticks since boot at which the process started (/proc/<pid>/stat field 22); else null. */
  startTime: string | null;
  /** Linux: /proc/sys/kernel/random/boot_id; else null. */
  bootId: string | null;
  createdAt: string;
};

const SAFE_ID = /^[A-Za-z0-9][A-Za-z0-9-]{0,63}$/;

export function runLockFile(runsDir: string, snapshotId: string): string {
  // Ids come from the database, which is a file on disk: never let one name a path outside runs/.
  if (!SAFE_ID.test(snapshotId)) throw new Error(`'${snapshotId}' is not a valid snapshot id`);
  return path.join(runsDir, `${snapshotId}.lock`);
}

/** Records this process as the owner of the run. Call before the snapshot row is created. */
export function acquireRunLock(runsDir: string, snapshotId: string): void {
  const file = runLockFile(runsDir, snapshotId);
  fs.mkdirSync(runsDir, { recursive: true, mode: 0o700 });
  const owner: RunOwner = { ...processIdentity(process.pid), createdAt: new Date().toISOString() };
  try {
    fs.writeFileSync(file, `${JSON.stringify(owner)}\n`, { flag: 'wx', mode: 0o600 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST')
      throw new Error(`Snapshot ${snapshotId} already has an owner (${file}); it was not started twice.`);
    throw err;
  }
}

/** Call after the snapshot row has left 'running'. Never throws: the run's outcome is already recorded. */
export function releaseRunLock(runsDir: string, snapshotId: string): void {
  try {
    fs.rmSync(runLockFile(runsDir, snapshotId), { force: true });
  } catch {
    // An undeletable record only costs a later open one liveness check of a pid that is gone.
  }
}

export function readRunOwner(file: string): RunOwner | 'missing' | 'unreadable' {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'missing' : 'unreadable';
  }
  try {
    const o = JSON.parse(text) as Partial<RunOwner>;
    if (
      Number.isInteger(o.pid) &&
      (o.pid as number) > 0 &&
      typeof o.hostname === 'string' &&
      typeof o.createdAt === 'string' &&
      (o.startTime === null || typeof o.startTime === 'string') &&
      (o.bootId === null || typeof o.bootId === 'string')
    )
      return o as RunOwner;
  } catch {
    // fall through
  }
  return 'unreadable';
}

/** null while the recorded owner may still be running the snapshot; otherwise why it is not. */
export function whyOwnerIsGone(owner: RunOwner, now = Date.now()): string | null {
  const who = `process ${owner.pid} on ${owner.hostname}`;
  if (owner.hostname !== os.hostname()) {
    const age = now - Date.parse(owner.createdAt);
    if (!(age > OTHER_HOST_STALE_MS)) return null;
    return `${who} (another machine) started it ${Math.floor(age / 3_600_000)} h ago and never finished it`;
  }
  if (!processIsAlive(owner.pid)) return `${who} is no longer running`;
  if (owner.bootId !== null || owner.startTime !== null) {
    const current = processIdentity(owner.pid);
    if (owner.bootId !== null && current.bootId !== null && current.bootId !== owner.bootId)
      return `${who} ran before this machine restarted`;
    if (owner.startTime !== null && current.startTime !== null && current.startTime !== owner.startTime)
      return `${who} is no longer running (the pid now belongs to another process)`;
  }
  return null;
}

/** null while the run's owner may still finish it; otherwise why it never will. */
export function whyRunIsAbandoned(runsDir: string, snapshotId: string, now = Date.now()): string | null {
  if (!SAFE_ID.test(snapshotId)) return 'its id cannot name an owner record';
  const file = runLockFile(runsDir, snapshotId);
  const owner = readRunOwner(file);
  if (owner === 'missing') return 'no process owns it (no owner record)';
  if (owner === 'unreadable') {
    // The record is written before the row: a row whose record is still unreadable is not being written.
    return `its owner record ${file} is unreadable`;
  }
  return whyOwnerIsGone(owner, now);
}

/**
 * Fails every 'running' snapshot whose owner is gone, calling onAbandoned inside the same transaction (the
 * audit entry lands with the status change or not at all), then removes owner records of runs that are over.
 * Returns the ids failed.
 */
export function failAbandonedRuns(
  db: Db,
  runsDir: string,
  onAbandoned: (snapshotId: string, reason: string) => void,
): string[] {
  const failed = writeTransaction(
    db,
    'Checking for abandoned snapshots',
    () => {
      const list = failAbandonedSnapshots(db, (id) => whyRunIsAbandoned(runsDir, id));
      for (const f of list) onAbandoned(f.id, f.reason);
      return list.map((f) => f.id);
    },
    OPEN_BUSY_TIMEOUT_MS,
  );
  for (const id of failed) if (SAFE_ID.test(id)) releaseRunLock(runsDir, id);
  removeStaleRunLocks(db, runsDir);
  return failed;
}

/**
 * Owner records of dead processes whose snapshot is not running (killed between ending the row and removing
 * the record, or before creating the row): nothing will ever remove them otherwise.
 */
export function removeStaleRunLocks(db: Db, runsDir: string, now = Date.now()): string[] {
  let names: string[];
  try {
    names = fs.readdirSync(runsDir);
  } catch {
    return [];
  }
  const running = new Set(
    (db.prepare(`SELECT id FROM snapshots WHERE status = 'running'`).all() as { id: string }[]).map(
      (r) => r.id,
    ),
  );
  const removed: string[] = [];
  for (const name of names) {
    const id = name.endsWith('.lock') ? name.slice(0, -'.lock'.length) : '';
    if (!SAFE_ID.test(id) || running.has(id)) continue;
    const file = path.join(runsDir, name);
    const owner = readRunOwner(file);
    let stale: boolean;
    if (owner === 'missing') continue;
    if (owner === 'unreadable') {
      try {
        stale = now - fs.statSync(file).mtimeMs > UNREADABLE_GRACE_MS;
      } catch {
        continue;
      }
    } else stale = whyOwnerIsGone(owner, now) !== null;
    if (stale) {
      fs.rmSync(file, { force: true });
      removed.push(id);
    }
  }
  return removed;
}

/** Is a process with this pid running (or a zombie's parent yet to reap it: then no)? */
export function processIsAlive(pid: number): boolean {
  // 0 and negative pids address process groups in kill(2): never a single owner.
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch (err) {
    // EPERM: it exists but belongs to another account.
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  return procStat(pid)?.state !== 'Z';
}

/** The pid's start time and the boot id where the platform has them (Linux /proc), else nulls. */
export function processIdentity(pid: number): Pick<RunOwner, 'pid' | 'hostname' | 'startTime' | 'bootId'> {
  let bootId: string | null = null;
  try {
    bootId = fs.readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim() || null;
  } catch {
    bootId = null;
  }
  return { pid, hostname: os.hostname(), startTime: procStat(pid)?.startTime ?? null, bootId };
}

function procStat(pid: number): { state: string; startTime: string } | null {
  let text: string;
  try {
    text = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null;
  }
  // Field 2 is the command name in parentheses and may itself hold spaces or ')': split after the last ')'.
  // The rest starts at field 3 (state); field 22 (starttime) is therefore the 20th.
  const rest = text.slice(text.lastIndexOf(')') + 2).split(' ');
  return rest.length >= 20 ? { state: rest[0], startTime: rest[19] } : null;
}
