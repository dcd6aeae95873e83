import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { APPLICATION_ID, DatabaseRefusedError, openDatabase } from '../../main/store/db';
import { DatabaseTooNewError, loadMigrations, migrate, schemaVersion } from '../../main/store/migrate';
import { awsResource, makeSnapshot, type SnapshotFixture } from '../helpers/snapshot-fixture';

const dirs: string[] = [];
let fx: SnapshotFixture | undefined;
afterEach(() => {
  fx?.close();
  fx = undefined;
  dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true }));
});
function tempFile(name = 'workspace.sqlite'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'migrations-'));
  dirs.push(dir);
  return path.join(dir, name);
}
const names = (db: Database.Database, type: 'table' | 'trigger' | 'view') =>
  (
    db.prepare('SELECT name FROM sqlite_master WHERE type = ? ORDER BY name').all(type) as { name: string }[]
  ).map((r) => r.name);

describe('migration 0001-init', () => {
  it('creates the evidence tables and immutability triggers and records user_version 1', () => {
    const db = new Database(':memory:');
    expect(migrate(db, loadMigrations(), 1)).toBe(1);
    expect(schemaVersion(db)).toBe(1);
    expect(names(db, 'table')).toEqual(
      expect.arrayContaining([
        'snapshots',
        'resources',
        'raw_responses',
        'collection_errors',
        'evaluations',
        'findings',
        'audit_log',
      ]),
    );
    expect(names(db, 'trigger')).toEqual(
      expect.arrayContaining([
        'snapshots_sealed_update',
        'resources_sealed_update',
        'resources_sealed_delete',
        'findings_no_update',
        'audit_log_no_delete',
      ]),
    );
    expect(names(db, 'view')).toEqual([]);
    db.close();
  });

  it("forbids changing or deleting a complete snapshot's rows, findings and evaluations", () => {
    fx = makeSnapshot({
      resources: [
        awsResource('AWS::S3::Bucket', 'arn:aws:s3:::b', {
          Name: 'b',
          Region: 'us-east-1',
          Encryption: null,
        }),
      ],
      gaps: [
        {
          service: 's3',
          region: 'us-east-1',
          operation: 'GetBucketAcl',
          code: 'AccessDenied',
          message: 'denied',
        },
      ],
    });
    const { db, snapshotId } = fx;
    const immutable = /evidence is immutable/;
    expect(() =>
      db.prepare(`UPDATE resources SET config = '{}' WHERE snapshot_id = ?`).run(snapshotId),
    ).toThrow(immutable);
    expect(() => db.prepare('DELETE FROM resources WHERE snapshot_id = ?').run(snapshotId)).toThrow(
      immutable,
    );
    expect(() =>
      db.prepare(`UPDATE collection_errors SET code = 'x' WHERE snapshot_id = ?`).run(snapshotId),
    ).toThrow(immutable);
    expect(() => db.prepare('DELETE FROM collection_errors WHERE snapshot_id = ?').run(snapshotId)).toThrow(
      immutable,
    );
    expect(() => db.prepare(`UPDATE snapshots SET account = 'x' WHERE id = ?`).run(snapshotId)).toThrow(
      immutable,
    );
    expect(() => db.prepare('DELETE FROM snapshots WHERE id = ?').run(snapshotId)).toThrow(immutable);
    expect(() =>
      db
        .prepare(
          `INSERT INTO resources (snapshot_id, uid, provider, service, type, region, name, config, sha256)
                  VALUES (?, 'late', 'aws', 's3', 'AWS::S3::Bucket', 'us-east-1', 'late', '{}', 'x')`,
        )
        .run(snapshotId),
    ).toThrow(immutable);
    expect(() =>
      db.prepare(`UPDATE findings SET status = 'pass' WHERE snapshot_id = ?`).run(snapshotId),
    ).toThrow(immutable);
    expect(() => db.prepare('DELETE FROM findings WHERE snapshot_id = ?').run(snapshotId)).toThrow(immutable);
    expect(() => db.prepare('DELETE FROM evaluations WHERE snapshot_id = ?').run(snapshotId)).toThrow(
      immutable,
    );
    // The failing finding is still there, unchanged.
    expect(fx.findings('s3_bucket_default_encryption')[0].status).toBe('fail');
  });
});

