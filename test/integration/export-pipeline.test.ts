// The whole export path with the real check catalog, framework catalogs and control evaluation:
// snapshot -> evaluate -> exportPackage -> verifyPackage, for every framework.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allChecks } from '../../main/checks/catalog';
import { listFindings } from '../../main/checks/engine';
import { NotFoundError, RefusedError } from '../../main/core/errors';
import { exportPackage } from '../../main/export/package';
import { verifyPackage } from '../../main/export/verify';
import { getFramework } from '../../main/frameworks/catalog';
import { createRunningSnapshot } from '../../main/store/snapshots-repo';
import { FrameworkId } from '../../shared/domain';
import { awsResource, gap, makeSnapshot, type SnapshotFixture } from '../helpers/snapshot-fixture';

describe('exportPackage over the real catalogs', () => {
  let fx: SnapshotFixture;
  let out: string;

  beforeAll(() => {
    fx = makeSnapshot({
      resources: [
        awsResource('AWS::S3::Bucket', 'arn:aws:s3:::open-bucket', {
          Name: 'open-bucket',
          Region: 'us-east-1',
          PublicAccessBlock: null,
          PolicyStatus: { IsPublic: true },
          Acl: { Grants: [] },
          Encryption: null,
          Versioning: {},
          Logging: null,
        }),
        awsResource('AWS::S3::Bucket', 'arn:aws:s3:::locked-bucket', {
          Name: 'locked-bucket',
          Region: 'us-east-1',
          PublicAccessBlock: {
            BlockPublicAcls: true,
            IgnorePublicAcls: true,
            BlockPublicPolicy: true,
            RestrictPublicBuckets: true,
          },
          PolicyStatus: null,
          Acl: { Grants: [] },
          Encryption: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms' } }] },
          Versioning: { Status: 'Enabled' },
          Logging: { TargetBucket: 'logs' },
        }),
        awsResource('AWS::EC2::Volume', 'arn:aws:ec2:us-east-1:111122223333:volume/vol-1', {
          VolumeId: 'vol-1',
          Encrypted: false,
        }),
      ],
      gaps: [gap('iam', 'GetAccountPasswordPolicy', 'global')],
    });
    out = fs.mkdtempSync(path.join(os.tmpdir(), 'evidence-desk-pipeline-'));
  });
  afterAll(() => {
    fx.close();
    fs.rmSync(out, { recursive: true, force: true });
  });

  for (const framework of FrameworkId.options) {
    it(`exports and verifies a ${framework} package`, async () => {
      const result = await exportPackage(fx.db, {
        snapshotId: fx.snapshotId,
        framework,
        outputDir: out,
        keyDir: path.join(fx.dir, 'keys'),
      });
      expect(path.basename(result.packageDir)).toContain(`evidence-${framework}-111122223333-2025-06-30-`);
      for (const target of [result.packageDir, result.zipPath]) {
        // Pinned to the key that signed it, as an auditor given the fingerprint would.
        const v = await verifyPackage(target, { expectKey: result.signingKeyFingerprint });
        expect(v.problems).toEqual([]);
        expect(v.outcome).toBe('verified');
        expect(v.ok).toBe(true);
      }

      const fw = getFramework(framework);
      const mapped = new Set(fw.controls.flatMap((c) => c.checks.map((m) => m.id)));
      const findings = listFindings(fx.db, fx.snapshotId, allChecks).filter((f) => mapped.has(f.checkId));
      expect(findings.length).toBeGreaterThan(0);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(path.join(result.packageDir, 'workbook.xlsx'));
      expect(wb.getWorksheet('Control matrix')!.rowCount - 1).toBe(fw.controls.length);
      expect(wb.getWorksheet('Findings')!.rowCount - 1).toBe(findings.length);
      expect(wb.getWorksheet('Collection log')!.rowCount - 1).toBe(1);
      // Each mapped check ships as its own file, at its path in the check pack.
      for (const id of mapped) {
        const check = allChecks.find((c) => c.id === id)!;
        expect(
          fs.readFileSync(path.join(result.packageDir, check.file)).equals(Buffer.from(check.bytes)),
        ).toBe(true);
      }
    });
  }

  it('refuses a snapshot that is not complete, and one that does not exist', async () => {
    createRunningSnapshot(fx.db, {
      id: 'still-running',
      connection: 'test',
      provider: 'aws',
      startedAt: '2025-07-01T00:00:00.000Z',
      toolVersion: 'test',
      catalogVersion: 'test',
    });
    const opts = { framework: 'soc2-2017' as const, outputDir: out, keyDir: path.join(fx.dir, 'keys') };
    await expect(exportPackage(fx.db, { ...opts, snapshotId: 'still-running' })).rejects.toThrow(
      RefusedError,
    );
    await expect(exportPackage(fx.db, { ...opts, snapshotId: 'still-running' })).rejects.toThrow(
      /is running; only a complete snapshot can be exported/,
    );
    await expect(exportPackage(fx.db, { ...opts, snapshotId: 'nope' })).rejects.toThrow(NotFoundError);
    expect(fs.readdirSync(out).some((n) => n.includes('still-ru'))).toBe(false);
  });
});
