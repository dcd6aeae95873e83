// Opening the workspace database: refuse what we cannot safely use (corrupt, not SQLite, newer than this
// app) before writing a single byte, then WAL + foreign keys + migrations.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { DatabaseTooNewError, loadMigrations, migrate, schemaVersion } from './migrate';

export type Db = Database.Database;

export class DatabaseRefusedError extends Error {
  constructor(
    readonly file: string,
    reason: string,
  ) {
    super(`Refusing to open ${file}: ${reason}. The file was not changed.`);
  }
}

const SQLITE_MAGIC = 'SQLite format 3\u0000';

export function openDatabase(file: string, options: { readonly?: boolean } = {}): Db {
  const exists = fs.existsSync(file);
  if (exists) assertLooksLikeSqlite(file);
  else if (options.readonly) throw new DatabaseRefusedError(file, 'it does not exist');
  else fs.mkdirSync(path.dirname(file), { recursive: true });

  // Open read-only first to judge the file without touching it (WAL mode or migrations would write).
  if (exists) {
    const probe = new Database(file, { readonly: true, fileMustExist: true, nativeBinding: nativeBinding() });
    try {
      const check = probe.pragma('quick_check', { simple: true });
      if (check !== 'ok')
        throw new DatabaseRefusedError(file, `it is damaged (integrity check: ${String(check)})`);
      const version = schemaVersion(probe);
      const supported = loadMigrations().length;
      if (version > supported) throw new DatabaseTooNewError(version, supported);
    } catch (err) {
      if (err instanceof DatabaseRefusedError || err instanceof DatabaseTooNewError) throw err;
      throw new DatabaseRefusedError(
        file,
        `it is not a readable Evidence Desk database (${(err as Error).message})`,
      );
    } finally {
      probe.close();
    }
  }

  const db = new Database(file, {
    readonly: options.readonly ?? false,
    fileMustExist: exists,
    nativeBinding: nativeBinding(),
  });
  if (!options.readonly) {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
  }
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  if (!options.readonly) migrate(db);
  return db;
}

function assertLooksLikeSqlite(file: string): void {
  const stat = fs.statSync(file);
  if (stat.size === 0) return; // an empty file is a fresh database to SQLite
  const fd = fs.openSync(file, 'r');
  try {
    const header = Buffer.alloc(16);
    fs.readSync(fd, header, 0, 16, 0);
    if (header.toString('latin1') !== SQLITE_MAGIC) {
      throw new DatabaseRefusedError(file, 'it is not an SQLite database (wrong file header)');
    }
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Running Electron from a source checkout needs better-sqlite3 built for Electron's ABI, while the tests and
 * the CLI need it built for Node. `npm start` builds an Electron copy beside node_modules and points here, so
 * neither build replaces the other. Packaged apps are rebuilt by electron-builder and leave this unset.
 */
function nativeBinding(): string | undefined {
  return process.env.EVIDENCE_DESK_SQLITE_BINDING || undefined;
}
