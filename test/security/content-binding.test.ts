// Threat: the snapshot content hash was computed over the stored per-resource hashes, so editing
// resources.config in the shipped snapshot.sqlite left the hash, and the package, VERIFIED. Every hash is now
// recomputed from the data itself, at seal time and again by verify (and by the shipped verify_snapshot.py),
// and the database schema (views, triggers) is bound too.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../main/api/dispatch';
import { resourceRowHash } from '../../main/store/content-hash';
import { makeDemoPackage, type DemoPackage } from './demo-package';

let fx: DemoPackage;
beforeAll(async () => {
  fx = await makeDemoPackage();
}, 120_000);
afterAll(() => fx?.close());

/**
 * What an attacker does to a copy's snapshot.sqlite: drop the immutability triggers, edit, and put the very
 * same triggers back, so the schema looks untouched and only the data differs.
 */
function tamper(dir: string, sql: (db: Database.Database) => void): void {
  const db = new Database(path.join(dir, 'snapshot.sqlite'));
  try {
    const triggers = db.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'trigger'`).all() as {
      name: string;
      sql: string;
    }[];
    for (const t of triggers) db.exec(`DROP TRIGGER "${t.name}"`);
    sql(db);
    for (const t of triggers) db.exec(t.sql);
  } finally {
    db.close();
  }
}

async function verify(dir: string) {
  return fx.call('export.verify', { path: dir });
}

const python = (dir: string) =>
  spawnSync('/usr/bin/python3', [path.join(dir, 'verify_snapshot.py'), dir], { encoding: 'utf8' });

/** A bucket from the shipped database, with its stored row. */
function firstBucket(dir: string) {
  const db = new Database(path.join(dir, 'snapshot.sqlite'), { readonly: true });
  try {
    return db
      .prepare(`SELECT * FROM resources WHERE type = 'AWS::S3::Bucket' ORDER BY uid LIMIT 1`)
      .get() as Parameters<typeof resourceRowHash>[0] & { sha256: string };
  } finally {
    db.close();
  }
}

describe('the content hash binds the content', () => {
  it('an untouched package verifies, and the shipped Python script agrees with every hash', async () => {
    expect((await verify(fx.exported.packageDir)).outcome).toBe('verified');
    const r = python(fx.exported.packageDir);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain('matches the signed manifest');
  });

  it('editing one config value in the shipped database -> not verified, naming the resource', async () => {
    const dir = fx.copy();
    const bucket = firstBucket(dir);
    tamper(dir, (db) =>
      db
        .prepare(
          `UPDATE resources SET config = json_set(config, '$.Versioning.Status', 'Tampered') WHERE uid = ?`,
        )
        .run(bucket.uid),
    );
    const r = await verify(dir);
    expect(r.outcome).toBe('not-verified');
    expect(r.problems.join('\n')).toContain(
      `resource ${bucket.uid} was changed after the snapshot was sealed`,
    );
    // snapshot.sqlite's bytes changed too, so its manifest entry fails: but the hash check alone names the row
    // even where an attacker re-signs the manifest (see signers.test.ts); the Python recipe names it as well.
    const p = python(dir);
    expect(p.status, p.stderr).toBe(1);
    expect(p.stdout).toContain(`MISMATCH: resource ${bucket.uid} was changed after the snapshot was sealed`);
  });

  it('an edit that also rewrites the row hash is still caught by the snapshot content hash', async () => {
    const dir = fx.copy();
    const bucket = firstBucket(dir);
    const config = JSON.stringify({ ...JSON.parse(bucket.config), Tampered: true });
    const sha = resourceRowHash({ ...bucket, config });
    tamper(dir, (db) =>
      db.prepare('UPDATE resources SET config = ?, sha256 = ? WHERE uid = ?').run(config, sha, bucket.uid),
    );
    const r = await verify(dir);
    expect(r.outcome).toBe('not-verified');
    expect(r.problems.join('\n')).toMatch(
      /snapshot\.sqlite content hash is [0-9a-f]{64}, but the manifest states/,
    );
    expect(python(dir).stdout).toContain('MISMATCH: content hash is');
  });

  it('a raw API response, a collection gap, the snapshot time (@as_of) and the findings are all bound', async () => {
    const edits: [string, (db: Database.Database) => void, RegExp][] = [
      [
        'raw response',
        (db) => db.exec(`UPDATE raw_responses SET response = '{}' WHERE seq = 1`),
        /raw response 1 .* was changed/,
      ],
      ['collection gap', (db) => db.exec(`DELETE FROM collection_errors`), /content hash is/],
      [
        'snapshot start time',
        (db) => db.exec(`UPDATE snapshots SET started_at = '2020-01-01T00:00:00.000Z'`),
        /content hash is/,
      ],
      [
        'a finding',
        (db) => db.exec(`UPDATE findings SET status = 'pass' WHERE status = 'fail'`),
        /findings hash to [0-9a-f]{64}, but the manifest states/,
      ],
      [
        'an added finding',
        (db) =>
          db.exec(`INSERT INTO findings SELECT evaluation_id, snapshot_id, check_id, 'arn:aws:s3:::forged', 'pass',
            'forged', '{}' FROM findings LIMIT 1`),
        /findings hash to/,
      ],
      [
        'a second, unsigned evaluation',
        (db) =>
          db.exec(`INSERT INTO evaluations (id, snapshot_id, catalog_version, evaluated_at, sealed_at, findings_sha256)
            SELECT 'forged', snapshot_id, 'forged', '2099-01-01T00:00:00Z', '2099-01-01T00:00:00Z', findings_sha256
            FROM evaluations`),
        /holds evaluations besides/,
      ],
    ];
    for (const [what, edit, expected] of edits) {
      const dir = fx.copy();
      tamper(dir, edit);
      const r = await verify(dir);
      expect(r.outcome, what).toBe('not-verified');
      expect(r.problems.join('\n'), what).toMatch(expected);
    }
  });

  it('a rewritten view (the checks would answer differently with every row intact) breaks the schema hash', async () => {
    const dir = fx.copy();
    const db0 = new Database(path.join(dir, 'snapshot.sqlite'), { readonly: true });
    const view = (
      db0.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'view' ORDER BY name LIMIT 1`).get() as {
        name: string;
        sql: string;
      }
    ).name;
    db0.close();
    tamper(dir, (db) => {
      db.exec(`DROP VIEW "${view}"`);
      db.exec(`CREATE VIEW "${view}" AS SELECT 1 AS x WHERE 0`);
    });
    const r = await verify(dir);
    expect(r.outcome).toBe('not-verified');
    expect(r.problems.join('\n')).toContain('schema (tables, views, triggers) differs from the one signed');
    expect(python(dir).stdout).toContain('MISMATCH: schema hash is');
  });

  it('the workspace refuses to export a snapshot whose stored rows no longer match their hashes', async () => {
    // A row changed inside the workspace itself (triggers bypassed) is caught before anything ships.
    const db = fx.ws.db;
    const row = db
      .prepare(`SELECT uid, name FROM resources WHERE snapshot_id = ? LIMIT 1`)
      .get(fx.snapshotId) as {
      uid: string;
      name: string;
    };
    const out = path.join(fx.dataDir, 'refused');
    db.exec('DROP TRIGGER resources_sealed_update');
    try {
      db.prepare(`UPDATE resources SET name = 'renamed' WHERE snapshot_id = ? AND uid = ?`).run(
        fx.snapshotId,
        row.uid,
      );
      const r = await createDispatcher(fx.ws, { mode: 'browser' }).dispatch('export.create', {
        snapshotId: fx.snapshotId,
        framework: 'soc2-2017',
        outputDir: out,
      });
      expect(r.ok).toBe(false);
      expect(JSON.stringify(r)).toContain(`resource ${row.uid}`);
      expect(fs.existsSync(out) ? fs.readdirSync(out) : []).toEqual([]);
    } finally {
      db.prepare(`UPDATE resources SET name = ? WHERE snapshot_id = ? AND uid = ?`).run(
        row.name,
        fx.snapshotId,
        row.uid,
      );
    }
  });

  it('the sqlite3 command line reads the shipped file (an auditor needs no Evidence Desk)', () => {
    const out = execFileSync(
      'sqlite3',
      ['-readonly', path.join(fx.exported.packageDir, 'snapshot.sqlite'), 'SELECT count(*) FROM resources'],
      {
        encoding: 'utf8',
      },
    );
    expect(Number(out.trim())).toBeGreaterThan(10);
  });
});
