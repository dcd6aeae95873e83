// Threat: pointing Evidence Desk at a file that is not its workspace (another application's SQLite database,
// a file with a negative or future schema version) or at a folder it cannot write changes that file before
// refusing it: switching it to WAL creates -wal/-shm beside it, a migration writes tables into it. Or it
// fails with a bare SQLite error the analyst cannot act on.
// Proves: every such file is refused with a plain message naming why, its bytes AND its folder's listing
// stay exactly as they were (no -wal, -shm, runs/, keys/), and a folder or file it cannot write is named
// with what to do, through the real CLI as a separate process.
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openWorkspace } from '../../main/core/workspace';
import { APPLICATION_ID, DatabaseRefusedError, openDatabase } from '../../main/store/db';
import { DatabaseTooNewError } from '../../main/store/migrate';

const root = path.resolve(__dirname, '..', '..');
const DB = 'workspace.sqlite';
const temps: string[] = [];
afterEach(() => {
  for (const d of temps.splice(0)) {
    // Read-only test folders must be made writable again to be removed.
    fs.chmodSync(d, 0o700);
    for (const f of fs.readdirSync(d, { recursive: true }) as string[])
      fs.chmodSync(path.join(d, f), fs.statSync(path.join(d, f)).isDirectory() ? 0o700 : 0o600);
    fs.rmSync(d, { recursive: true, force: true });
  }
});

function tempDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'ed-refusal-'));
  temps.push(d);
  return d;
}

/** Every entry under dir with its kind, mode and content hash: what "untouched" means. */
function listing(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const rel of (fs.readdirSync(dir, { recursive: true }) as string[]).sort()) {
    const full = path.join(dir, rel);
    const st = fs.statSync(full);
    out[rel] = st.isDirectory()
      ? `dir ${(st.mode & 0o777).toString(8)}`
      : `file ${(st.mode & 0o777).toString(8)} ${crypto.createHash('sha256').update(fs.readFileSync(full)).digest('hex')}`;
  }
  return out;
}

/** A foreign SQLite database at <dir>/workspace.sqlite, built by `build`, closed cleanly. */
function foreignDatabase(build: (db: Database.Database) => void, opts: { wal: boolean }): string {
  const dir = tempDir();
  const db = new Database(path.join(dir, DB));
  if (opts.wal) db.pragma('journal_mode = WAL');
  build(db);
  db.close();
  expect(fs.readdirSync(dir)).toEqual([DB]); // a clean close leaves no side files to hide a new one
  return dir;
}

function expectRefusedUntouched(
  dir: string,
  message: RegExp,
  errorClass: new (...a: never[]) => Error,
): void {
  const before = listing(dir);
  let thrown: unknown;
  try {
    openWorkspace({ dataDir: dir, mode: 'cli' }).close();
  } catch (err) {
    thrown = err;
  }
  expect(thrown).toBeInstanceOf(errorClass);
  expect((thrown as Error).message).toMatch(message);
  expect(listing(dir)).toEqual(before);
}

const withNotes = (db: Database.Database) => {
  db.exec(`CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes (body) VALUES ('mine')`);
};

