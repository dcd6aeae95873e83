// Content hashes that bind the evidence itself. Every row hash is SHA-256 over the RFC 8785 canonical JSON of
// the row's stored columns, exactly as stored (tags, config, params, response and evidence are already
// canonical JSON text, and are hashed as those strings), so anyone can recompute them from snapshot.sqlite with
// any SQLite client and a JSON library: changing one character of one config changes its resource's hash and
// the snapshot's. The package ships verify_snapshot.py, which follows the same recipe (docs/package-format.md).
//
// Why strings rather than re-parsed JSON: hashing the stored text needs no JSON number formatting rules (the
// one place canonical JSON implementations disagree), and it costs one serialisation per row instead of two.
import crypto from 'node:crypto';
import type Database from 'better-sqlite3';

type Db = Database.Database;

export const CONTENT_HASH_RECIPE = 2;
const SNAPSHOT_CONTENT_TAG = 'evidence-desk-snapshot-content/2';
const EVALUATION_TAG = 'evidence-desk-evaluation/1';
const SCHEMA_TAG = 'evidence-desk-schema/1';

const sha256 = (text: string) => crypto.createHash('sha256').update(text).digest('hex');

/**
 * Canonical JSON of a flat object whose values are strings, safe integers, booleans or null. JSON.stringify
 * escapes strings exactly as RFC 8785 does and prints safe integers the same way, so emitting the keys in
 * sorted (UTF-16) order makes its output canonical without a general canonicaliser on the hot path.
 *
 * Written out directly rather than via a sorted copy of the row and one JSON.stringify of it: this runs once
 * per resource at ingest and once per finding at evaluation, and the copy was most of its cost. The bytes are
 * the same (test/unit/canonical-json.test.ts compares them with the canonicalize package).
 */
function canonicalRow(row: Record<string, string | number | boolean | null>): string {
  let keys = Object.keys(row);
  for (let i = 1; i < keys.length; i++) {
    if (keys[i - 1] > keys[i]) {
      keys = keys.sort();
      break;
    }
  }
  let out = '{';
  for (const key of keys) {
    const v = row[key];
    if (typeof v === 'number' && !Number.isSafeInteger(v))
      throw new Error(`cannot hash ${key}=${v}: only integers are hashed as numbers`);
    // JSON.stringify leaves out undefined members; so does this (a row from SQLite has none).
    if (v === undefined) continue;
    out += `${out.length > 1 ? ',' : ''}${JSON.stringify(key)}:${v === null ? 'null' : JSON.stringify(v)}`;
  }
  return `${out}}`;
}

/** The hashed columns of a finding, in canonical (sorted) key order. */
const FINDING_KEYS = ['check_id', 'evidence', 'reason', 'resource_uid', 'status'] as const;
const QUOTED_KEYS = new Map<string, string>();

/**
 * canonicalRow for a row given as values in the order of `sortedKeys` (already sorted), strings or safe
 * integers (JSON.stringify prints both as RFC 8785 does); any other value takes the general path, so the
 * bytes are always canonicalRow's.
 */
function canonicalStrings(sortedKeys: readonly string[], values: readonly unknown[]): string {
  let out = '{';
  for (let i = 0; i < sortedKeys.length; i++) {
    const v = values[i];
    if (typeof v !== 'string' && !(typeof v === 'number' && Number.isSafeInteger(v))) {
      return canonicalRow(
        Object.fromEntries(sortedKeys.map((k, j) => [k, values[j]])) as Record<string, string>,
      );
    }
    const key = sortedKeys[i];
    let quoted = QUOTED_KEYS.get(key);
    if (quoted === undefined) QUOTED_KEYS.set(key, (quoted = JSON.stringify(key)));
    out += `${i > 0 ? ',' : ''}${quoted}:${JSON.stringify(v)}`;
  }
  return `${out}}`;
}

export const rowHash = (row: Record<string, string | number | boolean | null>): string =>
  sha256(canonicalRow(row));

export type ResourceHashInput = {
  uid: string;
  provider: string;
  service: string;
  type: string;
  region: string;
  name: string;
  tags: string;
  config: string;
};
const RESOURCE_KEYS = ['config', 'name', 'provider', 'region', 'service', 'tags', 'type', 'uid'] as const;
/** rowHash of the resource's hashed columns, emitted in key order directly (once per resource at ingest). */
export const resourceRowHash = (r: ResourceHashInput): string =>
  sha256(
    canonicalStrings(RESOURCE_KEYS, [
      r.config,
      r.name,
      r.provider,
      r.region,
      r.service,
      r.tags,
      r.type,
      r.uid,
    ]),
  );

export type RawHashInput = {
  seq: number;
  service: string;
  region: string;
  operation: string;
  params: string;
  response: string;
};
const RAW_KEYS = ['operation', 'params', 'region', 'response', 'seq', 'service'] as const;
export const rawRowHash = (r: RawHashInput): string =>
  sha256(canonicalStrings(RAW_KEYS, [r.operation, r.params, r.region, r.response, r.seq, r.service]));

type GapRow = {
  seq: number;
  service: string;
  region: string;
  operation: string;
  code: string;
  message: string;
  resource: string | null;
};

/**
 * The hashed members of a gap row. `resource` (migration 0008) enters the canonical JSON only when it is set:
 * a gap of a snapshot sealed before it existed (NULL) hashes exactly as it did, so old snapshots and packages
 * still verify under the same recipe version, while a set resource is bound like every other column.
 */
export function gapHashRow(g: GapRow): Record<string, string | number> {
  const { resource, ...rest } = g;
  return resource === null || resource === undefined ? rest : { ...rest, resource };
}
type RedactionRow = { target: string; count: number; kinds: string };
type SnapshotHeader = {
  id: string;
  connection: string;
  provider: string;
  account: string | null;
  identity: string | null;
  regions: string;
  started_at: string;
  finished_at: string | null;
  tool_version: string;
  catalog_version: string;
};

