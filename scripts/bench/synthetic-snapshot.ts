// The bench's synthetic estate as a complete, evaluated snapshot, for scripts/bench/findings-page.ts and the
// findings-scale e2e. Made through the store's public functions only (sealing internals are someone else's to
// change), so it is written exactly as a collected snapshot is.
import { allChecks, CATALOG_VERSION } from '../../main/checks/catalog';
import { evaluateSnapshot } from '../../main/checks/engine';
import type { CollectedResource } from '../../main/collect/types';
import type { Db } from '../../main/store/db';
import { createRunningSnapshot, sealSnapshot } from '../../main/store/snapshots-repo';

/** Unit i of the synthetic estate: a security group (every 7th open to SSH) and a volume (every 3rd unencrypted). */
export function* syntheticEstate(units: number): Generator<CollectedResource> {
  for (let i = 0; i < units; i++) {
    const region = i % 2 ? 'us-east-1' : 'eu-west-1';
    const open = i % 7 === 0;
    yield {
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
            FromPort: open ? 22 : 443,
            ToPort: open ? 22 : 443,
            IpRanges: [{ CidrIp: '0.0.0.0/0' }],
            Ipv6Ranges: [],
          },
        ],
      },
    };
    yield {
      uid: `arn:aws:ec2:${region}:111122223333:volume/vol-${i}`,
      provider: 'aws',
      service: 'ec2',
      type: 'AWS::EC2::Volume',
      region,
      name: `vol-${i}`,
      tags: {},
      config: { VolumeId: `vol-${i}`, Encrypted: i % 3 !== 0, Size: 8, State: 'in-use' },
    };
  }
}

/** The synthetic estate as an array, for sealSnapshot's in-memory path. */
export function syntheticResources(units: number): CollectedResource[] {
  return [...syntheticEstate(units)];
}

/** A complete, evaluated snapshot of the synthetic estate, made through the store's public functions only. */
export function seedSyntheticSnapshot(db: Db, units: number, snapshotId = `synthetic-${units}`): string {
  createRunningSnapshot(db, {
    id: snapshotId,
    connection: 'synthetic',
    provider: 'aws',
    startedAt: new Date().toISOString(),
    toolVersion: 'bench',
    catalogVersion: CATALOG_VERSION,
  });
  sealSnapshot(
    db,
    snapshotId,
    { account: '111122223333', identity: 'bench', regions: ['eu-west-1', 'us-east-1'] },
    { resources: syntheticResources(units), raws: [], gaps: [] },
    (tx, id) => evaluateSnapshot(tx, id, allChecks, CATALOG_VERSION),
  );
  return snapshotId;
}
