// What a check's SQL may be: one read-only SELECT over the evidence schema returning resource_uid, status,
// reason and evidence, with no parameters but @snapshot_id and @as_of. A custom check runs on the analyst's
// own workspace connection inside the snapshot's sealing transaction, so a statement that could write
// (INSERT a trusted signer, ATTACH another file, flip a PRAGMA) must never run there; this is checked when the
// file is loaded and again right before every run.
import Database from 'better-sqlite3';
import type { Db } from '../store/db';
import { migrate } from '../store/migrate';
import { CheckFileError } from './check-file';
import type { CheckDefinition } from './types';

export const RESULT_COLUMNS = ['resource_uid', 'status', 'reason', 'evidence'] as const;

/** Parameter values for a dry run: any snapshot id and instant will do on an empty database. */
const PROBE_PARAMS = { snapshot_id: 'probe', as_of: '2000-01-01T00:00:00.000Z' };

/** Why this prepared statement may not run as a check, or null when it may. */
export function statementProblem(stmt: Database.Statement, sql: string): string | null {
  const keyword = firstKeyword(sql);
  // sqlite3_stmt_readonly is true for ATTACH and for PRAGMA assignments, so "reader" and the leading keyword
  // are checked as well: only a query that returns rows and starts as a query is accepted.
  if (!['select', 'with', 'values'].includes(keyword)) {
    const start = keyword
      ? keyword.toUpperCase()
      : sql.replace(/^(\s|--[^\n]*\n?|\/\*[\s\S]*?\*\/)*/, '').slice(0, 12);
    return `the query must be one read-only SELECT; it starts with "${start}"`;
  }
  if (!stmt.readonly || !stmt.reader) {
    return 'the query must be one read-only SELECT; this statement would change the database';
  }
  const columns = stmt.columns().map((c) => c.name);
  const missing = RESULT_COLUMNS.filter((c) => !columns.includes(c));
  if (missing.length > 0) {
    return `the query must return the columns ${RESULT_COLUMNS.join(', ')}; it does not return ${missing.join(', ')}`;
  }
  return null;
}

let probeDb: Db | null = null;

/** An empty, private database with the current evidence schema, to dry-run check SQL against. */
function schemaProbe(): Db {
  if (!probeDb) {
    probeDb = new Database(':memory:');
    migrate(probeDb);
  }
  return probeDb;
}

/**
 * Dry-runs a check's SQL on an empty database with the evidence schema: catches syntax errors, unknown
 * tables or columns, extra parameters, more than one statement and anything but a read-only query before the
 * check is ever offered for a snapshot. Throws CheckFileError naming the file and its "sql".
 */
export function validateCheckSql(check: CheckDefinition, label = check.file): void {
  const db = schemaProbe();
  const fail = (detail: string): never => {
    throw new CheckFileError(label, 'sql', detail);
  };
  let stmt: Database.Statement | undefined;
  try {
    stmt = db.prepare(check.sql);
  } catch (err) {
    fail(`SQLite rejects the query: ${(err as Error).message}`);
  }
  const problem = statementProblem(stmt!, check.sql);
  if (problem) fail(problem);
  try {
    stmt!.all(PROBE_PARAMS);
  } catch (err) {
    const message = (err as Error).message;
    fail(
      /named parameter/i.test(message)
        ? `only @snapshot_id and @as_of can be used as parameters: ${message}`
        : `the query fails on an empty snapshot: ${message}`,
    );
  }
}

/** The first SQL keyword after leading whitespace and comments, lower-case ('' when there is none). */
export function firstKeyword(sql: string): string {
  let i = 0;
  for (;;) {
    while (i < sql.length && /\s/.test(sql[i])) i++;
    if (sql.startsWith('--', i)) {
      const end = sql.indexOf('\n', i);
      i = end < 0 ? sql.length : end + 1;
    } else if (sql.startsWith('/*', i)) {
      const end = sql.indexOf('*/', i + 2);
      i = end < 0 ? sql.length : end + 2;
    } else {
      break;
    }
  }
  return /^[A-Za-z]+/.exec(sql.slice(i))?.[0].toLowerCase() ?? '';
}
