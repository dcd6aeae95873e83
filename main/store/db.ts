// Opening the workspace database: refuse what we cannot safely use (not SQLite, another application's file,
// corrupt, newer than this app, a folder we cannot write) before writing a single byte, then WAL + foreign
// keys + our application_id stamp + migrations.
//
// "Before writing a single byte" includes SQLite's own side files: merely opening a WAL-mode database, even
// read-only, creates <file>-wal and <file>-shm beside it. So a file is first judged from its 100-byte header
// (no SQLite involved); a file that still needs a look inside and would grow side files is judged on a private
// temporary copy instead (see probeFile).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { DatabaseTooNewError, loadMigrations, migrate, schemaVersion } from './migrate';

export type Db = Database.Database;

/**
 * PRAGMA application_id of every Evidence Desk database: 0x45764473 is 'EvDs' in ASCII, so it also reads
 * as such at byte offset 68 of the file (`file`, hexdump). Databases written before the stamp existed carry
 * 0 and are recognised by their tables instead, then stamped.
 */
export const APPLICATION_ID = 0x45764473;

/** How long an ordinary write waits for another process's write to finish (better-sqlite3's default). */
export const BUSY_TIMEOUT_MS = 5_000;
/**
 * Opening (stamp, migrations, failing abandoned runs) may have to wait for another process sealing a large
 * snapshot; waiting a minute beats refusing to open.
 */
export const OPEN_BUSY_TIMEOUT_MS = 60_000;
/**
 * Sealing a snapshot waits this long for another process's write (its own seal of a big snapshot, an
 * export): giving up would throw away the whole collection.
 */
export const SEAL_BUSY_TIMEOUT_MS = 120_000;

export class DatabaseRefusedError extends Error {
  constructor(
    readonly file: string,
    reason: string,
  ) {
    super(`Refusing to open ${file}: ${reason}. The file was not changed.`);
  }
}

/** A workspace folder or file this process may not read or write: said plainly, not as an SQLite code. */
export class WorkspaceAccessError extends Error {
  constructor(
    readonly target: string,
    readonly access: 'read' | 'write' = 'write',
  ) {
    super(
      `Evidence Desk cannot ${access === 'write' ? 'write to' : 'read'} ${target}: check its permissions, ` +
        'or choose another folder with --data-dir',
    );
  }
}

/** Another process held the workspace's write lock for longer than this write was willing to wait. */
export class WorkspaceBusyError extends Error {}

const SQLITE_MAGIC = 'SQLite format 3\u0000';
const HEADER_BYTES = 100;
/** Tables every Evidence Desk schema has had since 0001: how an unstamped (older) file of ours is known. */
const OUR_TABLES = ['snapshots', 'audit_log'] as const;

/**
 * `alreadyChecked`: the process that opened this workspace has judged the whole file moments ago (a job or
 * query worker's own connection): the header is still checked, but not PRAGMA quick_check, which reads every
 * page and takes seconds on a million-resource workspace.
 */
export function openDatabase(
  file: string,
  options: { readonly?: boolean; alreadyChecked?: boolean } = {},
): Db {
  const readonly = options.readonly ?? false;
  const supported = loadMigrations().length;
  if (fs.existsSync(file)) {
    const header = readHeader(file);
    if (header) {
      assertAcceptable(file, header.facts, supported);
      if (!readonly) assertWritable(file);
      if (!options.alreadyChecked) assertAcceptable(file, probeFile(file, header), supported);
    } else if (!readonly) {
      assertWritable(file); // empty file: a fresh database to SQLite
    }
    if (!readonly) tightenFileModes(file);
  } else if (readonly) {
    throw new DatabaseRefusedError(file, 'it does not exist');
  } else {
    createPrivateFile(file);
  }

  let db: Db;
  try {
    db = new Database(file, {
      readonly,
      fileMustExist: true,
      timeout: BUSY_TIMEOUT_MS,
      nativeBinding: nativeBinding(),
    });
  } catch (err) {
    throw explainOpenError(file, err);
  }
  try {
    if (!readonly) {
      withBusyTimeout(db, OPEN_BUSY_TIMEOUT_MS, () => db.pragma('journal_mode = WAL'));
      db.pragma('synchronous = NORMAL');
    }
    db.pragma('foreign_keys = ON');
    if (!readonly) stampAndMigrate(db, file, supported);
    return db;
  } catch (err) {
    db.close();
    throw explainOpenError(file, err);
  }
}

/**
 * Runs fn in one IMMEDIATE transaction (the write lock is taken up front, so a transaction that reads before
 * it writes cannot fail half-way because another process wrote in between), waiting up to waitMs for another
 * process's write to finish. Nested inside another transaction it is a savepoint of that one.
 */
