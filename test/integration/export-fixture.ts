// A small evaluated snapshot and a hand-built evidence model for the export tests. The checks and controls
// here are the tests' own (not the catalog's) so the export code is tested independently of catalog changes;
// the full-pipeline test uses the real catalog.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { evaluateSnapshot, listFindings } from '../../main/checks/engine';
import type { CheckDefinition } from '../../main/checks/types';
import { testCheck } from '../helpers/snapshot-fixture';
import type { CollectedResource, RawResponse } from '../../main/collect/types';
import { latestEvaluation } from '../../main/store/evaluations-repo';
import { assembleEvidenceModel, type EvidenceModel } from '../../main/export/evidence-model';
import { loadTemplates } from '../../main/export/templates';
import { openDatabase, type Db } from '../../main/store/db';
import {
  createRunningSnapshot,
  getSnapshot,
  listCollectionErrors,
  listResources,
  sealSnapshot,
} from '../../main/store/snapshots-repo';
import type { CollectionError, ControlResult } from '../../shared/domain';

export const ACCOUNT = '111122223333';
export const BUCKETS = 30;
export const VOLUMES = 3;

const remediation = { console: 'c', cli: 'aws ...', terraform: 'resource ...' };

export const TEST_CHECKS: CheckDefinition[] = [
  testCheck({
    id: 'test-s3-encryption',
    provider: 'aws',
    service: 's3',
    title: 'S3 buckets encrypt data at rest',
    severity: 'high',
    resourceType: 'AWS::S3::Bucket',
    rationale: 'Default encryption protects objects written without an encryption header.',
    remediation,
    sql: `SELECT uid AS resource_uid,
       CASE WHEN json_type(config, '$.Encryption') IS NULL THEN 'error'
            WHEN json_type(config, '$.Encryption') = 'null' THEN 'fail' ELSE 'pass' END AS status,
       CASE WHEN json_type(config, '$.Encryption') IS NULL THEN 'encryption settings were not collected'
            WHEN json_type(config, '$.Encryption') = 'null' THEN 'no default encryption' ELSE 'default encryption on' END AS reason,
       json_object('Encryption', json_extract(config, '$.Encryption')) AS evidence
     FROM resources WHERE snapshot_id = @snapshot_id AND type = 'AWS::S3::Bucket'`,
  }),
  testCheck({
    id: 'test-ebs-encrypted',
    provider: 'aws',
    service: 'ec2',
    title: 'EBS volumes are encrypted',
    severity: 'medium',
    resourceType: 'AWS::EC2::Volume',
    rationale: 'Unencrypted volumes and their snapshots expose data to anyone who can copy them.',
    remediation,
    sql: `SELECT uid AS resource_uid,
       CASE WHEN json_extract(config, '$.Encrypted') THEN 'pass' ELSE 'fail' END AS status,
       CASE WHEN json_extract(config, '$.Encrypted') THEN 'encrypted' ELSE 'not encrypted' END AS reason,
       '{}' AS evidence
     FROM resources WHERE snapshot_id = @snapshot_id AND type = 'AWS::EC2::Volume'`,
  }),
];

export type Fixture = { db: Db; snapshotId: string; dir: string; close(): void };