/** Hashes one line at a time: a million-row snapshot never becomes one string. */
class LineHasher {
  private readonly h = crypto.createHash('sha256');
  constructor(tag: string) {
    this.line(tag);
  }
  line(text: string): void {
    this.h.update(`${text}\n`);
  }
  digest(): string {
    return this.h.digest('hex');
  }
}

export type ContentCheck = {
  /** The snapshot's content hash recomputed from its rows. */
  contentSha256: string;
  /** Rows whose stored hash no longer matches their data: named, so the auditor knows what was edited. */
  altered: string[];
  /** How many rows were altered in all (altered lists at most the first 20). */
  alteredCount: number;
};

const MAX_NAMED = 20;

/**
 * Recomputes the snapshot content hash from the rows. With `trustStoredRowHashes` (at seal time, right after
 * this process wrote the rows and their hashes in the same transaction) the stored per-row hashes are used;
 * otherwise every row hash is recomputed from its columns and compared with the stored one.
 */
export function checkSnapshotContent(
  db: Db,
  snapshotId: string,
  opts: { trustStoredRowHashes?: boolean } = {},
): ContentCheck {
  const header = db
    .prepare(
      `SELECT id, connection, provider, account, identity, regions, started_at, finished_at, tool_version,
              catalog_version FROM snapshots WHERE id = ?`,
    )
    .get(snapshotId) as SnapshotHeader | undefined;
  if (!header) throw new Error(`there is no snapshot ${snapshotId}`);
  const altered: string[] = [];
  let alteredCount = 0;
  const note = (what: string) => {
    alteredCount++;
    if (altered.length < MAX_NAMED) altered.push(what);
  };

  const h = new LineHasher(SNAPSHOT_CONTENT_TAG);
  h.line(`snapshot ${rowHash(header)}`);

  const trust = opts.trustStoredRowHashes === true;
  const resources = db.prepare(
    trust
      ? 'SELECT uid, sha256 FROM resources WHERE snapshot_id = ? ORDER BY uid'
      : `SELECT uid, provider, service, type, region, name, tags, config, sha256 FROM resources
         WHERE snapshot_id = ? ORDER BY uid`,
  );
  for (const r of resources.iterate(snapshotId) as IterableIterator<ResourceHashInput & { sha256: string }>) {
    const hash = trust ? r.sha256 : resourceRowHash(r);
    if (hash !== r.sha256) note(`resource ${r.uid}`);
    h.line(`resource ${hash}`);
  }
  const raws = db.prepare(
    trust
      ? 'SELECT seq, sha256 FROM raw_responses WHERE snapshot_id = ? ORDER BY seq'
      : `SELECT seq, service, region, operation, params, response, sha256 FROM raw_responses
         WHERE snapshot_id = ? ORDER BY seq`,
  );
  for (const r of raws.iterate(snapshotId) as IterableIterator<RawHashInput & { sha256: string }>) {
    const hash = trust ? r.sha256 : rawRowHash(r);
    if (hash !== r.sha256) note(`raw response ${r.seq} (${r.service} ${r.region} ${r.operation})`);
    h.line(`raw ${hash}`);
  }
  for (const g of db
    .prepare(
      'SELECT seq, service, region, operation, code, message, resource FROM collection_errors WHERE snapshot_id = ? ORDER BY seq',
    )
    .iterate(snapshotId) as IterableIterator<GapRow>) {
    h.line(`gap ${rowHash(gapHashRow(g))}`);
  }
  for (const r of db
    .prepare('SELECT target, count, kinds FROM redactions WHERE snapshot_id = ? ORDER BY target')
    .iterate(snapshotId) as IterableIterator<RedactionRow>) {
    h.line(`redaction ${rowHash(r)}`);
  }
  return { contentSha256: h.digest(), altered, alteredCount };
}

/** The hash of one evaluation: its identity and every finding it holds, in (check, resource) order. */
export function computeEvaluationHash(db: Db, evaluationId: string): string {
  const ev = db
    .prepare('SELECT id, snapshot_id, catalog_version, evaluated_at FROM evaluations WHERE id = ?')
    .get(evaluationId) as Record<string, string> | undefined;
  if (!ev) throw new Error(`there is no evaluation ${evaluationId}`);
  const h = new LineHasher(EVALUATION_TAG);
  h.line(`evaluation ${rowHash(ev)}`);
  // Columns selected in key order and read as arrays: one evaluation can hold millions of findings, and
  // building an object per row to sort its keys again was most of the cost. findings is STRICT with TEXT
  // NOT NULL columns, so every value is a string; canonicalStrings emits what rowHash would.
  for (const values of db
    .prepare(
      `SELECT ${FINDING_KEYS.join(', ')} FROM findings WHERE evaluation_id = ? ORDER BY check_id, resource_uid`,
    )
    .raw()
    .iterate(evaluationId) as IterableIterator<unknown[]>) {
    h.line(`finding ${sha256(canonicalStrings(FINDING_KEYS, values))}`);
  }
  return h.digest();
}

/**
 * The hash of the database schema (tables, indexes, views, triggers as stored in sqlite_master). A shipped
 * snapshot.sqlite whose views or triggers were rewritten would make the shipped checks answer differently
 * without touching a single row, so the schema is bound too.
 */
export function computeSchemaHash(db: Db): string {
  const h = new LineHasher(SCHEMA_TAG);
  for (const r of db
    .prepare(
      `SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name`,
    )
    .iterate() as IterableIterator<Record<string, string | null>>) {
    h.line(`${r.type} ${rowHash(r)}`);
  }
  return h.digest();
}