export function writeTransaction<T>(db: Db, what: string, fn: () => T, waitMs = BUSY_TIMEOUT_MS): T {
  try {
    return withBusyTimeout(db, waitMs, () => db.transaction(fn).immediate());
  } catch (err) {
    if (!isBusy(err)) throw err;
    throw new WorkspaceBusyError(
      `${what} waited ${waitMs >= 1000 ? `${Math.round(waitMs / 1000)} s` : `${waitMs} ms`} for another Evidence Desk process (the app or the CLI) ` +
        'to finish writing to this workspace and gave up; nothing was written. Try again when it has finished.',
    );
  }
}

function withBusyTimeout<T>(db: Db, waitMs: number, fn: () => T): T {
  const previous = db.pragma('busy_timeout', { simple: true }) as number;
  db.pragma(`busy_timeout = ${Math.max(0, Math.floor(waitMs))}`);
  try {
    return fn();
  } finally {
    db.pragma(`busy_timeout = ${previous}`);
  }
}

function isBusy(err: unknown): boolean {
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'));
}

/** What decides whether a database is ours, as read from its header or from inside it. */
export type DatabaseFacts = {
  applicationId: number;
  userVersion: number;
  /** Table names; null when only the header has been read. */
  tables: string[] | null;
  /** PRAGMA quick_check's answer; null when only the header has been read. */
  integrity: string | null;
};

/**
 * Throws unless the database is one Evidence Desk may open: a fresh one, or ours at a schema version this
 * app understands. Facts read from the header alone (tables null) are judged on what they can show.
 */
export function assertAcceptable(file: string, f: DatabaseFacts, supported: number): void {
  const refuse = (reason: string) => {
    throw new DatabaseRefusedError(file, reason);
  };
  if (f.applicationId !== 0 && f.applicationId !== APPLICATION_ID) {
    refuse(
      `it belongs to another application (application_id ${hex(f.applicationId)}; Evidence Desk databases ` +
        `carry ${hex(APPLICATION_ID)})`,
    );
  }
  if (f.userVersion < 0) {
    refuse(
      `it was written by something else (schema version ${f.userVersion}; Evidence Desk never writes a ` +
        'negative one)',
    );
  }
  const ours = f.applicationId === APPLICATION_ID;
  if (ours && f.userVersion > supported) throw new DatabaseTooNewError(f.userVersion, supported);
  if (f.tables === null) return;

  if (f.integrity !== null && f.integrity !== 'ok') refuse(`it is damaged (integrity check: ${f.integrity})`);
  const hasOurTables = OUR_TABLES.every((t) => f.tables!.includes(t));
  if (!ours) {
    if (f.tables.length === 0 && f.userVersion === 0) return; // an empty database: nothing to damage
    if (f.tables.length === 0)
      refuse(`it has a schema version (${f.userVersion}) but none of Evidence Desk's tables`);
    if (f.userVersion === 0)
      refuse('it holds tables but no schema version: it was written by another application');
    if (!hasOurTables)
      refuse(`it was written by another application (it has no ${OUR_TABLES.join(' or ')} table)`);
  }
  if (f.userVersion > supported) throw new DatabaseTooNewError(f.userVersion, supported);
  if (ours && f.userVersion > 0 && !hasOurTables)
    refuse(`it is damaged (schema version ${f.userVersion} but no ${OUR_TABLES.join(' or ')} table)`);
  // We stamp and migrate in one transaction, so a stamped file with tables but no version is not our doing.
  if (ours && f.userVersion === 0 && f.tables.length > 0)
    refuse('it holds tables but no schema version: it was not written by Evidence Desk');
}

const hex = (n: number) => `0x${(n >>> 0).toString(16).padStart(8, '0')}`;

type Header = { facts: DatabaseFacts; walMode: boolean };

/** The database header (https://sqlite.org/fileformat.html#the_database_header), or null for an empty file. */
function readHeader(file: string): Header | null {
  const bytes = Buffer.alloc(HEADER_BYTES);
  let read: number;
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM') throw new WorkspaceAccessError(file, 'read');
    throw err;
  }
  try {
    read = fs.readSync(fd, bytes, 0, HEADER_BYTES, 0);
  } finally {
    fs.closeSync(fd);
  }
  if (read === 0) return null;
  if (read < HEADER_BYTES || bytes.toString('latin1', 0, 16) !== SQLITE_MAGIC)
    throw new DatabaseRefusedError(file, 'it is not an SQLite database (wrong file header)');
  return {
    facts: {
      userVersion: bytes.readInt32BE(60),
      applicationId: bytes.readInt32BE(68),
      tables: null,
      integrity: null,
    },
    // File format read/write versions: 2 = WAL.
    walMode: bytes[18] === 2 || bytes[19] === 2,
  };
}

/**
 * Reads the facts from inside the database without creating anything beside it. A rollback-journal file
 * opened read-only creates nothing, nor does a WAL file whose -wal and -shm already exist. A WAL file without
 * them would get both, so it is probed on a private copy unless it is stamped ours (our own side files are
 * created by the real open a moment later anyway).
 */
