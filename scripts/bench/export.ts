// Bench section: export and verify at scale. Builds a synthetic snapshot of n units (a security group and a
// volume each, the estate of the issue) by streaming rows through the store's public sink and seal, then
// exports it for SOC 2 in this process (so the kernel's peak RSS covers the whole export) and verifies the zip.
import fs from 'node:fs';
import path from 'node:path';
import { allChecks, CATALOG_VERSION } from '../../main/checks/catalog';
import { evaluateSnapshot } from '../../main/checks/engine';
import { openWorkspace } from '../../main/core/workspace';
import { exportPackage } from '../../main/export/package';
import { verifyPackage } from '../../main/export/verify';
import type { Db } from '../../main/store/db';
import { SnapshotStaging } from '../../main/collect/staging-sink';
import { createRunningSnapshot, sealSnapshot } from '../../main/store/snapshots-repo';
import { fmtMiB, fmtMs, measure } from './measure';

const ACCOUNT = '111122223333';
/** Units per DescribeSecurityGroups / DescribeVolumes page in the synthetic raw responses. */
const PAGE = 1000;

function unitResources(i: number) {
  const region = i % 2 ? 'us-east-1' : 'eu-west-1';
  const sg = `sg-${i.toString(16).padStart(8, '0')}`;
  return [
    {
      uid: `arn:aws:ec2:${region}:${ACCOUNT}:security-group/${sg}`,
      provider: 'aws' as const,
      service: 'ec2',
      type: 'AWS::EC2::SecurityGroup',
      region,
      name: sg,
      tags: {},
      config: {
        GroupId: sg,
        IpPermissions: [
          {
            IpProtocol: 'tcp',
            FromPort: i % 7 ? 443 : 22,
            ToPort: i % 7 ? 443 : 22,
            IpRanges: [{ CidrIp: '0.0.0.0/0' }],
            Ipv6Ranges: [],
          },
        ],
      },
    },
    {
      uid: `arn:aws:ec2:${region}:${ACCOUNT}:volume/vol-${i}`,
      provider: 'aws' as const,
      service: 'ec2',
      type: 'AWS::EC2::Volume',
      region,
      name: `vol-${i}`,
      tags: {},
      config: { VolumeId: `vol-${i}`, Encrypted: i % 3 !== 0, Size: 8, State: 'in-use' },
    },
  ];
}

/** A sealed, evaluated snapshot of `units` units, streamed into staging (never all in memory). */
export function syntheticSnapshot(db: Db, units: number): string {
  const id = `bench-export-${units}`;
  createRunningSnapshot(db, {
    id,
    connection: 'bench',
    provider: 'aws',
    startedAt: new Date().toISOString(),
    toolVersion: 'bench',
    catalogVersion: CATALOG_VERSION,
  });
  const sink = new SnapshotStaging(db, id, new AbortController().signal);
  for (let start = 0; start < units; start += PAGE) {
    const end = Math.min(units, start + PAGE);
    for (let i = start; i < end; i++) for (const r of unitResources(i)) sink.resource(r);
    for (const [operation, key] of [
      ['DescribeSecurityGroups', 'SecurityGroups'],
      ['DescribeVolumes', 'Volumes'],
    ] as const) {
      sink.raw({
        service: 'ec2',
        region: 'us-east-1',
        operation,
        params: { NextToken: String(start) },
        response: { [key]: Array.from({ length: end - start }, (_, k) => ({ Id: start + k })) },
      });
    }
  }
  sealSnapshot(
    db,
    id,
    { account: ACCOUNT, identity: 'bench', regions: ['eu-west-1', 'us-east-1'] },
    sink,
    (tx, sid) => evaluateSnapshot(tx, sid, allChecks, CATALOG_VERSION),
  );
  return id;
}

export async function run(opts: {
  units?: number;
  resources?: number;
  dir: string;
}): Promise<Record<string, number | string>> {
  const units = opts.units ?? opts.resources ?? 0;
  if (!Number.isInteger(units) || units < 1)
    throw new Error(`export bench: units must be >= 1, not ${units}`);
  const ws = openWorkspace({ dataDir: path.join(opts.dir, 'export-ws'), mode: 'cli' });
  try {
    const made = await measure(() => syntheticSnapshot(ws.db, units));
    console.log(
      `export bench: synthetic snapshot of ${units * 2} resources   ${fmtMs(made.ms)}   peak RSS ${fmtMiB(made.peakMiB)}`,
    );
    const out = path.join(opts.dir, 'export-out');
    fs.mkdirSync(out, { recursive: true });
    let lastDetail = 0;
    const pkg = await measure(() =>
      exportPackage(ws.db, {
        snapshotId: made.value,
        framework: 'soc2-2017',
        outputDir: out,
        keyDir: ws.keyDir,
        onProgress: (p) => {
          // Progress of a long export, at most every 5 s: shows where the time goes.
          const now = performance.now();
          if (now - lastDetail > 5000 || p.phase === 'done') {
            lastDetail = now;
            console.log(`  export progress ${p.done}/${p.total}: ${p.message}`);
          }
        },
      }),
    );
    const zipMiB = fs.statSync(pkg.value.zipPath).size / 2 ** 20;
    console.log(
      `export (soc2-2017) of ${units * 2} resources          ${fmtMs(pkg.ms)}   peak RSS ${fmtMiB(pkg.peakMiB)}   zip ${zipMiB.toFixed(0)} MiB`,
    );
    const verified = await measure(() =>
      verifyPackage(pkg.value.zipPath, { expectKey: pkg.value.signingKeyFingerprint }),
    );
    if (!verified.value.ok)
      throw new Error(
        `the bench package did not verify: ${verified.value.problems.join('; ') || verified.value.outcome}`,
      );
    console.log(
      `verify (zip) of ${units * 2} resources                ${fmtMs(verified.ms)}   peak RSS ${fmtMiB(verified.peakMiB)}`,
    );
    return {
      exportSnapshotMs: made.ms,
      exportMs: pkg.ms,
      exportPeakMiB: pkg.peakMiB,
      exportZipMiB: zipMiB,
      verifyMs: verified.ms,
      verifyPeakMiB: verified.peakMiB,
    };
  } finally {
    ws.close();
  }
}
