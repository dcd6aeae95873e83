// Numbered SQL migrations (main/store/migrations/NNNN-name.sql) applied in order, each in its own
// transaction, with PRAGMA user_version recording the last one applied.
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { appRoot } from '../paths';

export type Migration = { version: number; name: string; sql: string };

export function loadMigrations(dir = path.join(appRoot(), 'main', 'store', 'migrations')): Migration[] {
  const migrations = fs
    .readdirSync(dir)
    .filter((f) => /^\d{4}-[a-z0-9-]+\.sql$/.test(f))
    .sort()
    .map((file) => ({
      version: Number(file.slice(0, 4)),
      name: file.replace(/\.sql$/, ''),
      sql: fs.readFileSync(path.join(dir, file), 'utf8'),
    }));
  migrations.forEach((m, i) => {
    // A gap or duplicate would make user_version ambiguous; refuse to start rather than guess.
    if (m.version !== i + 1) throw new Error(`migration ${m.name} is out of sequence (expected ${i + 1})`);
  });
  return migrations;
}

export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Applies every migration above the database's user_version, up to `target` (default: all). */
export function migrate(
  db: Database.Database,
  migrations = loadMigrations(),
  target = migrations.length,
): number {
  const current = schemaVersion(db);
  if (current > migrations.length) {
    throw new DatabaseTooNewError(current, migrations.length);
  }
  for (const m of migrations.slice(current, target)) {
    db.transaction(() => {
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
  return schemaVersion(db);
}

export class DatabaseTooNewError extends Error {
  constructor(
    readonly found: number,
    readonly supported: number,
  ) {
    super(
      `This workspace was written by a newer Evidence Desk (schema ${found}; this version understands up to ` +
        `${supported}). Update Evidence Desk to open it. The file was not changed.`,
    );
  }
}