describe('opening a workspace (openDatabase)', () => {
  it('migrates a new workspace to the latest version and stamps it as ours', () => {
    const file = tempFile();
    const db = openDatabase(file);
    expect(schemaVersion(db)).toBe(loadMigrations().length);
    expect(loadMigrations().length).toBeGreaterThanOrEqual(2);
    expect(db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    db.close();
    // Readable without SQLite too: bytes 68-71 of the header spell the stamp.
    expect(fs.readFileSync(file).toString('latin1', 68, 72)).toBe('EvDs');
  });

  it('accepts a workspace written before the stamp existed (application_id 0), stamps and migrates it', () => {
    const file = tempFile();
    const legacy = new Database(file);
    migrate(legacy, loadMigrations(), 2);
    legacy.pragma('journal_mode = WAL');
    legacy
      .prepare(
        `INSERT INTO snapshots (id, connection, provider, started_at, status, tool_version, catalog_version)
      VALUES ('old', 'demo', 'aws', '2025-01-01T00:00:00Z', 'failed', '0.0.1', 'c1')`,
      )
      .run();
    legacy.close();
    expect(fs.readFileSync(file).readInt32BE(68)).toBe(0);
    const db = openDatabase(file);
    expect(db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    expect(schemaVersion(db)).toBe(loadMigrations().length);
    expect(db.prepare('SELECT id FROM snapshots').all()).toEqual([{ id: 'old' }]);
    db.close();
  });

  it('lets a second connection open a workspace another one holds open, without migrating it again', () => {
    const file = tempFile();
    const a = openDatabase(file);
    const b = openDatabase(file);
    expect(schemaVersion(b)).toBe(loadMigrations().length);
    a.close();
    b.close();
  });

  it('refuses a database written by a newer app and leaves it byte-identical', () => {
    const file = tempFile();
    openDatabase(file).close();
    const future = new Database(file);
    future.pragma('user_version = 999');
    future.close();
    const before = fs.readFileSync(file);
    expect(() => openDatabase(file)).toThrow(DatabaseTooNewError);
    expect(() => openDatabase(file)).toThrow(/newer Evidence Desk \(schema 999/);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
  });

  it('refuses a file that is not SQLite and leaves it untouched', () => {
    const file = tempFile('notes.sqlite');
    fs.writeFileSync(file, 'these are my meeting notes, not a database\n'.repeat(20));
    const before = fs.readFileSync(file);
    expect(() => openDatabase(file)).toThrow(DatabaseRefusedError);
    expect(() => openDatabase(file)).toThrow(/not an SQLite database.*The file was not changed/);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });

  it('refuses a corrupt SQLite file and leaves it untouched', () => {
    const file = tempFile();
    const db = new Database(file);
    db.exec('CREATE TABLE t (x TEXT); CREATE INDEX t_x ON t(x);');
    const ins = db.prepare('INSERT INTO t VALUES (?)');
    db.transaction(() => {
      for (let i = 0; i < 2000; i++) ins.run(`row ${i} `.repeat(5));
    })();
    db.close();
    const bytes = fs.readFileSync(file);
    // Keep the valid header and first page, garble everything after it.
    for (let i = 4096; i < bytes.length; i += 7) bytes[i] = (bytes[i] + 91) & 0xff;
    fs.writeFileSync(file, bytes);
    expect(() => openDatabase(file)).toThrow(DatabaseRefusedError);
    expect(fs.readFileSync(file).equals(bytes)).toBe(true);
  });
});

describe('migration 0002-aws-views', () => {
  it('adds the normalising views at user_version 2', () => {
    const db = new Database(':memory:');
    migrate(db, loadMigrations(), 2);
    expect(schemaVersion(db)).toBe(2);
    expect(names(db, 'view')).toEqual([
      'aws_cloudtrail_trails',
      'aws_iam_access_keys',
      'aws_iam_policy_statements',
      'aws_s3_bucket_grants',
      'aws_sg_ingress',
    ]);
    db.close();
  });

  it('explodes security-group rules, policy statements, access keys, bucket grants and trails into rows', () => {
    fx = makeSnapshot({
      checks: [],
      resources: [
        awsResource('AWS::EC2::SecurityGroup', 'arn:sg/sg-1', {
          GroupId: 'sg-1',
          GroupName: 'web',
          IpPermissions: [
            {
              IpProtocol: 'tcp',
              FromPort: 443,
              ToPort: 443,
              IpRanges: [{ CidrIp: '0.0.0.0/0' }, { CidrIp: '10.0.0.0/8' }],
              Ipv6Ranges: [{ CidrIpv6: '::/0' }],
            },
            { IpProtocol: '-1', IpRanges: [{ CidrIp: '192.168.0.0/16' }] },
            { IpProtocol: 'icmp', FromPort: -1, ToPort: -1, IpRanges: [{ CidrIp: '0.0.0.0/0' }] },
            { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, UserIdGroupPairs: [{ GroupId: 'sg-2' }] },
          ],
        }),
        awsResource('AWS::IAM::ManagedPolicy', 'arn:policy/p', {
          PolicyName: 'p',
          Arn: 'arn:policy/p',
          AttachmentCount: 2,
          Document: {
            Statement: [
              {
                Sid: 'A',
                Effect: 'Allow',
                Action: ['s3:GetObject', 's3:PutObject'],
                Resource: ['arn:b/1', 'arn:b/2'],
              },
              { Effect: 'Deny', NotAction: 'iam:*', Resource: '*' },
            ],
          },
        }),
        awsResource('AWS::IAM::ManagedPolicy', 'arn:policy/single', {
          PolicyName: 'single',
          Arn: 'arn:policy/single',
          Document: { Statement: { Effect: 'Allow', Action: '*', Resource: '*' } },
        }),
        awsResource('AWS::IAM::User', 'arn:user/u', {
          UserName: 'u',
          AccessKeys: [
            {
              AccessKeyId: 'AKIA1',
              Status: 'Active',
              CreateDate: '2025-01-01T00:00:00Z',
              LastUsedDate: null,
            },
            { AccessKeyId: 'AKIA2', Status: 'Inactive', CreateDate: '2024-01-01T00:00:00Z' },
          ],
        }),
        awsResource('AWS::S3::Bucket', 'arn:aws:s3:::b', {
          Name: 'b',
          Acl: {
            Grants: [
              { Grantee: { Type: 'CanonicalUser', ID: 'owner' }, Permission: 'FULL_CONTROL' },
              {
                Grantee: { Type: 'Group', URI: 'http://acs.amazonaws.com/groups/global/AllUsers' },
                Permission: 'READ',
              },
            ],
          },
        }),
        awsResource('AWS::CloudTrail::Trail', 'arn:trail/t', {
          Name: 't',
          TrailARN: 'arn:trail/t',
          IsMultiRegionTrail: true,
          LogFileValidationEnabled: false,
        }),
      ],
    });
    const { db, snapshotId } = fx;
    const rows = (sql: string) => db.prepare(sql).all({ s: snapshotId });

    expect(
      rows(
        'SELECT group_id, rule_index, ip_protocol, from_port, to_port, cidr_family, cidr FROM aws_sg_ingress WHERE snapshot_id = @s ORDER BY rule_index, cidr',
      ),
    ).toEqual([
      {
        group_id: 'sg-1',
        rule_index: 0,
        ip_protocol: 'tcp',
        from_port: 443,
        to_port: 443,
        cidr_family: 'ipv4',
        cidr: '0.0.0.0/0',
      },
      {
        group_id: 'sg-1',
        rule_index: 0,
        ip_protocol: 'tcp',
        from_port: 443,
        to_port: 443,
        cidr_family: 'ipv4',
        cidr: '10.0.0.0/8',
      },
      {
        group_id: 'sg-1',
        rule_index: 0,
        ip_protocol: 'tcp',
        from_port: 443,
        to_port: 443,
        cidr_family: 'ipv6',
        cidr: '::/0',
      },
      {
        group_id: 'sg-1',
        rule_index: 1,
        ip_protocol: '-1',
        from_port: 0,
        to_port: 65535,
        cidr_family: 'ipv4',
        cidr: '192.168.0.0/16',
      },
      {
        group_id: 'sg-1',
        rule_index: 2,
        ip_protocol: 'icmp',
        from_port: 0,
        to_port: 65535,
        cidr_family: 'ipv4',
        cidr: '0.0.0.0/0',
      },
    ]);

    expect(
      rows(
        'SELECT policy_name, statement_index, sid, effect, action, resource FROM aws_iam_policy_statements WHERE snapshot_id = @s ORDER BY policy_name, statement_index, action, resource',
      ),
    ).toEqual([
      {
        policy_name: 'p',
        statement_index: 0,
        sid: 'A',
        effect: 'Allow',
        action: 's3:GetObject',
        resource: 'arn:b/1',
      },
      {
        policy_name: 'p',
        statement_index: 0,
        sid: 'A',
        effect: 'Allow',
        action: 's3:GetObject',
        resource: 'arn:b/2',
      },
      {
        policy_name: 'p',
        statement_index: 0,
        sid: 'A',
        effect: 'Allow',
        action: 's3:PutObject',
        resource: 'arn:b/1',
      },
      {
        policy_name: 'p',
        statement_index: 0,
        sid: 'A',
        effect: 'Allow',
        action: 's3:PutObject',
        resource: 'arn:b/2',
      },
      { policy_name: 'p', statement_index: 1, sid: null, effect: 'Deny', action: null, resource: '*' },
      { policy_name: 'single', statement_index: 0, sid: null, effect: 'Allow', action: '*', resource: '*' },
    ]);

    expect(
      rows(
        'SELECT user_name, access_key_id, key_status, last_used_date, last_used_collected FROM aws_iam_access_keys WHERE snapshot_id = @s ORDER BY access_key_id',
      ),
    ).toEqual([
      {
        user_name: 'u',
        access_key_id: 'AKIA1',
        key_status: 'Active',
        last_used_date: null,
        last_used_collected: 1,
      },
      {
        user_name: 'u',
        access_key_id: 'AKIA2',
        key_status: 'Inactive',
        last_used_date: null,
        last_used_collected: 0,
      },
    ]);

    expect(
      rows(
        'SELECT bucket_name, grantee_type, permission, public_group FROM aws_s3_bucket_grants WHERE snapshot_id = @s ORDER BY permission',
      ),
    ).toEqual([
      { bucket_name: 'b', grantee_type: 'CanonicalUser', permission: 'FULL_CONTROL', public_group: null },
      { bucket_name: 'b', grantee_type: 'Group', permission: 'READ', public_group: 'AllUsers' },
    ]);

    expect(
      rows(
        'SELECT name, is_multi_region, log_file_validation, status_collected, is_logging FROM aws_cloudtrail_trails WHERE snapshot_id = @s',
      ),
    ).toEqual([
      { name: 't', is_multi_region: 1, log_file_validation: 0, status_collected: 0, is_logging: 0 },
    ]);
  });
});

describe('migration 0004-scale', () => {
  const plan = (db: Database.Database, sql: string, ...params: unknown[]) =>
    (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[])
      .map((r) => r.detail)
      .join('\n');

  it('reads one resource type of a snapshot in uid order from one index, and counts resources from it', () => {
    const db = new Database(':memory:');
    migrate(db, loadMigrations(), 4);
    expect(schemaVersion(db)).toBe(4);
    const index = db
      .prepare(`SELECT sql FROM sqlite_master WHERE type = 'index' AND name = 'resources_by_type'`)
      .get() as { sql: string };
    expect(index.sql).toMatch(/ON resources\s*\(snapshot_id, type, uid\)/);
    // What the IAM checks do (one rare type, grouped by uid): a seek, no walk of the snapshot, no sort.
    const byType = plan(
      db,
      `SELECT uid, count(*) FROM resources WHERE snapshot_id = ? AND type = 'AWS::IAM::User' GROUP BY uid`,
      's',
    );
    expect(byType).toMatch(/USING (COVERING )?INDEX resources_by_type \(snapshot_id=\? AND type=\?\)/);
    expect(byType).not.toMatch(/TEMP B-TREE/);
    // Findings are only ever read per evaluation: the per-snapshot index is gone from the write path.
    expect(
      db.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'findings'`).all(),
    ).toEqual([{ name: 'sqlite_autoindex_findings_1' }]);
    // The snapshot list's per-snapshot resource count reads an index, never the table rows.
    expect(plan(db, 'SELECT count(*) FROM resources WHERE snapshot_id = ?', 's')).toMatch(
      /USING COVERING INDEX/,
    );
    db.close();
  });

  it('records counts at the seal, and still refuses findings for a sealed, missing or other-snapshot evaluation', () => {
    fx = makeSnapshot({
      resources: [awsResource('AWS::S3::Bucket', 'arn:aws:s3:::b', { Name: 'b' })],
      checks: [],
    });
    const { db, snapshotId } = fx;
    // The seal records the counts the snapshot list shows, so listing never counts a big snapshot's rows.
    expect(
      db.prepare('SELECT resource_count, error_count FROM snapshots WHERE id = ?').get(snapshotId),
    ).toEqual({ resource_count: 1, error_count: 0 });
    const trigger = db
      .prepare(`SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'findings_insert_unsealed'`)
      .get() as { sql: string };
    expect(trigger.sql.match(/FROM evaluations/g)).toHaveLength(1);
    const insertFinding = (evaluationId: string, snapshot = snapshotId) =>
      db
        .prepare(
          `INSERT INTO findings (evaluation_id, snapshot_id, check_id, resource_uid, status, reason)
           VALUES (?, ?, 'c', 'arn:aws:s3:::b', 'pass', 'r')`,
        )
        .run(evaluationId, snapshot);
    db.prepare(
      `INSERT INTO evaluations (id, snapshot_id, catalog_version, evaluated_at) VALUES ('open', ?, 'v', 'now')`,
    ).run(snapshotId);
    // An unsealed evaluation of the same snapshot takes findings ...
    expect(() => insertFinding('open')).not.toThrow();
    // ... a missing evaluation, another snapshot's one and a sealed one do not.
    expect(() => insertFinding('missing')).toThrow(/evidence is immutable/);
    expect(() => insertFinding('open', 'another-snapshot')).toThrow(/evidence is immutable|FOREIGN KEY/);
    db.prepare(`UPDATE evaluations SET sealed_at = 'now', findings_sha256 = 'x' WHERE id = 'open'`).run();
    expect(() =>
      db
        .prepare(
          `INSERT INTO findings (evaluation_id, snapshot_id, check_id, resource_uid, status, reason)
           VALUES ('open', ?, 'c2', 'arn:aws:s3:::b', 'pass', 'r')`,
        )
        .run(snapshotId),
    ).toThrow(/evidence is immutable: evaluation is sealed/);
  });
});

describe('migration 0005-findings-query', () => {
  it('adds the (evaluation, status, check, resource) index the findings view pages through', () => {
    const db = new Database(':memory:');
    migrate(db, loadMigrations(), 5);
    expect(schemaVersion(db)).toBe(5);
    const index = db
      .prepare(`SELECT sql FROM sqlite_master WHERE type = 'index' AND name = 'findings_by_status_check'`)
      .get() as { sql: string } | undefined;
    expect(index?.sql).toMatch(/ON findings\s*\(evaluation_id, status, check_id, resource_uid\)/);
    // Counting findings per (status, check) for the facets reads the index alone, never a table row.
    const plan = (
      db
        .prepare(
          'EXPLAIN QUERY PLAN SELECT status, check_id, count(*) FROM findings WHERE evaluation_id = ? GROUP BY status, check_id',
        )
        .all('e') as { detail: string }[]
    )
      .map((r) => r.detail)
      .join('\n');
    expect(plan).toMatch(/USING COVERING INDEX findings_by_status_check/);
    expect(plan).not.toMatch(/TEMP B-TREE/);
    db.close();
  });
});

describe('migration 0006-collection-runs', () => {
  it('groups account snapshots under a run without changing the snapshots table', () => {
    const db = new Database(':memory:');
    migrate(db, loadMigrations(), 5);
    const snapshotsBefore = (
      db.prepare(`SELECT sql FROM sqlite_master WHERE name = 'snapshots'`).get() as { sql: string }
    ).sql;
    expect(migrate(db, loadMigrations(), 6)).toBe(6);
    expect(names(db, 'table')).toEqual(
      expect.arrayContaining(['collection_runs', 'collection_run_snapshots', 'collection_run_gaps']),
    );
    // The sealed snapshots table (and so its row hash recipe) is exactly as it was.
    expect(
      (db.prepare(`SELECT sql FROM sqlite_master WHERE name = 'snapshots'`).get() as { sql: string }).sql,
    ).toBe(snapshotsBefore);
    db.close();
  });

  it('links snapshots and gaps while the run is running, and freezes the run once it ends', () => {
    fx = makeSnapshot({ resources: [] });
    const { db, snapshotId } = fx;
    db.prepare(
      `INSERT INTO collection_runs (id, connection, kind, role_name, started_at, status)
       VALUES ('run-1', 'demo', 'organization', 'OrganizationAccountAccessRole', '2026-01-01T00:00:00Z', 'running')`,
    ).run();
    const link = db.prepare(
      `INSERT INTO collection_run_snapshots (run_id, snapshot_id, account_id, account_name) VALUES (?, ?, ?, ?)`,
    );
    link.run('run-1', snapshotId, '111122223333', 'Northwind Health');
    // One snapshot belongs to one run only, and a run names each account once.
    expect(() => link.run('run-1', snapshotId, '444455556666', 'Dev')).toThrow(/UNIQUE|PRIMARY KEY/);
    expect(() => link.run('run-1', 'no-such-snapshot', '444455556666', 'Dev')).toThrow(/FOREIGN KEY/);
    const gap = db.prepare(
      `INSERT INTO collection_run_gaps (run_id, seq, account_id, account_name, code, message) VALUES ('run-1', ?, ?, NULL, 'AccessDenied', 'denied')`,
    );
    gap.run(1, '777788889999');
    expect(() =>
      db.prepare(`UPDATE collection_run_gaps SET message = 'fine' WHERE run_id = 'run-1'`).run(),
    ).toThrow(/immutable/);
    expect(() => db.prepare(`DELETE FROM collection_run_snapshots WHERE run_id = 'run-1'`).run()).toThrow(
      /immutable/,
    );
    const insertRun = db.prepare(
      `INSERT INTO collection_runs (id, connection, kind, role_name, started_at, status)
       VALUES ('run-2', 'demo', 'single', 'x', 'now', 'running')`,
    );
    expect(() => insertRun.run()).toThrow(/CHECK constraint failed/);

    db.prepare(
      `UPDATE collection_runs SET status = 'complete', finished_at = 'later' WHERE id = 'run-1'`,
    ).run();
    expect(() => db.prepare(`UPDATE collection_runs SET status = 'failed' WHERE id = 'run-1'`).run()).toThrow(
      /immutable: collection run is finished/,
    );
    expect(() => gap.run(2, '888899990000')).toThrow(/immutable: collection run is finished/);
    expect(() => db.prepare(`DELETE FROM collection_runs WHERE id = 'run-1'`).run()).toThrow(/immutable/);
  });
});

describe('migration 0007-workspace-settings', () => {
  it('keeps one JSON value per setting key and refuses a value that is not JSON', () => {
    const db = new Database(':memory:');
    migrate(db, loadMigrations(), 7);
    expect(schemaVersion(db)).toBe(7);
    const put = db.prepare('INSERT INTO settings (key, value, updated_at, updated_by) VALUES (?, ?, ?, ?)');
    put.run('approvedRegions', '{"aws":["us-east-1"]}', '2026-01-01T00:00:00Z', 'alice');
    expect(() => put.run('approvedRegions', '{"aws":[]}', '2026-01-02T00:00:00Z', 'bob')).toThrow(
      /UNIQUE constraint failed: settings.key/,
    );
    expect(() => put.run('other', 'not json', '2026-01-02T00:00:00Z', 'bob')).toThrow(
      /CHECK constraint failed/,
    );
    db.close();
  });
});

describe('migration 0008-gap-resources', () => {
  it('adds a nullable resource to collection_errors: older gaps read NULL and stay immutable once sealed', () => {
    const db = new Database(':memory:');
    migrate(db, loadMigrations(), 7);
    db.prepare(
      `INSERT INTO snapshots (id, connection, provider, started_at, status, tool_version, catalog_version)
       VALUES ('s7', 'demo', 'aws', '2025-01-01T00:00:00Z', 'running', '0.0.1', 'c1')`,
    ).run();
    db.prepare(
      `INSERT INTO collection_errors (snapshot_id, seq, service, region, operation, code, message)
       VALUES ('s7', 1, 's3', 'us-east-1', 'GetBucketPolicy', 'AccessDenied', 'denied')`,
    ).run();
    db.prepare(`UPDATE snapshots SET status = 'complete' WHERE id = 's7'`).run();

    expect(migrate(db, loadMigrations(), 8)).toBe(8);
    const columns = db.prepare('PRAGMA table_info(collection_errors)').all() as {
      name: string;
      type: string;
      notnull: number;
    }[];
    expect(columns.find((c) => c.name === 'resource')).toMatchObject({ type: 'TEXT', notnull: 0 });
    expect(db.prepare(`SELECT resource FROM collection_errors WHERE snapshot_id = 's7'`).get()).toEqual({
      resource: null,
    });
    // The sealed-row triggers cover the new column: naming a resource after the seal is refused.
    expect(() =>
      db.prepare(`UPDATE collection_errors SET resource = 'forged' WHERE snapshot_id = 's7'`).run(),
    ).toThrow(/evidence is immutable/);
    // A new gap can name one.
    db.prepare(
      `INSERT INTO snapshots (id, connection, provider, started_at, status, tool_version, catalog_version)
       VALUES ('s8', 'demo', 'aws', '2025-01-02T00:00:00Z', 'running', '0.0.1', 'c1')`,
    ).run();
    db.prepare(
      `INSERT INTO collection_errors (snapshot_id, seq, service, region, operation, code, message, resource)
       VALUES ('s8', 1, 's3', 'us-east-1', 'GetBucketPolicy', 'AccessDenied', 'denied', 'logs-bucket')`,
    ).run();
    expect(db.prepare(`SELECT resource FROM collection_errors WHERE snapshot_id = 's8'`).get()).toEqual({
      resource: 'logs-bucket',
    });
    db.close();
  });
});

describe('migration 0009-assessments', () => {
  it('creates the assessment tables with append-only triggers and the requester-cannot-decide rule', () => {
    const db = new Database(':memory:');
    migrate(db, loadMigrations(), 9);
    expect(schemaVersion(db)).toBe(9);
    for (const t of [
      'people',
      'assessments',
      'assessment_people',
      'assessment_snapshots',
      'exception_versions',
      'exception_events',
      'attachments',
      'signoffs',
    ])
      expect(names(db, 'table')).toContain(t);
    const at = '2026-01-01T00:00:00Z';
    const person = db.prepare(
      `INSERT INTO people (id, name, email, public_key_pem, fingerprint, key_encrypted, created_at, created_by)
       VALUES (?, ?, ?, 'pem', ?, 0, ?, 'os')`,
    );
    person.run('p1', 'Alice', 'alice@example.test', 'a'.repeat(64), at);
    person.run('p2', 'Bob', 'bob@example.test', 'b'.repeat(64), at);
    expect(() => person.run('p3', 'Alias', 'ALICE@example.test', 'c'.repeat(64), at)).toThrow(/UNIQUE/);
    expect(() => db.prepare("UPDATE people SET name = 'x' WHERE id = 'p1'").run()).toThrow(/kept as created/);

    const version = db.prepare(
      `INSERT INTO exception_versions (id, version, check_id, severity, scope, justification, risk_owner, requested_by,
         requested_at, expires_at) VALUES ('e1', 1, 'c', 'high', '{}', ?, 'p2', 'p1', ?, ?)`,
    );
    expect(() => version.run('too short', at, '2026-02-01T00:00:00Z')).toThrow(/CHECK constraint/);
    expect(() => version.run('a justification long enough', at, '2025-12-01T00:00:00Z')).toThrow(
      /CHECK constraint/,
    );
    version.run('a justification long enough', at, '2026-02-01T00:00:00Z');
    const event = db.prepare(
      "INSERT INTO exception_events (id, version, event, actor, at) VALUES ('e1', 1, ?, ?, ?)",
    );
    event.run('submitted', 'p1', at);
    expect(() => event.run('approved', 'p1', at)).toThrow(/requester of an exception cannot approve/);
    event.run('approved', 'p2', at);
    expect(() => db.prepare('DELETE FROM exception_events').run()).toThrow(/append-only/);
    expect(() => db.prepare("UPDATE exception_versions SET expires_at = '2030-01-01'").run()).toThrow(
      /append-only/,
    );

    db.prepare(
      `INSERT INTO assessments (id, name, frameworks, scope, period_start, period_end, created_at, created_by, updated_at)
       VALUES ('a1', 'A', '["soc2-2017"]', '{}', '2026-01-01', '2026-01-01', ?, 'p1', ?)`,
    ).run(at, at);
    expect(() =>
      db
        .prepare(
          `INSERT INTO assessments (id, name, frameworks, scope, period_start, period_end, created_at, created_by, updated_at)
           VALUES ('a2', 'B', '[]', '{}', '2026-01-02', '2026-01-01', ?, 'p1', ?)`,
        )
        .run(at, at),
    ).toThrow(/CHECK constraint/);
    expect(() => db.prepare("DELETE FROM assessments WHERE id = 'a1'").run()).toThrow(/kept for the record/);
    db.prepare(
      `INSERT INTO signoffs (assessment_id, framework, control_id, role, person_id, signed_at, digest, signature, digest_input)
       VALUES ('a1', 'soc2-2017', 'CC1.1', 'preparer', 'p1', ?, ?, 'sig', '{}')`,
    ).run(at, 'd'.repeat(64));
    expect(() => db.prepare("UPDATE signoffs SET digest = 'x'").run()).toThrow(/append-only/);
    db.close();
  });

  it('attaches only complete snapshots to an assessment', () => {
    fx = makeSnapshot({ resources: [awsResource('AWS::S3::Bucket', 'arn:aws:s3:::b', { Name: 'b' })] });
    const db = fx.db;
    const at = '2026-01-01T00:00:00Z';
    db.prepare(
      `INSERT INTO people (id, name, email, public_key_pem, fingerprint, key_encrypted, created_at, created_by)
       VALUES ('p1', 'Alice', 'a@example.test', 'pem', ?, 0, ?, 'os')`,
    ).run('a'.repeat(64), at);
    db.prepare(
      `INSERT INTO assessments (id, name, frameworks, scope, period_start, period_end, created_at, created_by, updated_at)
       VALUES ('a1', 'A', '["soc2-2017"]', '{}', '2026-01-01', '2026-01-01', ?, 'p1', ?)`,
    ).run(at, at);
    db.prepare(
      `INSERT INTO snapshots (id, connection, provider, started_at, status, tool_version, catalog_version)
       VALUES ('running-1', 'c', 'aws', ?, 'running', 't', 'v')`,
    ).run(at);
    const attach = db.prepare(
      "INSERT INTO assessment_snapshots (assessment_id, snapshot_id, attached_at, attached_by) VALUES ('a1', ?, ?, 'p1')",
    );
    expect(() => attach.run('running-1', at)).toThrow(/only a complete snapshot/);
    attach.run(fx.snapshotId, at);
    expect(() => db.prepare('DELETE FROM assessment_snapshots').run()).toThrow(/append-only/);
  });
});
