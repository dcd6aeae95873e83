// npm run bench: time and peak memory of the demo flow (snapshot + evaluation, then export + verify), and of
// evaluation and findings listing at scale (a synthetic snapshot of many resources). Numbers, not asserts.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { allChecks, CATALOG_VERSION } from '../main/checks/catalog';
import { evaluateSnapshot, listFindings } from '../main/checks/engine';
import { startSnapshot } from '../main/collect/run-snapshot';
import { CollectionBuffer, type CollectedResource } from '../main/collect/types';
import { openWorkspace } from '../main/core/workspace';
import { exportPackage } from '../main/export/package';
import { verifyPackage } from '../main/export/verify';
import { createRunningSnapshot, sealSnapshot } from '../main/store/snapshots-repo';

let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 5);
const mb = (b: number) => `${(b / 1024 / 1024).toFixed(0)} MiB`;

async function timed<T>(label: string, fn: () => Promise<T> | T): Promise<T> {
  peakRss = process.memoryUsage().rss;
  const t0 = performance.now();
  const v = await fn();
  console.log(
    `${label.padEnd(44)} ${(performance.now() - t0).toFixed(0).padStart(7)} ms   peak RSS ${mb(peakRss)}`,
  );
  return v;
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ed-bench-'));
const ws = openWorkspace({ dataDir: dir, mode: 'cli' });
try {
  const snapshotId = await timed('demo snapshot (collect + evaluate + seal)', async () => {
    const { snapshotId, done } = startSnapshot(ws, { connectionId: 'demo' });
    const outcome = await done;
    if (outcome.status !== 'complete') throw new Error(outcome.message);
    return snapshotId;
  });
  const pkg = await timed('demo export (soc2-2017: xlsx+docx+zip+sign)', () =>
    exportPackage(ws.db, {
      snapshotId,
      framework: 'soc2-2017',
      outputDir: path.join(dir, 'out'),
      keyDir: ws.keyDir,
    }),
  );
  await timed('verify package zip', () => verifyPackage(pkg.zipPath));

  // Scale: 20k security groups + 20k volumes in one synthetic snapshot.
  const n = Number(process.env.BENCH_RESOURCES ?? 20000);
  const resources: CollectedResource[] = [];
  for (let i = 0; i < n; i++) {
    const region = i % 2 ? 'us-east-1' : 'eu-west-1';
    resources.push({
      uid: `arn:aws:ec2:${region}:111122223333:security-group/sg-${i.toString(16).padStart(8, '0')}`,
      provider: 'aws',
      service: 'ec2',
      type: 'AWS::EC2::SecurityGroup',
      region,
      name: `sg-${i}`,
      tags: {},
      config: {
        GroupId: `sg-${i}`,
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
    });
    resources.push({
      uid: `arn:aws:ec2:${region}:111122223333:volume/vol-${i}`,
      provider: 'aws',
      service: 'ec2',
      type: 'AWS::EC2::Volume',
      region,
      name: `vol-${i}`,
      tags: {},
      config: { VolumeId: `vol-${i}`, Encrypted: i % 3 !== 0, Size: 8, State: 'in-use' },
    });
  }
  const bigId = 'bench-scale';
  createRunningSnapshot(ws.db, {
    id: bigId,
    connection: 'bench',
    provider: 'aws',
    startedAt: new Date().toISOString(),
    toolVersion: 'bench',
    catalogVersion: CATALOG_VERSION,
  });
  const buffer = new CollectionBuffer(new AbortController().signal);
  buffer.resources.push(...resources);
  await timed(`seal + evaluate ${resources.length} resources`, () =>
    sealSnapshot(
      ws.db,
      bigId,
      { account: '111122223333', identity: 'bench', regions: [] },
      buffer,
      (db, id) => evaluateSnapshot(db, id, allChecks, CATALOG_VERSION),
    ),
  );
  const findings = await timed('list findings (scale snapshot)', () => listFindings(ws.db, bigId, allChecks));
  console.log(`  findings listed: ${findings.length}`);
} finally {
  clearInterval(sampler);
  ws.close();
  fs.rmSync(dir, { recursive: true, force: true });
}
