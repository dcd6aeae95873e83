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