function probeFile(file: string, header: Header): DatabaseFacts {
  const sidesExist = fs.existsSync(`${file}-wal`) && fs.existsSync(`${file}-shm`);
  if (!header.walMode || sidesExist || header.facts.applicationId === APPLICATION_ID)
    return probe(file, file);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'evidence-desk-probe-'));
  try {
    const copy = path.join(dir, 'probe.sqlite');
    fs.copyFileSync(file, copy);
    if (fs.existsSync(`${file}-wal`)) fs.copyFileSync(`${file}-wal`, `${copy}-wal`);
    return probe(file, copy);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function probe(file: string, target: string): DatabaseFacts {
  let db: Db | undefined;
  try {
    db = new Database(target, { readonly: true, fileMustExist: true, nativeBinding: nativeBinding() });
    return factsOf(db, { integrity: true });
  } catch (err) {
    if (err instanceof DatabaseRefusedError) throw err;
    throw new DatabaseRefusedError(
      file,
      `it is not a readable Evidence Desk database (${(err as Error).message})`,
    );
  } finally {
    db?.close();
  }
}

function factsOf(db: Db, opts: { integrity: boolean }): DatabaseFacts {
  return {
    applicationId: db.pragma('application_id', { simple: true }) as number,
    userVersion: schemaVersion(db),
    tables: (
      db
        .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`)
        .all() as {
        name: string;
      }[]
    ).map((r) => r.name),
    integrity: opts.integrity ? String(db.pragma('quick_check', { simple: true })) : null,
  };
}

/**
 * Stamp + migrations in one IMMEDIATE transaction: two processes opening a new workspace at once cannot both
 * migrate it, and the facts are re-read under the write lock in case another process changed the file since
 * it was probed.
 */
function stampAndMigrate(db: Db, file: string, supported: number): void {
  // Already stamped and current (every open but the first after an upgrade): no write lock to wait for.
  const stamped = (db.pragma('application_id', { simple: true }) as number) === APPLICATION_ID;
  if (stamped && schemaVersion(db) === supported) return;
  writeTransaction(
    db,
    'Opening the workspace',
    () => {
      assertAcceptable(file, factsOf(db, { integrity: false }), supported);
      if ((db.pragma('application_id', { simple: true }) as number) !== APPLICATION_ID)
        db.pragma(`application_id = ${APPLICATION_ID}`);
      migrate(db);
    },
    OPEN_BUSY_TIMEOUT_MS,
  );
}

function assertWritable(file: string): void {
  for (const target of [path.dirname(file), file, `${file}-wal`, `${file}-shm`]) {
    if (target !== path.dirname(file) && !fs.existsSync(target)) continue;
    try {
      fs.accessSync(target, fs.constants.W_OK);
    } catch {
      throw new WorkspaceAccessError(target);
    }
  }
}

/** An empty file with mode 0600 for SQLite to fill: its -wal and -shm inherit the mode. */
function createPrivateFile(file: string): void {
  const dir = path.dirname(file);
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    fs.closeSync(fs.openSync(file, 'wx', 0o600));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return; // another process created it first: it is judged when opened
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') throw new WorkspaceAccessError(dir);
    throw err;
  }
}

/**
 * The database is ours and holds evidence: make it and its side files owner-only. Best effort: a file
 * owned by another account (shared group folder) cannot be chmod-ed by us and is still usable.
 */
function tightenFileModes(file: string): void {
  if (process.platform === 'win32') return;
  for (const f of [file, `${file}-wal`, `${file}-shm`]) {
    try {
      const mode = fs.statSync(f).mode & 0o777;
      if (mode & 0o077) fs.chmodSync(f, mode & 0o700);
    } catch {
      // missing side file, or not ours to chmod
    }
  }
}

function explainOpenError(file: string, err: unknown): unknown {
  const code = (err as { code?: unknown }).code;
  if (code === 'SQLITE_READONLY' || code === 'SQLITE_CANTOPEN' || code === 'SQLITE_READONLY_DIRECTORY')
    return new WorkspaceAccessError(path.dirname(file));
  if (isBusy(err))
    return new WorkspaceBusyError(
      `${file} is being changed by another Evidence Desk process that did not finish within ` +
        `${OPEN_BUSY_TIMEOUT_MS / 1000} s; try again when it has finished.`,
    );
  return err;
}

/**
 * Running Electron from a source checkout needs better-sqlite3 built for Electron's ABI, while the tests and
 * the CLI need it built for Node. `npm start` builds an Electron copy beside node_modules and points here, so
 * neither build replaces the other. Packaged apps are rebuilt by electron-builder and leave this unset.
 */
function nativeBinding(): string | undefined {
  return process.env.EVIDENCE_DESK_SQLITE_BINDING || undefined;
}