describe('a database that is not ours is refused without being touched', () => {
  for (const wal of [false, true]) {
    const mode = wal ? 'WAL' : 'rollback-journal';

    it(`another application's database (application_id set), ${mode} mode`, () => {
      const dir = foreignDatabase(
        (db) => {
          withNotes(db);
          db.pragma('application_id = 0x0f055112');
          db.pragma('user_version = 2');
        },
        { wal },
      );
      expectRefusedUntouched(
        dir,
        /^Refusing to open .*workspace\.sqlite: it belongs to another application \(application_id 0x0f055112; Evidence Desk databases carry 0x45764473\)\. The file was not changed\.$/,
        DatabaseRefusedError,
      );
    });

    it(`a database with no application_id whose tables are not ours, ${mode} mode`, () => {
      const dir = foreignDatabase(
        (db) => {
          withNotes(db);
          db.pragma('user_version = 2');
        },
        { wal },
      );
      expectRefusedUntouched(
        dir,
        /it was written by another application \(it has no snapshots or audit_log table\)\. The file was not changed/,
        DatabaseRefusedError,
      );
    });

    it(`a database with tables but user_version 0, ${mode} mode`, () => {
      // Even with tables named like ours: we always record a schema version with our tables.
      const dir = foreignDatabase(
        (db) => db.exec('CREATE TABLE snapshots (id TEXT); CREATE TABLE audit_log (seq INTEGER)'),
        { wal },
      );
      expectRefusedUntouched(
        dir,
        /it holds tables but no schema version: it was written by another application/,
        DatabaseRefusedError,
      );
    });

    it(`a negative user_version, ${mode} mode`, () => {
      const dir = foreignDatabase(
        (db) => {
          withNotes(db);
          db.pragma('user_version = -7');
        },
        { wal },
      );
      expectRefusedUntouched(
        dir,
        /it was written by something else \(schema version -7; Evidence Desk never writes a negative one\)/,
        DatabaseRefusedError,
      );
    });
  }

  it('a workspace of ours written by a newer Evidence Desk (stamped, WAL, closed cleanly)', () => {
    const dir = tempDir();
    openDatabase(path.join(dir, DB)).close();
    const db = new Database(path.join(dir, DB));
    db.pragma('user_version = 999');
    db.close();
    expect(fs.readdirSync(dir)).toEqual([DB]);
    expectRefusedUntouched(
      dir,
      /newer Evidence Desk \(schema 999; .*The file was not changed\./,
      DatabaseTooNewError,
    );
  });

  it('a workspace of ours written by a newer Evidence Desk before the stamp existed (application_id 0)', () => {
    const dir = foreignDatabase(
      (db) => {
        db.exec('CREATE TABLE snapshots (id TEXT); CREATE TABLE audit_log (seq INTEGER)');
        db.pragma('user_version = 999');
      },
      { wal: true },
    );
    expectRefusedUntouched(dir, /newer Evidence Desk \(schema 999/, DatabaseTooNewError);
  });

  it('a stamped database of ours is accepted, and the stamp is what a foreign one lacks', () => {
    const dir = tempDir();
    const ws = openWorkspace({ dataDir: dir, mode: 'cli' });
    expect(ws.db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    ws.close();
    openWorkspace({ dataDir: dir, mode: 'cli' }).close();
  });
});

/**
 * Opens the workspace with the real CLI in a separate process that may not write `dir`. As root, permission
 * bits do not bind, so that process runs as nobody (65534) on a root-owned folder; otherwise the folder is
 * made read-only for us.
 */
function openAsReadOnlyUser(dataDir: string): { status: number | null; stderr: string } {
  const asRoot = process.getuid?.() === 0;
  const home = tempDir();
  fs.chmodSync(home, 0o777);
  const r = spawnSync(
    process.execPath,
    [path.join(root, 'bin', 'evidence-desk.js'), '--data-dir', dataDir, 'snapshots'],
    {
      cwd: root,
      encoding: 'utf8',
      timeout: 60_000,
      ...(asRoot ? { uid: 65534, gid: 65534 } : {}),
      env: {
        ...process.env,
        HOME: home,
        AWS_CONFIG_FILE: path.join(home, 'none'),
        AWS_SHARED_CREDENTIALS_FILE: path.join(home, 'none'),
      },
    },
  );
  return { status: r.status, stderr: r.stderr };
}

/** Makes `dir` (and its parent, for traversal) enterable but not writable by the process openAsReadOnlyUser starts. */
function readOnlyForChild(dir: string, files: string[] = []): void {
  const asRoot = process.getuid?.() === 0;
  fs.chmodSync(path.dirname(dir), 0o755);
  for (const f of files) fs.chmodSync(f, asRoot ? 0o644 : 0o400);
  fs.chmodSync(dir, asRoot ? 0o755 : 0o555);
}

describe.skipIf(process.platform === 'win32')('a folder or file Evidence Desk cannot write', () => {
  it('an existing workspace in a read-only folder: a plain message, nothing created or changed', () => {
    const parent = tempDir();
    const dir = path.join(parent, 'ws');
    openDatabase(path.join(dir, DB)).close();
    readOnlyForChild(dir, [path.join(dir, DB)]);
    const before = listing(dir);
    const r = openAsReadOnlyUser(dir);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(
      `Evidence Desk cannot write to ${dir}: check its permissions, or choose another folder with --data-dir`,
    );
    expect(r.stderr).not.toMatch(/SQLITE_|SqliteError/);
    expect(listing(dir)).toEqual(before);
  }, 60_000);

  it('a new workspace in a read-only folder: a plain message, no database file left behind', () => {
    const parent = tempDir();
    const dir = path.join(parent, 'ws');
    fs.mkdirSync(dir);
    readOnlyForChild(dir);
    const r = openAsReadOnlyUser(dir);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`Evidence Desk cannot write to ${dir}: check its permissions`);
    expect(fs.readdirSync(dir)).toEqual([]);
  }, 60_000);

  it('a read-only database file in a writable folder is named, and left as it was', () => {
    const parent = tempDir();
    const dir = path.join(parent, 'ws');
    const file = path.join(dir, DB);
    openDatabase(file).close();
    fs.chmodSync(parent, 0o755);
    if (process.getuid?.() === 0) {
      // The child (nobody) may write the folder but not the root-owned file.
      fs.chownSync(dir, 65534, 65534);
      fs.chmodSync(file, 0o644);
    } else fs.chmodSync(file, 0o400);
    const before = listing(dir);
    const r = openAsReadOnlyUser(dir);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`Evidence Desk cannot write to ${file}: check its permissions`);
    expect(listing(dir)).toEqual(before);
  }, 60_000);
});