export function makeExportFixture(opts: { seal?: boolean } = {}): Fixture {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'evidence-desk-export-'));
  const db = openDatabase(path.join(dir, 'workspace.sqlite'));
  const snapshotId = crypto.randomUUID();
  createRunningSnapshot(db, {
    id: snapshotId,
    connection: 'profile:audit',
    provider: 'aws',
    startedAt: '2025-06-30T08:00:00.000Z',
    toolVersion: '0.1.0',
    catalogVersion: 'test-1',
  });
  const resources: CollectedResource[] = [];
  const raws: RawResponse[] = [];
  for (let i = 0; i < BUCKETS; i++) {
    const name = `bucket-${String(i).padStart(2, '0')}`;
    // Bucket 0 is encrypted, bucket 1 was not collected (gap), the rest have no default encryption.
    const config: Record<string, unknown> = { Name: name, Region: 'us-east-1' };
    if (i === 0)
      config.Encryption = { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] };
    else if (i !== 1) config.Encryption = null;
    resources.push({
      uid: `arn:aws:s3:::${name}`,
      provider: 'aws',
      service: 's3',
      type: 'AWS::S3::Bucket',
      region: 'us-east-1',
      name,
      tags: {},
      config,
    });
  }
  raws.push({
    service: 's3',
    region: 'us-east-1',
    operation: 'ListBuckets',
    params: {},
    response: { Buckets: resources.map((r) => ({ Name: r.name })) },
  });
  for (let i = 0; i < VOLUMES; i++) {
    const id = `vol-000${i}`;
    resources.push({
      uid: `arn:aws:ec2:eu-west-1:${ACCOUNT}:volume/${id}`,
      provider: 'aws',
      service: 'ec2',
      type: 'AWS::EC2::Volume',
      region: 'eu-west-1',
      name: id,
      tags: { env: 'prod' },
      config: { VolumeId: id, Encrypted: true, Size: 8 },
    });
  }
  raws.push({
    service: 'ec2',
    region: 'eu-west-1',
    operation: 'DescribeVolumes',
    params: { MaxResults: 500 },
    response: { Volumes: [{ VolumeId: 'vol-0000' }] },
  });
  raws.push({
    service: 'ec2',
    region: 'us-east-1',
    operation: 'DescribeVolumes',
    params: {},
    response: { Volumes: [] },
  });
  const gaps: CollectionError[] = [
    {
      service: 's3',
      region: 'us-east-1',
      operation: 'GetBucketEncryption',
      code: 'AccessDenied',
      message: 'bucket-01: access denied',
      resource: 'bucket-01',
    },
  ];
  if (opts.seal !== false) {
    sealSnapshot(
      db,
      snapshotId,
      {
        account: ACCOUNT,
        identity: `arn:aws:iam::${ACCOUNT}:role/EvidenceDeskReadOnly`,
        regions: ['us-east-1', 'eu-west-1'],
      },
      { resources, raws, gaps },
      (tx, id) => {
        evaluateSnapshot(tx, id, TEST_CHECKS, 'test-1');
      },
    );
  }
  return {
    db,
    snapshotId,
    dir,
    close: () => {
      if (db.open) db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const TEST_CONTROLS: ControlResult[] = [
  {
    framework: 'soc2-2017',
    controlId: 'CC6.1',
    title: 'Logical access security and encryption',
    description: 'The entity protects information assets with encryption at rest.',
    checkIds: ['test-s3-encryption'],
    status: 'deficient',
    statusReason: '28 resources fail test-s3-encryption',
    counts: { pass: 1, fail: 28, error: 1, na: 0, excepted: 0 },
    manualEvidence: [],
  },
  {
    framework: 'soc2-2017',
    controlId: 'CC6.7',
    title: 'Data is protected in storage',
    description: 'Block storage is encrypted.',
    checkIds: ['test-ebs-encrypted'],
    status: 'effective',
    statusReason: 'all 3 volumes pass',
    counts: { pass: 3, fail: 0, error: 0, na: 0, excepted: 0 },
    manualEvidence: [],
  },
  {
    framework: 'soc2-2017',
    controlId: 'CC1.1',
    title: 'Commitment to integrity and ethical values',
    description: 'Management demonstrates a commitment to integrity.',
    checkIds: [],
    status: 'manual',
    statusReason: 'needs the code of conduct and its acknowledgements',
    counts: { pass: 0, fail: 0, error: 0, na: 0, excepted: 0 },
    manualEvidence: ['Code of conduct', 'Signed acknowledgements for a sample of staff'],
  },
];

export function makeModel(db: Db, snapshotId: string): EvidenceModel {
  const snapshot = getSnapshot(db, snapshotId);
  if (!snapshot) throw new Error('fixture snapshot missing');
  return assembleEvidenceModel({
    snapshot,
    evaluation: latestEvaluation(db, snapshotId, 'test-1'),
    framework: { id: 'soc2-2017', name: 'SOC 2', version: '2017 (rev. 2022)' },
    controls: TEST_CONTROLS,
    checks: TEST_CHECKS,
    checkPack: {
      packFiles: TEST_CHECKS.map((c) => ({ path: c.file, sha256: c.sha256 })),
      mappingsFile: null,
    },
    findings: listFindings(db, snapshotId, TEST_CHECKS),
    inventory: listResources(db, snapshotId).map(({ uid, type, service, region, name, sha256 }) => ({
      uid,
      type,
      service,
      region,
      name,
      sha256,
    })),
    gaps: listCollectionErrors(db, snapshotId),
    templates: loadTemplates('soc2-2017'),
    tool: { name: 'Evidence Desk', version: '0.1.0', catalogVersion: 'test-1' },
    generatedAt: '2025-07-01T09:30:00.000Z',
  });
}
